package dev.pcqrses.clustertests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * A small steady command load through a {@link LoadBalancer}: {@code workers} threads, each paced
 * at {@code perWorkerRate} commands/s, each creating accounts of its own and renaming them with
 * names never used before, one command in flight per account. It remembers every acknowledged
 * command so that the test can look for it in the journal and the read model, and every failure.
 */
final class SteadyLoad implements AutoCloseable {
  /** What an account must show, as far as acknowledged commands go. */
  static final class Account {
    final String id;
    /** First names of the acknowledged create and renames, in order. */
    final List<String> acknowledgedNames = Collections.synchronizedList(new ArrayList<>());
    /** Whether the last command sent to this account was acknowledged (else its outcome is unknown). */
    volatile boolean lastAcknowledged = true;

    Account(String id) {
      this.id = id;
    }
  }

  /** One request: when it started (System.nanoTime) and how long until its final answer. */
  record Sample(long startNanos, long nanos, boolean ok) {}

  private final LoadBalancer lb;
  private final String tag;
  private final int workers;
  private final double perWorkerRate;
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean stopped;
  final Map<String, Account> accounts = new ConcurrentHashMap<>();
  final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
  final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
  final AtomicLong acknowledged = new AtomicLong();
  final Map<String, AtomicLong> answeredBy = new ConcurrentHashMap<>();

  SteadyLoad(LoadBalancer lb, String tag, int workers, double perWorkerRate) {
    this.lb = lb;
    this.tag = tag;
    this.workers = workers;
    this.perWorkerRate = perWorkerRate;
  }

  SteadyLoad start() {
    for (int w = 0; w < workers; w++) {
      int worker = w;
      Thread t = new Thread(() -> run(worker), "load-" + tag + "-" + w);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    return this;
  }

  private void run(int worker) {
    long interval = (long) (TimeUnit.SECONDS.toNanos(1) / perWorkerRate);
    long nextStart = System.nanoTime();
    List<Account> mine = new ArrayList<>();
    int seq = 0;
    while (!stopped) {
      // Pacing: a steady rate, not a wait for a condition. A slow answer delays the next command
      // rather than bunching the ones behind it.
      long now = System.nanoTime();
      if (nextStart > now) {
        Poll.pause(Duration.ofNanos(nextStart - now));
      }
      nextStart = Math.max(nextStart + interval, System.nanoTime());
      seq++;
      String first = "L" + tag + "w" + worker + "n" + seq;
      boolean create = mine.size() < 3 || ThreadLocalRandom.current().nextInt(4) == 0;
      long start = System.nanoTime();
      if (create) {
        LoadBalancer.Routed r = lb.graphql(Api.CREATE, Api.createInput(first, "Load",
            "load." + tag + "." + worker + "." + seq + "@example.com"));
        boolean ok = r.reply().ok();
        record(start, r, ok, "create " + first);
        if (ok) {
          Account account = new Account(r.reply().json().at("/data/createUserAccount/id").asText());
          account.acknowledgedNames.add(first);
          accounts.put(account.id, account);
          mine.add(account);
        }
      } else {
        Account account = mine.get(ThreadLocalRandom.current().nextInt(mine.size()));
        LoadBalancer.Routed r = lb.graphql(Api.RENAME, Api.renameInput(account.id, first, "Load"));
        boolean ok = r.reply().ok();
        record(start, r, ok, "rename " + account.id + " to " + first);
        if (ok) {
          account.acknowledgedNames.add(first);
        }
        account.lastAcknowledged = ok;
      }
    }
  }

  private void record(long start, LoadBalancer.Routed r, boolean ok, String what) {
    long nanos = System.nanoTime() - start;
    samples.add(new Sample(start, nanos, ok));
    if (ok) {
      acknowledged.incrementAndGet();
      answeredBy.computeIfAbsent(r.node().name, k -> new AtomicLong()).incrementAndGet();
    } else {
      failures.add(String.format(Locale.ROOT, "%s via %s after %d attempt(s), %d ms: %s", what,
          r.node() == null ? "-" : r.node().name, r.attempts(), nanos / 1_000_000, r.reply().describe()));
    }
  }

  /** Waits until {@code more} further commands have been acknowledged. */
  void awaitAcknowledged(long more, Duration timeout) {
    long target = acknowledged.get() + more;
    Poll.until(timeout, () -> target + " acknowledged commands (have " + acknowledged.get() + ")",
        () -> acknowledged.get() >= target, () -> "failures so far: " + firstFailures(10));
  }

  List<String> firstFailures(int n) {
    return failures.stream().limit(n).toList();
  }

  @Override
  public void close() {
    stopped = true;
    for (Thread t : threads) {
      try {
        t.join(TimeUnit.SECONDS.toMillis(60));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Latency histogram (µs) of the requests started within [from, to) (System.nanoTime). */
  Histogram latencies(long fromNanos, long toNanos) {
    Histogram h = new Histogram(TimeUnit.MINUTES.toMicros(2), 3);
    for (Sample s : samples) {
      if (s.startNanos() >= fromNanos && s.startNanos() < toNanos) {
        h.recordValue(Math.min(TimeUnit.NANOSECONDS.toMicros(s.nanos()), h.getHighestTrackableValue()));
      }
    }
    return h;
  }

  static String summary(Histogram h) {
    return String.format(Locale.ROOT, "n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms", h.getTotalCount(),
        h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0);
  }

  // ---------------------------------------------------------------- what must be stored

  /** One event of an account in the journal: its sequence number, manifest and first name (if any). */
  record JournalEvent(long sequenceNr, String manifest, String firstName) {}

  /** The journal's events of every account this load created, by account id. */
  Map<String, List<JournalEvent>> journal(TestCluster cluster) {
    Map<String, List<JournalEvent>> byId = new HashMap<>();
    List<String> persistenceIds = accounts.keySet().stream().map(id -> "UserAccount|" + id).toList();
    try (Connection c = cluster.connection(); PreparedStatement s = c.prepareStatement(
        "SELECT persistence_id, sequence_number, event_ser_manifest, convert_from(event_payload, 'UTF8') "
            + "FROM event_journal WHERE persistence_id = ANY (?) ORDER BY persistence_id, sequence_number")) {
      Array array = c.createArrayOf("varchar", persistenceIds.toArray());
      s.setArray(1, array);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          String id = rs.getString(1).substring("UserAccount|".length());
          JsonNode payload = Api.JSON.readTree(rs.getString(4));
          byId.computeIfAbsent(id, k -> new ArrayList<>()).add(new JournalEvent(rs.getLong(2), rs.getString(3),
              payload.path("firstName").asText(null)));
        }
      }
    } catch (SQLException | java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    return byId;
  }

  /**
   * Every acknowledged create and rename is in the journal; where an account's last command was
   * acknowledged, its last event carries that command's name. Returns the journal for the next check.
   */
  Map<String, List<JournalEvent>> assertAcknowledgedInJournal(TestCluster cluster) {
    Map<String, List<JournalEvent>> journal = journal(cluster);
    List<String> missing = new ArrayList<>();
    for (Account account : accounts.values()) {
      List<JournalEvent> events = journal.getOrDefault(account.id, List.of());
      Set<String> names = new HashSet<>();
      events.forEach(e -> names.add(e.firstName()));
      if (events.isEmpty() || !events.get(0).manifest().startsWith("UserAccountCreated")) {
        missing.add(account.id + ": no creation event (" + events + ")");
      }
      synchronized (account.acknowledgedNames) {
        for (String name : account.acknowledgedNames) {
          if (!names.contains(name)) {
            missing.add(account.id + ": acknowledged name " + name + " not in the journal " + events);
          }
        }
        if (account.lastAcknowledged && !events.isEmpty()) {
          String last = account.acknowledgedNames.get(account.acknowledgedNames.size() - 1);
          if (!last.equals(events.get(events.size() - 1).firstName())) {
            missing.add(account.id + ": last event is not the last acknowledged rename " + last + ": " + events);
          }
        }
      }
    }
    assertThat(missing).as("acknowledged commands missing from event_journal (%d accounts checked)",
        accounts.size()).isEmpty();
    return journal;
  }

  /**
   * Waits until a query API shows every account as the journal says: its last event's first name
   * (which, where the last command was acknowledged, is that command's). The projection's catch-up.
   */
  void awaitReadModelMatches(TestCluster cluster, AppProcess queryApi, Map<String, List<JournalEvent>> journal,
      Duration timeout) {
    Map<String, String> expected = new TreeMap<>();
    journal.forEach((id, events) -> expected.put(id, events.get(events.size() - 1).firstName()));
    Map<String, String> wrong = new LinkedHashMap<>();
    Poll.until(timeout, () -> "the read model (via " + queryApi + ") shows " + expected.size()
            + " accounts as journaled", () -> {
          wrong.clear();
          for (Map.Entry<String, String> e : expected.entrySet()) {
            Api.Reply r = Api.graphql(queryApi.baseUrl(), Api.GET, Map.of("id", e.getKey()), Duration.ofSeconds(5));
            String shown = r.ok() ? r.json().at("/data/getUserAccount/firstName").asText(null) : "error " + r.describe();
            if (!e.getValue().equals(shown)) {
              wrong.put(e.getKey(), "expected " + e.getValue() + ", shown " + shown);
            }
          }
          return wrong.isEmpty();
        }, () -> wrong.size() + " differ, e.g. " + wrong.entrySet().stream().limit(5).toList());
  }
}
