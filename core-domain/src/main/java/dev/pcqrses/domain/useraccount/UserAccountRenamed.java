package dev.pcqrses.domain.useraccount;

import java.time.Instant;
import java.util.Objects;

/** A user account's name changed. */
public record UserAccountRenamed(
    EventId eventId,
    UserAccountId userAccountId,
    FirstName firstName,
    LastName lastName,
    Instant occurredAt,
    EventMetadata metadata)
    implements UserAccountEvent {

  public UserAccountRenamed {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(userAccountId, "userAccountId");
    Objects.requireNonNull(firstName, "firstName");
    Objects.requireNonNull(lastName, "lastName");
    UserAccountEvent.requireMillis(occurredAt);
    metadata = metadata == null ? EventMetadata.NONE : metadata;
  }
}
