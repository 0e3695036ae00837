package dev.pcqrses.benchmarks;

import dev.pcqrses.domain.useraccount.DecisionContext;
import dev.pcqrses.domain.useraccount.EmailAddress;
import dev.pcqrses.domain.useraccount.EventId;
import dev.pcqrses.domain.useraccount.EventMetadata;
import dev.pcqrses.domain.useraccount.FirstName;
import dev.pcqrses.domain.useraccount.LastName;
import dev.pcqrses.domain.useraccount.UserAccountCreated;
import dev.pcqrses.domain.useraccount.UserAccountDeleted;
import dev.pcqrses.domain.useraccount.UserAccountEvent;
import dev.pcqrses.domain.useraccount.UserAccountId;
import dev.pcqrses.domain.useraccount.UserAccountRenamed;
import java.time.Instant;

/** The values every benchmark works on: one account, its three events, a request's metadata. */
final class Fixtures {
  static final String ACCOUNT_ID = "01ARZ3NDEKTSV4RRFFQ69G5FAV";
  static final String EVENT_ID = "01HV5Z6Q3J8K9M0N1P2R3S4T5V";
  static final String CORRELATION_ID = "3f2b8c1e-5d4a-4e6f-9a7b-0c1d2e3f4a5b";
  static final String FIRST_NAME = "Ada";
  static final String LAST_NAME = "Lovelace";
  static final String NEW_FIRST_NAME = "Augusta";
  static final String NEW_LAST_NAME = "King";
  static final String EMAIL = "ada.lovelace@example.com";
  static final Instant AT = Instant.parse("2026-12-03T10:15:30.123Z");

  static final UserAccountId ID = new UserAccountId(ACCOUNT_ID);
  static final EventMetadata METADATA = EventMetadata.ofCorrelationId(CORRELATION_ID);

  private Fixtures() {}

  /** The context a decision gets: a fixed event id and time (generating them is the adapter's cost). */
  static DecisionContext context() {
    return new DecisionContext(new EventId(EVENT_ID), AT, METADATA);
  }

  /** One event of each type, as the aggregate would emit it for a request with a correlation id. */
  static UserAccountEvent event(String type) {
    EventId eventId = new EventId(EVENT_ID);
    return switch (type) {
      case "created" -> new UserAccountCreated(eventId, ID, new FirstName(FIRST_NAME), new LastName(LAST_NAME),
          new EmailAddress(EMAIL), AT, METADATA);
      case "renamed" -> new UserAccountRenamed(eventId, ID, new FirstName(NEW_FIRST_NAME),
          new LastName(NEW_LAST_NAME), AT, METADATA);
      case "deleted" -> new UserAccountDeleted(eventId, ID, AT, METADATA);
      default -> throw new IllegalArgumentException("unknown event type " + type);
    };
  }
}
