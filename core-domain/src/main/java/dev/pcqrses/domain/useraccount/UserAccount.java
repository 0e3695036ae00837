package dev.pcqrses.domain.useraccount;

import java.time.Instant;
import java.util.Objects;

/** A user account as the aggregate knows it. Immutable: every change yields a new value. */
public record UserAccount(
    UserAccountId id,
    FirstName firstName,
    LastName lastName,
    EmailAddress emailAddress,
    Instant createdAt,
    Instant updatedAt) {

  public UserAccount {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(firstName, "firstName");
    Objects.requireNonNull(lastName, "lastName");
    Objects.requireNonNull(emailAddress, "emailAddress");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  UserAccount renamed(FirstName newFirstName, LastName newLastName, Instant at) {
    return new UserAccount(id, newFirstName, newLastName, emailAddress, createdAt, at);
  }

  boolean hasName(FirstName first, LastName last) {
    return firstName.equals(first) && lastName.equals(last);
  }
}
