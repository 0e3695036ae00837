package dev.pcqrses.adapters.postgres;

import com.github.f4b6a3.ulid.UlidCreator;
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
import dev.pcqrses.ports.in.JournalRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Builders of events and journal records for the tests of this module. */
final class Fixtures {
  private Fixtures() {}

  static UserAccountId newId() {
    return new UserAccountId(UlidCreator.getMonotonicUlid().toString());
  }

  static EventId newEventId() {
    return new EventId(UlidCreator.getMonotonicUlid().toString());
  }

  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  static JournalRecord created(UserAccountId id, String first, String last) {
    return record(1, new UserAccountCreated(newEventId(), id, new FirstName(first), new LastName(last),
        new EmailAddress("someone@example.com"), now(), EventMetadata.NONE));
  }

  static JournalRecord renamed(UserAccountId id, long seqNr, String first, String last) {
    return record(seqNr, new UserAccountRenamed(newEventId(), id, new FirstName(first), new LastName(last), now(),
        EventMetadata.NONE));
  }

  static JournalRecord deleted(UserAccountId id, long seqNr) {
    return record(seqNr, new UserAccountDeleted(newEventId(), id, now(), EventMetadata.NONE));
  }

  static JournalRecord record(long seqNr, UserAccountEvent event) {
    return new JournalRecord(event.userAccountId().persistenceId(), seqNr, event);
  }
}
