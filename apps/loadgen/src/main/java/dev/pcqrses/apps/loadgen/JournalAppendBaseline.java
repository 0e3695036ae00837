package dev.pcqrses.apps.loadgen;

import dev.pcqrses.domain.useraccount.EmailAddress;
import dev.pcqrses.domain.useraccount.EventId;
import dev.pcqrses.domain.useraccount.EventMetadata;
import dev.pcqrses.domain.useraccount.FirstName;
import dev.pcqrses.domain.useraccount.LastName;
import dev.pcqrses.domain.useraccount.UserAccountCreated;
import dev.pcqrses.domain.useraccount.UserAccountId;
import dev.pcqrses.ports.contract.UserAccountEventCodec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The baseline of command throughput: how fast the journal's own tables take events when nothing
 * but JDBC is in the way. Each thread appends what pekko-persistence-jdbc writes for one event (an
 * {@code event_journal} row with the contract bytes, and its {@code event_tag} row), either one event
 * per transaction or {@code batch} events per transaction. Rows go to streams of their own, tagged so
 * that no projection reads them, and are deleted afterwards.
 */
final class JournalAppendBaseline {
  private static final String STREAM_PREFIX = "LoadgenBaseline|";

  static Map<String, Object> run(String jdbcUrl, String user, String password, int threads, int batch,
      Duration duration) throws Exception {
    byte[] payload = UserAccountEventCodec.encode(new UserAccountCreated(
        new EventId("01KBN7R0000000000000000001"), new UserAccountId("01KBN7Q3V0M8ZK4R2YB9C6D1EA"),
        new FirstName("太郎"), new LastName("山田"), new EmailAddress("yamada@example.com"),
        Instant.now().truncatedTo(ChronoUnit.MILLIS), EventMetadata.ofCorrelationId("loadgen")));
    AtomicLong events = new AtomicLong();
    Latencies latencies = new Latencies();
    long deadline = System.nanoTime() + duration.toNanos();
    List<Thread> workers = new ArrayList<>();
    List<Exception> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
          append(c, payload, batch, deadline, events, latencies);
        } catch (Exception e) {
          failures.add(e);
        }
      }, "baseline-" + t);
      workers.add(worker);
      worker.start();
    }
    long start = System.nanoTime();
    for (Thread worker : workers) {
      worker.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    cleanUp(jdbcUrl, user, password);
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("threads", threads);
    result.put("events_per_transaction", batch);
    result.put("events", events.get());
    result.put("events_per_second", Math.round(events.get() / seconds));
    result.put("transaction_latency", latencies.summary());
    return result;
  }

  private static void append(Connection c, byte[] payload, int batch, long deadline, AtomicLong events,
      Latencies latencies) throws Exception {
    c.setAutoCommit(false);
    String writer = UUID.randomUUID().toString();
    try (PreparedStatement journal = c.prepareStatement(
            "INSERT INTO event_journal (persistence_id, sequence_number, deleted, writer, write_timestamp,"
                + " adapter_manifest, event_ser_id, event_ser_manifest, event_payload)"
                + " VALUES (?, ?, false, ?, ?, '', 9001, 'UserAccountCreated.v1', ?) RETURNING ordering");
        PreparedStatement tag = c.prepareStatement("INSERT INTO event_tag (event_id, tag) VALUES (?, 'loadgen-baseline')")) {
      String stream = STREAM_PREFIX + UUID.randomUUID();
      long seqNr = 0;
      while (System.nanoTime() < deadline) {
        long start = System.nanoTime();
        for (int i = 0; i < batch; i++) {
          journal.setString(1, stream);
          journal.setLong(2, ++seqNr);
          journal.setString(3, writer);
          journal.setLong(4, System.currentTimeMillis());
          journal.setBytes(5, payload);
          try (ResultSet rs = journal.executeQuery()) {
            rs.next();
            tag.setLong(1, rs.getLong(1));
          }
          tag.addBatch();
        }
        tag.executeBatch();
        c.commit();
        latencies.recordNanos(System.nanoTime() - start);
        events.addAndGet(batch);
      }
    }
  }

  private static void cleanUp(String jdbcUrl, String user, String password) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM event_journal WHERE persistence_id LIKE '" + STREAM_PREFIX + "%'");
    }
  }

  private JournalAppendBaseline() {}
}
