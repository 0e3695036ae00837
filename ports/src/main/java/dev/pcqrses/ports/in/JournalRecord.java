package dev.pcqrses.ports.in;

import dev.pcqrses.domain.useraccount.UserAccountEvent;
import java.util.Objects;

/**
 * One event as read back from a journal, with its place in its stream.
 *
 * @param persistenceId  the stream ({@code UserAccount|<ulid>})
 * @param sequenceNumber the event's position in the stream, from 1
 */
public record JournalRecord(String persistenceId, long sequenceNumber, UserAccountEvent event) {
  public JournalRecord {
    Objects.requireNonNull(persistenceId, "persistenceId");
    Objects.requireNonNull(event, "event");
    if (sequenceNumber < 1) {
      throw new IllegalArgumentException("sequence numbers start at 1");
    }
    if (!persistenceId.equals(event.userAccountId().persistenceId())) {
      throw new IllegalArgumentException(
          "event of " + event.userAccountId() + " in stream " + persistenceId);
    }
  }
}
