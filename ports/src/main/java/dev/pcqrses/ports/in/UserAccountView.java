package dev.pcqrses.ports.in;

import java.time.Instant;

/**
 * A user account as the read model shows it.
 *
 * @param id        the account's ULID
 * @param createdAt when it was created (the creation event's time)
 * @param updatedAt when it last changed (creation counts)
 */
public record UserAccountView(String id, String firstName, String lastName, Instant createdAt, Instant updatedAt) {
  /** First and last name separated by one space. */
  public String fullName() {
    return firstName + " " + lastName;
  }
}
