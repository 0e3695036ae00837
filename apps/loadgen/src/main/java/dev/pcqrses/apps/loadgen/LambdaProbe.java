package dev.pcqrses.apps.loadgen;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The Lambda side of {@link LambdaBench}, run in a JVM of its own whose class path is the Lambda
 * artifact, the runtime's serialization library and this one class: it does what the Lambda Java
 * runtime does (load the handler by name, construct it, read the event JSON, invoke) and prints one
 * JSON line of timings. It must use nothing but the JDK and what the artifact holds, and no nested
 * or anonymous classes (only this class file is copied).
 *
 * <pre>
 * cold &lt;event.json&gt;                          JVM start → handler constructed → first batch applied
 * throughput &lt;dir&gt; &lt;warm-up&gt; &lt;measured&gt;       batches create-N.json / rename-N.json, and the raw
 *                                             batched upsert of as many rows after each (baseline)
 * </pre>
 */
public final class LambdaProbe {
  static final String HANDLER = "dev.pcqrses.adapters.lambda.ReadModelUpdaterHandler";
  /** What the projector's rows amount to, written the fastest way JDBC has: one batch, one transaction. */
  private static final String UPSERT = "INSERT INTO user_accounts"
      + " (id, first_name, last_name, created_at, updated_at, last_sequence_nr) VALUES (?, ?, ?, ?, ?, ?)"
      + " ON CONFLICT (id) DO UPDATE SET first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name,"
      + " updated_at = EXCLUDED.updated_at, last_sequence_nr = EXCLUDED.last_sequence_nr";

  private LambdaProbe() {}

  public static void main(String[] args) throws Exception {
    long mainAtMillis = ManagementFactory.getRuntimeMXBean().getUptime();
    if (args[0].equals("cold")) {
      cold(Path.of(args[1]), mainAtMillis);
    } else {
      throughput(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
    }
  }

  private static void cold(Path eventFile, long mainAtMillis) throws Exception {
    long start = System.nanoTime();
    RequestHandler<DynamodbEvent, StreamsEventResponse> handler = newHandler();
    long constructed = System.nanoTime();
    PojoSerializer<DynamodbEvent> serializer =
        LambdaEventSerializers.serializerFor(DynamodbEvent.class, LambdaProbe.class.getClassLoader());
    DynamodbEvent event = serializer.fromJson(new ByteArrayInputStream(Files.readAllBytes(eventFile)));
    long read = System.nanoTime();
    requireNoFailures(handler.handleRequest(event, null));
    long applied = System.nanoTime();
    System.out.println("{\"jvm_start_to_main_ms\":" + mainAtMillis
        + ",\"handler_init_ms\":" + millis(constructed - start)
        + ",\"event_read_ms\":" + millis(read - constructed)
        + ",\"first_batch_ms\":" + millis(applied - read)
        + ",\"records\":" + event.getRecords().size()
        + ",\"jvm_start_to_applied_ms\":" + ManagementFactory.getRuntimeMXBean().getUptime() + "}");
  }

  private static void throughput(Path dir, int warmup, int measured) throws Exception {
    RequestHandler<DynamodbEvent, StreamsEventResponse> handler = newHandler();
    PojoSerializer<DynamodbEvent> serializer =
        LambdaEventSerializers.serializerFor(DynamodbEvent.class, LambdaProbe.class.getClassLoader());
    long records = 0;
    long rows = 0;
    long readNanos = 0;
    long handlerNanos = 0;
    long createNanos = 0;
    long renameNanos = 0;
    long baselineNanos = 0;
    long baselineInsertNanos = 0;
    try (Connection connection = DriverManager.getConnection(
        System.getenv("DATABASE_URL"), System.getenv("DATABASE_USER"), System.getenv("DATABASE_PASSWORD"))) {
      connection.setAutoCommit(false);
      for (int i = 0; i < warmup + measured; i++) {
        byte[] createJson = Files.readAllBytes(dir.resolve("create-" + i + ".json"));
        byte[] renameJson = Files.readAllBytes(dir.resolve("rename-" + i + ".json"));
        long t0 = System.nanoTime();
        DynamodbEvent creates = serializer.fromJson(new ByteArrayInputStream(createJson));
        long t1 = System.nanoTime();
        requireNoFailures(handler.handleRequest(creates, null));
        long t2 = System.nanoTime();
        DynamodbEvent renames = serializer.fromJson(new ByteArrayInputStream(renameJson));
        long t3 = System.nanoTime();
        requireNoFailures(handler.handleRequest(renames, null));
        long t4 = System.nanoTime();
        List<String> ids = baselineIds(creates);
        long t5 = System.nanoTime();
        upsert(connection, ids, 1);
        long t6 = System.nanoTime();
        upsert(connection, ids, 2);
        long t7 = System.nanoTime();
        if (i >= warmup) {
          records += creates.getRecords().size() + renames.getRecords().size();
          rows += 2L * ids.size();
          readNanos += (t1 - t0) + (t3 - t2);
          createNanos += t2 - t1;
          renameNanos += t4 - t3;
          handlerNanos += (t2 - t1) + (t4 - t3);
          baselineInsertNanos += t6 - t5;
          baselineNanos += t7 - t5;
        }
      }
      try (PreparedStatement cleanUp = connection.prepareStatement("DELETE FROM user_accounts WHERE id LIKE '7Z%'")) {
        cleanUp.executeUpdate();
        connection.commit();
      }
    }
    double halfRecords = records / 2.0;
    double halfRows = rows / 2.0;
    System.out.println("{\"records\":" + records
        + ",\"handler_records_per_second\":" + perSecond(records, handlerNanos)
        + ",\"handler_creates_per_second\":" + perSecond(halfRecords, createNanos)
        + ",\"handler_renames_per_second\":" + perSecond(halfRecords, renameNanos)
        + ",\"handler_with_event_read_records_per_second\":" + perSecond(records, handlerNanos + readNanos)
        + ",\"baseline_rows_per_second\":" + perSecond(rows, baselineNanos)
        + ",\"baseline_inserts_per_second\":" + perSecond(halfRows, baselineInsertNanos)
        + ",\"baseline_updates_per_second\":" + perSecond(halfRows, baselineNanos - baselineInsertNanos) + "}");
  }

  @SuppressWarnings("unchecked")
  private static RequestHandler<DynamodbEvent, StreamsEventResponse> newHandler() throws Exception {
    return (RequestHandler<DynamodbEvent, StreamsEventResponse>) Class.forName(HANDLER).getConstructor().newInstance();
  }

  private static void requireNoFailures(StreamsEventResponse response) {
    if (!response.getBatchItemFailures().isEmpty()) {
      throw new IllegalStateException("the handler reported failures: " + response.getBatchItemFailures().size());
    }
  }

  /** Ids of their own for the baseline rows, as many as the batch has accounts: 7Z + the account id's tail. */
  private static List<String> baselineIds(DynamodbEvent creates) {
    List<String> ids = new ArrayList<>(creates.getRecords().size());
    for (DynamodbEvent.DynamodbStreamRecord record : creates.getRecords()) {
      String persistenceId = record.getDynamodb().getNewImage().get("persistence_id").getS();
      ids.add("7Z" + persistenceId.substring(persistenceId.indexOf('|') + 3));
    }
    return ids;
  }

  /** Upserts {@code ids} as one JDBC batch in one transaction (the connection must not auto-commit). */
  static void upsert(Connection connection, List<String> ids, long sequenceNumber) throws Exception {
    Timestamp now = Timestamp.from(Instant.now());
    try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
      for (String id : ids) {
        upsert.setString(1, id);
        upsert.setString(2, sequenceNumber == 1 ? "Baseline" : "Renamed");
        upsert.setString(3, "Row");
        upsert.setTimestamp(4, now);
        upsert.setTimestamp(5, now);
        upsert.setLong(6, sequenceNumber);
        upsert.addBatch();
      }
      upsert.executeBatch();
      connection.commit();
    }
  }

  private static long millis(long nanos) {
    return Math.round(nanos / 1e6);
  }

  private static long perSecond(double count, long nanos) {
    return Math.round(count / (nanos / 1e9));
  }
}
