package dev.pcqrses.domain.useraccount;

import java.time.Instant;

/**
 * A fact about one user account. Events are a public contract (DESIGN.md): their fields and their
 * JSON bytes are fixed per manifest version.
 */
public sealed interface UserAccountEvent
    permits UserAccountCreated, UserAccountRenamed, UserAccountDeleted {

  EventId eventId();

  UserAccountId userAccountId();

  /** When it happened, in UTC with millisecond precision. */
  Instant occurredAt();

  EventMetadata metadata();

  /** Millisecond precision is part of the contract, so every event carries exactly that. */
  static Instant requireMillis(Instant instant) {
    if (instant == null) {
      throw new NullPointerException("occurredAt");
    }
    if (instant.getNano() % 1_000_000 != 0) {
      throw new IllegalArgumentException("occurredAt must have millisecond precision");
    }
    return instant;
  }
}
