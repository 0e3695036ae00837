package dev.pcqrses.apps.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pcqrses.apps.loadgen.GraphQLClient.Api;
import dev.pcqrses.apps.loadgen.GraphQLClient.Reply;
import dev.pcqrses.apps.loadgen.Mix.Op;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * The {@code mix} mode: creates, renames, deletes, gets and searches in configured proportions
 * against both GraphQL APIs, either offered at a fixed rate (open model, {@link OpenLoop}) or as fast
 * as {@code concurrency} closed-loop clients go ({@code rate = 0}).
 *
 * <p>Renames, deletes and gets aim at accounts created earlier in the run ({@code seedAccounts}
 * created before the clock starts, then every create the run makes; see {@link IdPool}). A sampled
 * fraction of creates and renames is followed on the query side: its id is polled with
 * {@code getUserAccount} until the account (or the new first name) shows, and the lag is recorded
 * from the command's start (its intended start in the open model) and from its answer.
 *
 * <p>Per operation: requests scheduled, answered without error (with HdrHistogram latencies, in the
 * open model from the intended start), errors by key ({@link Reply#error()}), dropped (open model:
 * the outstanding bound was reached), skipped (no live account to aim at). Requests whose intended
 * start falls in the warm-up are sent but not counted.
 */
final class MixRun {
  record Config(Mix mix, double rate, int concurrency, int maxOutstanding, Duration duration, Duration warmup,
      int seedAccounts, double visibilitySample, Duration visibilityPoll, Duration visibilityTimeout, long seed) {
    boolean open() {
      return rate > 0;
    }
  }

  /** Last names of the accounts the run creates; searches look for one of them. */
  static final List<String> LAST_NAMES = List.of("Yamada", "Tanaka", "Suzuki", "Sato", "Takahashi", "Ito",
      "Watanabe", "Nakamura", "Kobayashi", "Kato");
  private static final CompletableFuture<Void> SKIPPED = CompletableFuture.completedFuture(null);

  /** The counters of one operation. */
  static final class OpStats {
    final Latencies latency = new Latencies();
    final LongAdder scheduled = new LongAdder();
    final LongAdder ok = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder skipped = new LongAdder();
    final LongAdder found = new LongAdder();
    final LongAdder notFound = new LongAdder();
    final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

    void error(String key) {
      errors.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    long errorCount() {
      return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    Map<String, Object> report(Op op, double seconds) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("scheduled", scheduled.sum());
      r.put("ok", ok.sum());
      r.put("ok_per_second", round1(ok.sum() / seconds));
      r.put("errors", errorCount());
      Map<String, Long> byKey = new TreeMap<>();
      errors.forEach((k, v) -> byKey.put(k, v.sum()));
      r.put("errors_by_key", byKey);
      r.put("dropped", dropped.sum());
      r.put("skipped_no_account", skipped.sum());
      if (op == Op.GET) {
        r.put("found", found.sum());
        r.put("not_found", notFound.sum());
      }
      r.put("latency", latency.summary());
      return r;
    }
  }

  /** Write → read visibility of sampled creates and renames. */
  static final class Visibility {
    final Latencies fromStart = new Latencies();
    final Latencies fromAnswer = new Latencies();
    final LongAdder sampled = new LongAdder();
    final LongAdder visible = new LongAdder();
    final LongAdder notVisible = new LongAdder();
    final LongAdder polls = new LongAdder();
    final Map<String, LongAdder> pollErrors = new ConcurrentHashMap<>();
    final AtomicInteger pending = new AtomicInteger();

    Map<String, Object> report(Config c) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("sample", c.visibilitySample());
      r.put("poll_interval_ms", c.visibilityPoll().toMillis());
      r.put("sampled", sampled.sum());
      r.put("visible", visible.sum());
      r.put("not_visible_within_s", notVisible.sum());
      r.put("timeout_s", c.visibilityTimeout().toSeconds());
      r.put("still_polling_at_end", pending.get());
      r.put("polls", polls.sum());
      Map<String, Long> byKey = new TreeMap<>();
      pollErrors.forEach((k, v) -> byKey.put(k, v.sum()));
      r.put("poll_errors_by_key", byKey);
      r.put("lag_from_start", fromStart.summary());
      r.put("lag_from_answer", fromAnswer.summary());
      return r;
    }
  }

  private final GraphQLClient client;
  private final Config config;
  private final IdPool pool = new IdPool();
  private final Map<Op, OpStats> stats = new EnumMap<>(Op.class);
  private final Latencies all = new Latencies();
  private final Visibility visibility = new Visibility();
  private final AtomicLong names = new AtomicLong();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "loadgen-mix-timer");
    t.setDaemon(true);
    return t;
  });

  private MixRun(GraphQLClient client, Config config) {
    this.client = client;
    this.config = config;
    for (Op op : Op.values()) {
      stats.put(op, new OpStats());
    }
  }

  static Map<String, Object> run(GraphQLClient client, Config config) throws Exception {
    return new MixRun(client, config).run();
  }

  private Map<String, Object> run() throws Exception {
    Config c = config;
    Map<String, Object> seeding = seed();
    double seconds = c.duration().toNanos() / 1e9;
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("model", c.open() ? "open" : "closed");
    if (c.open()) {
      r.put("target_rate_per_s", c.rate());
      r.put("max_outstanding", c.maxOutstanding());
    } else {
      r.put("concurrency", c.concurrency());
    }
    r.put("mix", c.mix().asMap());
    r.put("duration_s", seconds);
    r.put("warmup_s", c.warmup().toNanos() / 1e9);
    r.put("random_seed", c.seed());
    r.put("seeding", seeding);

    ScheduledFuture<?> progress = progress();
    Map<String, Object> generator = c.open() ? runOpen() : runClosed();
    long visibilityDeadline = System.nanoTime() + c.visibilityTimeout().toNanos() + TimeUnit.SECONDS.toNanos(5);
    while (visibility.pending.get() > 0 && System.nanoTime() < visibilityDeadline) {
      Thread.sleep(10);
    }
    progress.cancel(false);

    long scheduled = 0;
    long ok = 0;
    long errors = 0;
    long dropped = 0;
    long skipped = 0;
    Map<String, Object> operations = new LinkedHashMap<>();
    for (Op op : Op.values()) {
      OpStats s = stats.get(op);
      if (c.mix().weights().get(op) == 0) {
        continue;
      }
      operations.put(op.label(), s.report(op, seconds));
      scheduled += s.scheduled.sum();
      ok += s.ok.sum();
      errors += s.errorCount();
      dropped += s.dropped.sum();
      skipped += s.skipped.sum();
    }
    Map<String, Object> total = new LinkedHashMap<>();
    total.put("scheduled", scheduled);
    total.put("ok", ok);
    total.put("ok_per_second", round1(ok / seconds));
    total.put("errors", errors);
    total.put("dropped", dropped);
    total.put("skipped_no_account", skipped);
    total.put("latency", all.summary());
    r.put("total", total);
    r.put("operations", operations);
    r.put("visibility", visibility.report(c));
    r.put("generator", generator);
    r.put("live_accounts_at_end", pool.size());
    timer.shutdownNow();
    return r;
  }

  /** Creates the seed accounts (at most 32 at a time), then waits until the last one is readable. */
  private Map<String, Object> seed() throws Exception {
    int n = config.seedAccounts();
    if (n == 0 && config.mix().needsAccounts() && config.mix().weights().get(Op.CREATE) == 0) {
      throw new IllegalArgumentException("--mix without create needs --seed-accounts > 0");
    }
    Semaphore inFlight = new Semaphore(32);
    AtomicLong failed = new AtomicLong();
    Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    String[] last = new String[1];
    long start = System.nanoTime();
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      inFlight.acquire();
      int k = i;
      all.add(client.call(Api.COMMAND, GraphQLClient.CREATE, createInput("Seed" + k, LAST_NAMES.get(k % LAST_NAMES.size()),
          "seed" + k + "@example.com")).thenAccept(reply -> {
            String id = createdId(reply);
            if (id == null) {
              failed.incrementAndGet();
              errors.computeIfAbsent(String.valueOf(errorOfCreate(reply)), e -> new LongAdder()).increment();
            } else {
              pool.add(id);
              synchronized (last) {
                last[0] = id;
              }
            }
          }).whenComplete((v, e) -> inFlight.release()));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
    double createSeconds = (System.nanoTime() - start) / 1e9;
    if (n > 0 && failed.get() == n) {
      throw new IllegalStateException("every seed create failed: " + errors.keySet()
          + " (is the command API at --command-url?)");
    }
    boolean visible = last[0] == null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!visible && System.nanoTime() < deadline) {
      Reply reply = client.call(Api.QUERY, GraphQLClient.GET_ACCOUNT, Map.of("id", last[0])).get(35, TimeUnit.SECONDS);
      visible = reply.error() == null && !reply.json().at("/data/getUserAccount").isNull();
      if (!visible) {
        Thread.sleep(20);
      }
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("accounts", n);
    r.put("failed", failed.get());
    Map<String, Long> byKey = new TreeMap<>();
    errors.forEach((k, v) -> byKey.put(k, v.sum()));
    r.put("errors_by_key", byKey);
    r.put("seconds", round1(createSeconds));
    r.put("last_visible", visible);
    return r;
  }

  private Map<String, Object> runOpen() {
    Config c = config;
    SplittableRandom random = new SplittableRandom(c.seed());
    Latencies scheduleLag = new Latencies();
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
    long measureFrom = start + c.warmup().toNanos();
    long count = OpenLoop.requestsWithin(c.warmup().toNanos() + c.duration().toNanos(), c.rate());
    OpenLoop loop = new OpenLoop(c.rate(), c.maxOutstanding(), OpenLoop.Clock.SYSTEM);
    AtomicInteger peakOutstanding = new AtomicInteger();
    loop.run(start, count, new OpenLoop.Target() {
      @Override
      public CompletionStage<?> start(long index, long intendedNanos) {
        boolean measured = intendedNanos >= measureFrom;
        if (measured) {
          scheduleLag.recordNanos(System.nanoTime() - intendedNanos);
        }
        peakOutstanding.accumulateAndGet(loop.outstanding(), Math::max);
        return issue(c.mix().choose(random.nextDouble()), intendedNanos, measured, random);
      }

      @Override
      public void drop(long index, long intendedNanos) {
        OpStats s = stats.get(c.mix().choose(random.nextDouble()));
        if (intendedNanos >= measureFrom) {
          s.scheduled.increment();
          s.dropped.increment();
        }
      }
    });
    long lastIntended = OpenLoop.intendedNanos(start, c.rate(), count - 1);
    boolean drained = loop.awaitDrained(System.nanoTime() + TimeUnit.SECONDS.toNanos(60));
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("requests_scheduled_with_warmup", count);
    r.put("schedule_lag", scheduleLag.summary());
    // from the last intended start until every answer was in
    r.put("drain_ms", Math.max(0, (System.nanoTime() - lastIntended) / 1_000_000));
    r.put("peak_outstanding", peakOutstanding.get());
    r.put("drained", drained);
    return r;
  }

  private Map<String, Object> runClosed() throws Exception {
    Config c = config;
    long measureFrom = System.nanoTime() + c.warmup().toNanos();
    long end = measureFrom + c.duration().toNanos();
    SplittableRandom root = new SplittableRandom(c.seed());
    ExecutorService workers = Executors.newFixedThreadPool(c.concurrency(), r -> {
      Thread t = new Thread(r, "loadgen-mix-client");
      t.setDaemon(true);
      return t;
    });
    LongAdder timeouts = new LongAdder();
    List<CompletableFuture<Void>> loops = new ArrayList<>();
    for (int w = 0; w < c.concurrency(); w++) {
      SplittableRandom random = root.split();
      loops.add(CompletableFuture.runAsync(() -> {
        long now;
        while ((now = System.nanoTime()) < end) {
          CompletableFuture<Void> answered = issue(c.mix().choose(random.nextDouble()), now, now >= measureFrom, random);
          if (answered == SKIPPED) {
            LockSupport.parkNanos(1_000_000); // nothing to aim at yet: let creates fill the pool
            continue;
          }
          try {
            answered.get(60, TimeUnit.SECONDS);
          } catch (Exception e) {
            timeouts.increment(); // the request's own timeout (30 s) should come first
          }
        }
      }, workers));
    }
    CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).get();
    workers.shutdown();
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("client_wait_timeouts", timeouts.sum());
    return r;
  }

  /**
   * Sends one operation (or skips it when it needs a live account and there is none); the future
   * completes when the answer has been recorded. Latency is counted from {@code startNanos}.
   */
  private CompletableFuture<Void> issue(Op op, long startNanos, boolean measured, SplittableRandom random) {
    OpStats s = stats.get(op);
    if (measured) {
      s.scheduled.increment();
    }
    boolean sample = measured && (op == Op.CREATE || op == Op.RENAME) && config.visibilitySample() > 0
        && random.nextDouble() < config.visibilitySample();
    CompletableFuture<Void> done;
    switch (op) {
      case CREATE -> {
        long n = names.incrementAndGet();
        done = client.call(Api.COMMAND, GraphQLClient.CREATE, createInput("Mix" + n,
            LAST_NAMES.get((int) (n % LAST_NAMES.size())), "mix" + n + "@example.com")).thenAccept(reply -> {
              String error = errorOfCreate(reply);
              record(s, measured, startNanos, reply, error);
              if (error == null) {
                String id = createdId(reply);
                if (sample) {
                  follow(id, startNanos, reply.answeredNanos(), account -> true, () -> pool.add(id));
                } else {
                  pool.add(id);
                }
              }
            });
      }
      case RENAME -> {
        String id = pool.lease(random);
        if (id == null) {
          return skipped(s, measured);
        }
        long n = names.incrementAndGet();
        String firstName = "Ren" + n;
        done = client.call(Api.COMMAND, GraphQLClient.RENAME, Map.of("input", Map.of("userAccountId", id,
            "firstName", firstName, "lastName", LAST_NAMES.get((int) (n % LAST_NAMES.size()))))).thenAccept(reply -> {
              String error = reply.error();
              record(s, measured, startNanos, reply, error);
              if (error == null && sample) {
                follow(id, startNanos, reply.answeredNanos(),
                    account -> firstName.equals(account.path("firstName").asText()), () -> pool.release(id));
              } else if (error == null
                  || !(error.equals("graphql:NOT_FOUND") || error.equals("graphql:ALREADY_DELETED"))) {
                pool.release(id);
              }
            });
      }
      case DELETE -> {
        String id = pool.lease(random); // never released: deleted, or (after an error) perhaps deleted
        if (id == null) {
          return skipped(s, measured);
        }
        done = client.call(Api.COMMAND, GraphQLClient.DELETE, Map.of("input", Map.of("userAccountId", id)))
            .thenAccept(reply -> record(s, measured, startNanos, reply, reply.error()));
      }
      case GET -> {
        String id = pool.pick(random);
        if (id == null) {
          return skipped(s, measured);
        }
        done = client.call(Api.QUERY, GraphQLClient.GET_ACCOUNT, Map.of("id", id)).thenAccept(reply -> {
          String error = reply.error();
          record(s, measured, startNanos, reply, error);
          if (error == null && measured) {
            (reply.json().at("/data/getUserAccount").isNull() ? s.notFound : s.found).increment();
          }
        });
      }
      case SEARCH -> {
        String term = LAST_NAMES.get(random.nextInt(LAST_NAMES.size()));
        done = client.call(Api.QUERY, GraphQLClient.SEARCH, Map.of("t", term, "n", 10))
            .thenAccept(reply -> record(s, measured, startNanos, reply, reply.error()));
      }
      default -> throw new IllegalStateException(op.toString());
    }
    return done.exceptionally(e -> {
      if (measured) {
        s.error("loadgen:" + e.getClass().getSimpleName()); // a bug here, not the system's
      }
      return null;
    });
  }

  private static CompletableFuture<Void> skipped(OpStats s, boolean measured) {
    if (measured) {
      s.skipped.increment();
    }
    return SKIPPED;
  }

  private void record(OpStats s, boolean measured, long startNanos, Reply reply, String error) {
    if (!measured) {
      return;
    }
    if (error == null) {
      long latency = reply.answeredNanos() - startNanos;
      s.ok.increment();
      s.latency.recordNanos(latency);
      all.recordNanos(latency);
    } else {
      s.error(error);
    }
  }

  /**
   * Polls the query API for {@code id} every {@code visibilityPoll} (after the previous answer)
   * until {@code shows} accepts the account or the timeout passes; then runs {@code then}.
   */
  private void follow(String id, long startNanos, long answeredNanos, Predicate<JsonNode> shows, Runnable then) {
    visibility.sampled.increment();
    visibility.pending.incrementAndGet();
    poll(id, startNanos, answeredNanos, shows, then);
  }

  private void poll(String id, long startNanos, long answeredNanos, Predicate<JsonNode> shows, Runnable then) {
    visibility.polls.increment();
    client.call(Api.QUERY, GraphQLClient.GET_ACCOUNT, Map.of("id", id)).thenAccept(reply -> {
      String error = reply.error();
      if (error == null) {
        JsonNode account = reply.json().at("/data/getUserAccount");
        if (!account.isMissingNode() && !account.isNull() && shows.test(account)) {
          visibility.visible.increment();
          visibility.fromStart.recordNanos(reply.answeredNanos() - startNanos);
          visibility.fromAnswer.recordNanos(reply.answeredNanos() - answeredNanos);
          finish(then);
          return;
        }
      } else {
        visibility.pollErrors.computeIfAbsent(error, k -> new LongAdder()).increment();
      }
      if (reply.answeredNanos() - startNanos > config.visibilityTimeout().toNanos()) {
        visibility.notVisible.increment();
        finish(then);
        return;
      }
      timer.schedule(() -> poll(id, startNanos, answeredNanos, shows, then),
          config.visibilityPoll().toNanos(), TimeUnit.NANOSECONDS);
    }).exceptionally(e -> {
      visibility.pollErrors.computeIfAbsent("loadgen:" + e.getClass().getSimpleName(), k -> new LongAdder()).increment();
      finish(then);
      return null;
    });
  }

  private void finish(Runnable then) {
    visibility.pending.decrementAndGet();
    then.run();
  }

  /** A line on stderr every 5 s, so that a long run shows it is alive. */
  private ScheduledFuture<?> progress() {
    long start = System.nanoTime();
    return timer.scheduleAtFixedRate(() -> {
      long ok = 0;
      long errors = 0;
      long dropped = 0;
      for (OpStats s : stats.values()) {
        ok += s.ok.sum();
        errors += s.errorCount();
        dropped += s.dropped.sum();
      }
      System.err.printf(Locale.ROOT, "mix: %3ds ok=%d errors=%d dropped=%d live_accounts=%d visibility_pending=%d%n",
          TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start), ok, errors, dropped, pool.size(),
          visibility.pending.get());
    }, 5, 5, TimeUnit.SECONDS);
  }

  private static Map<String, Object> createInput(String firstName, String lastName, String email) {
    return Map.of("input", Map.of("firstName", firstName, "lastName", lastName, "emailAddress", email));
  }

  private static String createdId(Reply reply) {
    if (reply.error() != null) {
      return null;
    }
    JsonNode id = reply.json().at("/data/createUserAccount/id");
    return id.isTextual() ? id.asText() : null;
  }

  private static String errorOfCreate(Reply reply) {
    String error = reply.error();
    return error != null ? error : createdId(reply) == null ? "invalid:NO_ID" : null;
  }

  static double round1(double v) {
    return Math.round(v * 10) / 10.0;
  }

  /** The readable summary of a {@code mix} report (the JSON is the full record). */
  @SuppressWarnings("unchecked")
  static String render(Map<String, Object> report) {
    StringBuilder b = new StringBuilder();
    boolean open = "open".equals(report.get("model"));
    b.append(String.format(Locale.ROOT, "mix %s: %s, %s s measured after %s s warm-up%n",
        report.get("mix"), open ? "open model, target " + report.get("target_rate_per_s") + "/s, at most "
            + report.get("max_outstanding") + " outstanding" : "closed loop, " + report.get("concurrency") + " clients",
        report.get("duration_s"), report.get("warmup_s")));
    b.append(String.format(Locale.ROOT, "%-8s %8s %8s %7s %7s %7s %9s %9s %9s %9s %9s%n", "op", "ok", "ok/s",
        "errors", "dropped", "skipped", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms"));
    Map<String, Map<String, Object>> ops = (Map<String, Map<String, Object>>) report.get("operations");
    ops.forEach((op, s) -> row(b, op, s));
    row(b, "all", (Map<String, Object>) report.get("total"));
    ops.forEach((op, s) -> {
      Map<String, Long> errors = (Map<String, Long>) s.get("errors_by_key");
      if (!errors.isEmpty()) {
        b.append("  ").append(op).append(" errors: ").append(errors).append('\n');
      }
      if (s.containsKey("found")) {
        b.append(String.format(Locale.ROOT, "  get: %s found, %s null (deleted, or not yet visible)%n",
            s.get("found"), s.get("not_found")));
      }
    });
    Map<String, Object> v = (Map<String, Object>) report.get("visibility");
    if (v != null && ((Number) v.get("sampled")).longValue() > 0) {
      Map<String, Object> lag = (Map<String, Object>) v.get("lag_from_start");
      Map<String, Object> after = (Map<String, Object>) v.get("lag_from_answer");
      b.append(String.format(Locale.ROOT,
          "write -> read visible (%s of creates/renames, polled every %s ms): %s sampled, %s visible, %s not within %s s%n"
              + "  from the command's %s: p50 %s  p90 %s  p99 %s  max %s ms; from its answer: p50 %s  p99 %s ms%n",
          v.get("sample"), v.get("poll_interval_ms"), v.get("sampled"), v.get("visible"), v.get("not_visible_within_s"),
          v.get("timeout_s"), open ? "intended start" : "start", lag.get("p50_ms"), lag.get("p90_ms"), lag.get("p99_ms"), lag.get("max_ms"),
          after.get("p50_ms"), after.get("p99_ms")));
    }
    Map<String, Object> g = (Map<String, Object>) report.get("generator");
    if (open && g != null) {
      Map<String, Object> lag = (Map<String, Object>) g.get("schedule_lag");
      b.append(String.format(Locale.ROOT,
          "generator: sends started p99 %s ms (max %s ms) after their intended time; peak %s outstanding%n",
          lag.get("p99_ms"), lag.get("max_ms"), g.get("peak_outstanding")));
    }
    return b.toString();
  }

  @SuppressWarnings("unchecked")
  private static void row(StringBuilder b, String op, Map<String, Object> s) {
    Map<String, Object> l = (Map<String, Object>) s.get("latency");
    b.append(String.format(Locale.ROOT, "%-8s %8s %8s %7s %7s %7s %9s %9s %9s %9s %9s%n", op, s.get("ok"),
        s.get("ok_per_second"), s.get("errors"), s.get("dropped"), s.get("skipped_no_account"), l.get("p50_ms"),
        l.get("p90_ms"), l.get("p99_ms"), l.get("p999_ms"), l.get("max_ms")));
  }
}
