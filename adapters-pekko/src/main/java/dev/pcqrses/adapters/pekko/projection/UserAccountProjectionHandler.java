package dev.pcqrses.adapters.pekko.projection;

import dev.pcqrses.domain.useraccount.UserAccountEvent;
import dev.pcqrses.ports.in.JournalRecord;
import dev.pcqrses.ports.in.ProjectUserAccountEvents;
import dev.pcqrses.ports.in.ProjectionResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
  private final Counter applied;
  private final Counter duplicates;
  private final Counter gaps;

  UserAccountProjectionHandler(String tag, Function<Connection, ProjectUserAccountEvents> projectorOnConnection,
      MeterRegistry registry) {
    this.tag = tag;
    this.projectorOnConnection = projectorOnConnection;
    this.applied = counter(registry, tag, "applied");
    this.duplicates = counter(registry, tag, "duplicate");
    this.gaps = counter(registry, tag, "gap");
  }

  private static Counter counter(MeterRegistry registry, String tag, String result) {
    return Counter.builder("pcqrses.projection.events")
        .description("Journal events handled by the read-model projection, by result")
        .tag("projection", UserAccountProjection.NAME)
        .tag("slice", tag)
        .tag("result", result)
        .register(registry);
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
      gaps.increment();
      JournalRecord record = records.get(results.size() - 1);
      throw new ProjectionGapException(tag + ": " + record.persistenceId() + " expected sequence number "
          + gap.expected() + " but got " + gap.actual() + "; retrying from the stored offset");
    }
    // Counted after the work succeeded; the transaction commits right after this returns.
    long appliedNow = results.stream().filter(ProjectionResult.Applied.class::isInstance).count();
    applied.increment(appliedNow);
    duplicates.increment(results.size() - appliedNow);
    if (log.isDebugEnabled()) {
      log.debug("{}: projected {} event(s), {} applied", tag, results.size(), appliedNow);
    }
  }
}
