package dev.pcqrses.apps.loadgen;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.f4b6a3.ulid.UlidCreator;
import dev.pcqrses.domain.useraccount.EmailAddress;
import dev.pcqrses.domain.useraccount.EventId;
import dev.pcqrses.domain.useraccount.EventMetadata;
import dev.pcqrses.domain.useraccount.FirstName;
import dev.pcqrses.domain.useraccount.LastName;
import dev.pcqrses.domain.useraccount.UserAccountCreated;
import dev.pcqrses.domain.useraccount.UserAccountEvent;
import dev.pcqrses.domain.useraccount.UserAccountId;
import dev.pcqrses.domain.useraccount.UserAccountRenamed;
import dev.pcqrses.ports.contract.UserAccountEventCodec;
import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Lambda read-model updater measured with a local harness: the deployment artifact runs in
 * JVMs of its own ({@link LambdaProbe}) against a PostgreSQL, fed DynamoDB Streams events in AWS's
 * JSON whose items are what the journal plugin writes.
 *
 * <ul>
 *   <li>cold: a new JVM per run, JVM start → handler constructed → first batch of {@code cold-batch}
 *       creates applied: with the JVM options of the SAM template (C1 only), primed during init or
 *       not, and with the JVM's default tiers;
 *   <li>throughput: batches of {@code batch} creates, then as many renames of the same accounts,
 *       against the same run's baseline — the same number of rows upserted with one JDBC batch per
 *       transaction — once with C1 only (as deployed) and once with the JVM's default tiers.
 * </ul>
 */
final class LambdaBench {
  private static final List<String> DEPLOYED_JVM_OPTIONS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");

  private LambdaBench() {}

  static Map<String, Object> run(Path artifact, String jdbcUrl, String user, String password, int coldRuns,
      int coldBatch, int batch, int warmup, int measured) throws Exception {
    if (!Files.isRegularFile(artifact)) {
      throw new IllegalArgumentException(artifact + " not found: build it first (./mvnw -B -q -DskipTests package)");
    }
    Path work = Files.createTempDirectory("pcqrses-lambda-bench");
    Path probeClasses = copyProbeClass(work.resolve("probe"));
    String classPath = String.join(File.pathSeparator, artifact.toAbsolutePath().toString(),
        Path.of(LambdaEventSerializers.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString(),
        probeClasses.toString());
    Map<String, String> environment = Map.of("DATABASE_URL", jdbcUrl, "DATABASE_USER", user,
        "DATABASE_PASSWORD", password, "LOG_LEVEL", "WARN");

    Map<String, Object> result = new LinkedHashMap<>();
    result.put("artifact_bytes", Files.size(artifact));

    List<Path> coldEvents = new ArrayList<>();
    for (int run = 0; run < coldRuns; run++) {
      coldEvents.add(Files.writeString(work.resolve("cold-" + run + ".json"), streamEvent(creates(coldBatch))));
    }
    result.put("records_in_first_batch", coldBatch);
    // Each variant gets fresh accounts: the first batch is always applied, never skipped as duplicates.
    result.put("cold_c1_only_primed", cold(classPath, environment, DEPLOYED_JVM_OPTIONS, true, coldEvents));
    result.put("cold_c1_only_not_primed", cold(classPath, environment, DEPLOYED_JVM_OPTIONS, false,
        rewritten(coldEvents, coldBatch)));
    result.put("cold_default_tiers_primed", cold(classPath, environment, List.of(), true,
        rewritten(coldEvents, coldBatch)));

    Path batches = Files.createDirectories(work.resolve("batches"));
    for (int i = 0; i < warmup + measured; i++) {
      List<UserAccountCreated> created = creates(batch);
      Files.writeString(batches.resolve("create-" + i + ".json"), streamEvent(created));
      Files.writeString(batches.resolve("rename-" + i + ".json"), streamEvent(renames(created)));
    }
    String[] throughputArgs = {"throughput", batches.toString(), Integer.toString(warmup), Integer.toString(measured)};
    result.put("batch", batch);
    result.put("warmup_batches", warmup);
    result.put("measured_batches", measured);
    result.put("throughput_c1_only", withRatio(probe(classPath, environment, DEPLOYED_JVM_OPTIONS, throughputArgs)));
    result.put("throughput_default_tiers", withRatio(probe(classPath, environment, List.of(), throughputArgs)));
    return result;
  }

  /** One cold start per event file: a new JVM each, JVM start → first batch applied. */
  private static Map<String, Object> cold(String classPath, Map<String, String> environment, List<String> jvmOptions,
      boolean prime, List<Path> eventFiles) throws Exception {
    Map<String, String> env = new LinkedHashMap<>(environment);
    env.put("LAMBDA_PRIME_ON_INIT", Boolean.toString(prime));
    List<JsonNode> runs = new ArrayList<>();
    List<Long> walls = new ArrayList<>();
    for (Path events : eventFiles) {
      long start = System.nanoTime();
      runs.add(probe(classPath, env, jvmOptions, "cold", events.toString()));
      walls.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }
    Map<String, Object> cold = new LinkedHashMap<>();
    cold.put("jvm_options", jvmOptions);
    cold.put("prime_on_init", prime);
    cold.put("process_start_to_exit_ms", walls);
    for (String field : List.of("jvm_start_to_applied_ms", "jvm_start_to_main_ms", "handler_init_ms", "event_read_ms",
        "first_batch_ms")) {
      cold.put(field, runs.stream().map(c -> c.get(field).asLong()).toList());
    }
    return cold;
  }

  /** The same number of event files, each with new accounts. */
  private static List<Path> rewritten(List<Path> files, int batch) throws Exception {
    for (Path file : files) {
      Files.writeString(file, streamEvent(creates(batch)));
    }
    return files;
  }

  private static Map<String, Object> withRatio(JsonNode probe) {
    Map<String, Object> r = GraphQLClient.JSON.convertValue(probe, LinkedHashMap.class);
    r.put("ratio_handler_to_baseline", Math.round(1000.0 * probe.get("handler_records_per_second").asDouble()
        / probe.get("baseline_rows_per_second").asDouble()) / 1000.0);
    return r;
  }

  /** Runs {@link LambdaProbe} in a JVM of its own and returns the JSON line it prints. */
  private static JsonNode probe(String classPath, Map<String, String> environment, List<String> jvmOptions,
      String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", classPath, LambdaProbe.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().putAll(environment);
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("the probe failed (" + String.join(" ", args) + "): " + out);
    }
    String last = out.strip().lines().reduce((a, b) -> b).orElseThrow();
    return GraphQLClient.JSON.readTree(last);
  }

  private static Path copyProbeClass(Path dir) throws Exception {
    String resource = LambdaProbe.class.getName().replace('.', '/') + ".class";
    Path target = dir.resolve(resource);
    Files.createDirectories(target.getParent());
    try (InputStream in = LambdaProbe.class.getClassLoader().getResourceAsStream(resource)) {
      Files.copy(in, target);
    }
    return dir;
  }

  private static List<UserAccountCreated> creates(int count) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<UserAccountCreated> events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      events.add(new UserAccountCreated(new EventId(UlidCreator.getMonotonicUlid().toString()),
          new UserAccountId(UlidCreator.getMonotonicUlid().toString()), new FirstName("太郎"), new LastName("山田"),
          new EmailAddress("bench" + i + "@example.com"), now, EventMetadata.ofCorrelationId("lambda-bench")));
    }
    return events;
  }

  private static List<UserAccountEvent> renames(List<UserAccountCreated> created) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    return created.stream().<UserAccountEvent>map(c -> new UserAccountRenamed(
        new EventId(UlidCreator.getMonotonicUlid().toString()), c.userAccountId(), new FirstName("花子"),
        new LastName("山田"), now, EventMetadata.ofCorrelationId("lambda-bench"))).toList();
  }

  /** A DynamoDB Streams event in AWS's JSON: one INSERT per event, the item as the plugin writes it. */
  private static String streamEvent(List<? extends UserAccountEvent> events) {
    StringBuilder json = new StringBuilder("{\"Records\":[");
    long streamSequence = System.nanoTime();
    for (int i = 0; i < events.size(); i++) {
      UserAccountEvent event = events.get(i);
      long seqNr = event instanceof UserAccountCreated ? 1 : 2;
      String pid = event.userAccountId().persistenceId();
      String keys = "{\"par\":{\"S\":\"journal-P-" + pid + "-0\"},\"num\":{\"N\":\"" + seqNr + "\"}}";
      String image = "{\"par\":{\"S\":\"journal-P-" + pid + "-0\"},\"num\":{\"N\":\"" + seqNr + "\"},"
          + "\"seq\":{\"N\":\"" + seqNr + "\"},\"persistence_id\":{\"S\":\"" + pid + "\"},"
          + "\"writer_uuid\":{\"S\":\"lambda-bench\"},"
          + "\"event\":{\"B\":\"" + Base64.getEncoder().encodeToString(UserAccountEventCodec.encode(event)) + "\"},"
          + "\"ev_ser_id\":{\"N\":\"9001\"},\"ev_ser_manifest\":{\"S\":\"" + UserAccountEventCodec.manifest(event) + "\"}}";
      json.append(i == 0 ? "" : ",")
          .append("{\"eventID\":\"").append(i).append("\",\"eventName\":\"INSERT\",\"eventVersion\":\"1.1\",")
          .append("\"eventSource\":\"aws:dynamodb\",\"awsRegion\":\"ap-northeast-1\",\"dynamodb\":{")
          .append("\"ApproximateCreationDateTime\":").append(event.occurredAt().getEpochSecond())
          .append(",\"Keys\":").append(keys).append(",\"NewImage\":").append(image)
          .append(",\"SequenceNumber\":\"").append(streamSequence + i).append("\",\"SizeBytes\":600,")
          .append("\"StreamViewType\":\"NEW_IMAGE\"},")
          .append("\"eventSourceARN\":\"arn:aws:dynamodb:ap-northeast-1:1:table/pcqrses-journal/stream/bench\"}");
    }
    return json.append("]}").toString();
  }
}
