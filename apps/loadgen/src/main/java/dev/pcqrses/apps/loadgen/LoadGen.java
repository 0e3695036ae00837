package dev.pcqrses.apps.loadgen;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bundled load generator.
 *
 * <pre>
 * java -jar apps/loadgen/target/pcqrses-loadgen.jar &lt;mode&gt; [--option=value ...]
 *   visibility        sequential creates; each is timed until the query API shows it  (--count)
 *   throughput        closed-loop commands from --concurrency clients for --duration-seconds;
 *                     --command=create (each spawns and recovers a new entity) or --command=rename
 *                     (renames of --accounts live accounts, created first)
 *   mix               creates, renames, deletes, gets and searches in proportions (--mix=create:20,rename:30,
 *                     delete:5,get:45,search:0) on both APIs, for --duration-seconds after --warmup-seconds;
 *                     --rate=N: open model, N requests/s at fixed intended times, latency from the intended
 *                     time, at most --max-outstanding in flight (more are dropped and counted);
 *                     --rate=0: closed loop, --concurrency clients; renames, deletes and gets aim at live
 *                     accounts (--seed-accounts created first); --visibility-sample of creates and renames
 *                     is polled on the query side (every --visibility-poll-ms) until visible; --seed
 *                     (random seed). Prints the JSON, then a readable summary on stderr.
 *   journal-baseline  raw JDBC appends to the journal tables, --threads, --batch, --duration-seconds
 *   upsert-baseline   the read-model rows of --rows creates upserted over JDBC by --threads connections,
 *                     --batch rows per transaction (the projection-rate baseline)
 *   lambda            the Lambda artifact (--artifact) in JVMs of its own: cold init (--cold-runs,
 *                     --cold-batch) and records/s (--batch, --warmup-batches, --batches) against
 *                     the same run's raw batched upserts
 * common: --command-url, --query-url, --http-threads, --jdbc-url, --jdbc-user, --jdbc-password,
 *         --out=results.json (the JSON, also printed on stdout)
 * </pre>
 */
public final class LoadGen {
  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: LoadGen visibility|throughput|mix|journal-baseline|upsert-baseline|lambda [--option=value ...]"
          + " (options: see the Javadoc of LoadGen or docs/benchmarks.md)");
      System.exit(2);
    }
    Map<String, String> o = options(args);
    String mode = args[0];
    GraphQLClient client = new GraphQLClient(o.getOrDefault("command-url", "http://127.0.0.1:18080"),
        o.getOrDefault("query-url", "http://127.0.0.1:18082"), Integer.parseInt(o.getOrDefault("http-threads", "4")));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("mode", mode);
    switch (mode) {
      case "visibility" -> result.putAll(visibility(client, Integer.parseInt(o.getOrDefault("count", "1000")),
          Integer.parseInt(o.getOrDefault("warmup", "100"))));
      case "throughput" -> result.putAll(throughput(client, o.getOrDefault("command", "create"),
          Integer.parseInt(o.getOrDefault("accounts", "1000")),
          Integer.parseInt(o.getOrDefault("concurrency", "32")),
          Duration.ofSeconds(Long.parseLong(o.getOrDefault("duration-seconds", "30"))),
          Duration.ofSeconds(Long.parseLong(o.getOrDefault("warmup-seconds", "5")))));
      case "mix" -> result.putAll(MixRun.run(client, new MixRun.Config(
          Mix.parse(o.getOrDefault("mix", Mix.DEFAULT)),
          Double.parseDouble(o.getOrDefault("rate", "100")),
          Integer.parseInt(o.getOrDefault("concurrency", "32")),
          Integer.parseInt(o.getOrDefault("max-outstanding", "256")),
          Duration.ofSeconds(Long.parseLong(o.getOrDefault("duration-seconds", "30"))),
          Duration.ofSeconds(Long.parseLong(o.getOrDefault("warmup-seconds", "5"))),
          Integer.parseInt(o.getOrDefault("seed-accounts", "500")),
          Double.parseDouble(o.getOrDefault("visibility-sample", "0.05")),
          Duration.ofMillis(Long.parseLong(o.getOrDefault("visibility-poll-ms", "10"))),
          Duration.ofSeconds(30),
          Long.parseLong(o.getOrDefault("seed", "1")))));
      case "upsert-baseline" -> result.putAll(UpsertBaseline.run(
          o.getOrDefault("jdbc-url", "jdbc:postgresql://localhost:15432/pcqrses"),
          o.getOrDefault("jdbc-user", "postgres"), o.getOrDefault("jdbc-password", ""),
          Integer.parseInt(o.getOrDefault("rows", "10000")), Integer.parseInt(o.getOrDefault("threads", "4")),
          Integer.parseInt(o.getOrDefault("batch", "100"))));
      case "journal-baseline" -> result.putAll(JournalAppendBaseline.run(
          o.getOrDefault("jdbc-url", "jdbc:postgresql://localhost:15432/pcqrses"),
          o.getOrDefault("jdbc-user", "postgres"), o.getOrDefault("jdbc-password", ""),
          Integer.parseInt(o.getOrDefault("threads", "8")), Integer.parseInt(o.getOrDefault("batch", "1")),
          Duration.ofSeconds(Long.parseLong(o.getOrDefault("duration-seconds", "20")))));
      case "lambda" -> result.putAll(LambdaBench.run(
          Path.of(o.getOrDefault("artifact", "apps/read-model-updater/target/pcqrses-read-model-updater-lambda.jar")),
          o.getOrDefault("jdbc-url", "jdbc:postgresql://localhost:15432/pcqrses"),
          o.getOrDefault("jdbc-user", "postgres"), o.getOrDefault("jdbc-password", ""),
          Integer.parseInt(o.getOrDefault("cold-runs", "5")), Integer.parseInt(o.getOrDefault("cold-batch", "100")),
          Integer.parseInt(o.getOrDefault("batch", "1000")), Integer.parseInt(o.getOrDefault("warmup-batches", "10")),
          Integer.parseInt(o.getOrDefault("batches", "20"))));
      default -> throw new IllegalArgumentException("unknown mode " + mode);
    }
    String json = GraphQLClient.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result);
    System.out.println(json);
    if (o.containsKey("out")) {
      Files.writeString(Path.of(o.get("out")), json);
    }
    if (mode.equals("mix")) {
      System.out.flush();
      System.err.print(MixRun.render(result));
    }
    System.exit(0);
  }

  /**
   * Create → visible: one create at a time; after each, the query API is asked until it shows the
   * account. The time from sending the create to the first answer that shows it is recorded.
   */
  static Map<String, Object> visibility(GraphQLClient client, int count, int warmup) throws Exception {
    Latencies visible = new Latencies();
    Latencies create = new Latencies();
    long polls = 0;
    for (int i = -warmup; i < count; i++) {
      long start = System.nanoTime();
      String id = client.create("Vis" + Math.abs(i), "Ibility", "v" + Math.abs(i) + "@example.com").get(30, TimeUnit.SECONDS);
      long created = System.nanoTime();
      while (!client.visible(id).get(30, TimeUnit.SECONDS)) {
        polls++;
        if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(30)) {
          throw new IllegalStateException(id + " not visible after 30 s");
        }
        Thread.sleep(0, 500_000); // poll about every half millisecond (plus the query's own time)
      }
      if (i >= 0) {
        create.recordNanos(created - start);
        visible.recordNanos(System.nanoTime() - start);
      }
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("creates", count);
    r.put("create_latency", create.summary());
    r.put("create_to_visible", visible.summary());
    r.put("polls_per_create", Math.round(100.0 * polls / (count + warmup)) / 100.0);
    return r;
  }

  /** Closed loop: each client sends its next command when the previous one is answered. */
  static Map<String, Object> throughput(GraphQLClient client, String command, int accounts, int concurrency,
      Duration duration, Duration warmup) throws Exception {
    List<String> ids = new ArrayList<>();
    if (command.equals("rename")) {
      for (int i = 0; i < accounts; i++) {
        ids.add(client.create("Rename", "Target" + i, "r" + i + "@example.com").get(30, TimeUnit.SECONDS));
      }
    } else if (!command.equals("create")) {
      throw new IllegalArgumentException("--command is create or rename");
    }
    Latencies latencies = new Latencies();
    AtomicLong ok = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    long measureFrom = System.nanoTime() + warmup.toNanos();
    long end = measureFrom + duration.toNanos();
    List<CompletableFuture<Void>> loops = new ArrayList<>();
    java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(concurrency);
    for (int c = 0; c < concurrency; c++) {
      int worker = c;
      loops.add(CompletableFuture.runAsync(() -> {
        long n = 0;
        while (System.nanoTime() < end) {
          long start = System.nanoTime();
          try {
            if (ids.isEmpty()) {
              client.create("Load" + worker, "Test" + n, "w" + worker + "n" + n + "@example.com").get(60, TimeUnit.SECONDS);
            } else {
              // every rename changes the name, so every one is journaled
              client.rename(ids.get((int) ((worker * 7919L + n) % ids.size())), "Name" + worker + "x" + n, "Renamed")
                  .get(60, TimeUnit.SECONDS);
            }
            if (start >= measureFrom) {
              ok.incrementAndGet();
              latencies.recordNanos(System.nanoTime() - start);
            }
          } catch (Exception e) {
            if (start >= measureFrom) {
              failed.incrementAndGet();
            }
          }
          n++;
        }
      }, clients));
    }
    CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).get();
    clients.shutdown();
    double seconds = duration.toNanos() / 1e9;
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("command", command);
    r.put("concurrency", concurrency);
    r.put("duration_s", seconds);
    r.put("commands_ok", ok.get());
    r.put("commands_failed", failed.get());
    r.put("commands_per_second", Math.round(ok.get() / seconds));
    r.put("latency", latencies.summary());
    return r;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException("options look like --name=value: " + arg);
      }
      options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
    }
    return options;
  }

  private LoadGen() {}
}
