package dev.pcqrses.adapters.pekko.projection;

import dev.pcqrses.domain.useraccount.UserAccountEvent;
import dev.pcqrses.ports.in.JournalRecord;
import dev.pcqrses.ports.in.ProjectUserAccountEvents;
import dev.pcqrses.ports.in.ProjectionResult;
import dev.pcqrses.adapters.pekko.logging.LogContext;
import dev.pcqrses.ports.contract.LogFields;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.jdbc.javadsl.JdbcHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies one group of journal events to the read model inside the projection's transaction. */
final class UserAccountProjectionHandler
    extends JdbcHandler<List<EventEnvelope<UserAccountEvent>>, PooledJdbcSession> {
  private static final Logger log = LoggerFactory.getLogger(UserAccountProjectionHandler.class);

  private final String tag;
  private final Function<Connection, ProjectUserAccountEvents> projectorOnConnection;
  private final ProjectionMeters meters;

  UserAccountProjectionHandler(String tag, Function<Connection, ProjectUserAccountEvents> projectorOnConnection,
      ProjectionMeters meters) {
    this.tag = tag;
    this.projectorOnConnection = projectorOnConnection;
    this.meters = meters;
  }

  @Override
  public void process(PooledJdbcSession session, List<EventEnvelope<UserAccountEvent>> envelopes) throws Exception {
    List<JournalRecord> records = new ArrayList<>(envelopes.size());
    for (EventEnvelope<UserAccountEvent> envelope : envelopes) {
      records.add(new JournalRecord(envelope.persistenceId(), envelope.sequenceNr(), envelope.event()));
    }
    List<ProjectionResult> results = session.withConnection(c -> projectorOnConnection.apply(c).projectAll(records));
    ProjectionResult last = results.get(results.size() - 1);
    if (last instanceof ProjectionResult.Gap gap) {
      meters.gaps.increment();
      JournalRecord record = records.get(results.size() - 1);
      try (LogContext ignored = logContext(record)) {
        log.warn("{}: {} expected sequence number {} but got {}; retrying from the stored offset", tag,
            record.persistenceId(), gap.expected(), gap.actual());
      }
      throw new ProjectionGapException(tag + ": " + record.persistenceId() + " expected sequence number "
          + gap.expected() + " but got " + gap.actual() + "; retrying from the stored offset");
    }
    // Counted after the work succeeded; the transaction commits right after this returns.
    long now = System.currentTimeMillis();
    boolean debug = log.isDebugEnabled();
    for (int i = 0; i < results.size(); i++) {
      JournalRecord record = records.get(i);
      if (results.get(i) instanceof ProjectionResult.Applied) {
        meters.applied.increment();
        meters.lag.record(Math.max(0, now - record.event().occurredAt().toEpochMilli()), TimeUnit.MILLISECONDS);
      } else {
        meters.duplicates.increment();
      }
      if (debug) {
        try (LogContext ignored = logContext(record)) {
          log.debug("{}: {} sequence number {} {}", tag, record.event().getClass().getSimpleName(),
              record.sequenceNumber(), results.get(i) instanceof ProjectionResult.Applied ? "applied" : "was a duplicate");
        }
      }
    }
  }

  /** The write side's correlation id (from the event's metadata) and the account, on this record's lines. */
  private static LogContext logContext(JournalRecord record) {
    return LogContext.of(Map.of(
        LogFields.USER_ACCOUNT_ID, record.event().userAccountId().value(),
        LogFields.EVENT, record.event().getClass().getSimpleName()),
        LogFields.CORRELATION_ID, record.event().metadata().correlationId());
  }
}
