package dev.pcqrses.domain.useraccount;

import java.time.Instant;
import java.util.Objects;

/** A user account was deleted. A deleted account stays deleted. */
public record UserAccountDeleted(
    EventId eventId, UserAccountId userAccountId, Instant occurredAt, EventMetadata metadata)
    implements UserAccountEvent {

  public UserAccountDeleted {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(userAccountId, "userAccountId");
    UserAccountEvent.requireMillis(occurredAt);
    metadata = metadata == null ? EventMetadata.NONE : metadata;
  }
}
