package dev.pcqrses.domain.useraccount;

import java.time.Instant;
import java.util.Objects;

/** A user account came into being. */
public record UserAccountCreated(
    EventId eventId,
    UserAccountId userAccountId,
    FirstName firstName,
    LastName lastName,
    EmailAddress emailAddress,
    Instant occurredAt,
    EventMetadata metadata)
    implements UserAccountEvent {

  public UserAccountCreated {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(userAccountId, "userAccountId");
    Objects.requireNonNull(firstName, "firstName");
    Objects.requireNonNull(lastName, "lastName");
    Objects.requireNonNull(emailAddress, "emailAddress");
    UserAccountEvent.requireMillis(occurredAt);
    metadata = metadata == null ? EventMetadata.NONE : metadata;
  }
}
