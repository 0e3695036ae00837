package dev.pcqrses.clustertests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * SIGKILL one command node under steady load. No acknowledged command may be lost: every
 * acknowledged create and rename is in {@code event_journal} and, once the projection has caught
 * up, in the read model as a query API shows it. The dead node's entities answer again from the
 * survivors once the Split Brain Resolver has downed it; how long that took is printed.
 */
class NodeCrashIT {
  @Test
  void no_acknowledged_command_is_lost_and_the_dead_nodes_entities_answer_from_the_survivors() {
    TestCluster cluster = TestCluster.get();

    // Accounts whose entities we can locate before the crash.
    List<String> probes = new ArrayList<>();
    for (int i = 0; i < 45; i++) {
      AppProcess node = cluster.commandNodes.get(i % 3);
      Api.Reply r = Api.graphql(node.baseUrl(), Api.CREATE, Api.createInput("Probe" + i, "Crash",
          "probe" + i + "@example.com"), Duration.ofSeconds(15));
      assertThat(r.ok()).as("create via %s: %s", node, r.describe()).isTrue();
      probes.add(r.json().at("/data/createUserAccount/id").asText());
    }
    Map<AppProcess, List<String>> where = new LinkedHashMap<>();
    Poll.until(Duration.ofSeconds(20), () -> "every probe entity found in a node's log", () -> {
      where.clear();
      for (AppProcess node : cluster.commandNodes) {
        Set<String> logged = TestCluster.entitiesLoggedBy(node);
        where.put(node, probes.stream().filter(logged::contains).toList());
      }
      return where.values().stream().mapToInt(List::size).sum() >= probes.size();
    }, () -> "found: " + where);
    // The node with the most probe entities dies (whichever it is; the shard coordinator may be on it).
    AppProcess victim = where.entrySet().stream().max(Comparator.comparingInt(e -> e.getValue().size()))
        .orElseThrow().getKey();
    List<String> victimsEntities = where.get(victim);
    List<AppProcess> survivors = cluster.commandNodes.stream().filter(n -> n != victim).toList();
    System.out.printf(Locale.ROOT, "[crash] probe entities by node: %s; killing %s%n",
        where.entrySet().stream().map(e -> e.getKey().name + "=" + e.getValue().size()).toList(), victim.name);

    try (LoadBalancer lb = new LoadBalancer(cluster.commandNodes);
        SteadyLoad load = new SteadyLoad(lb, "K", 6, 5.0).start()) {
      load.awaitAcknowledged(60, Duration.ofSeconds(60));

      // Until the Split Brain Resolver downs it, the survivors report the dead node as unreachable.
      java.util.concurrent.atomic.AtomicInteger unreachableSeen = new java.util.concurrent.atomic.AtomicInteger();
      java.util.concurrent.atomic.AtomicBoolean watching = new java.util.concurrent.atomic.AtomicBoolean(true);
      Thread watcher = new Thread(() -> {
        while (watching.get()) {
          for (AppProcess node : survivors) {
            TestCluster.Membership m = TestCluster.membership(node);
            if (m != null) {
              unreachableSeen.accumulateAndGet(m.unreachable(), Math::max);
            }
          }
          Poll.pause(Duration.ofMillis(100));
        }
      }, "unreachable-watcher");
      watcher.setDaemon(true);
      watcher.start();

      long killed = System.nanoTime();
      victim.sigkill();
      assertThat(victim.awaitExit(Duration.ofSeconds(10))).as("exit code after SIGKILL").isEqualTo(137);

      // Every entity of the dead node is renamed through the survivors, each by a probe of its own,
      // again and again until it answers (one attempt waits at most for the ask timeout).
      Map<String, Long> answeredAfter = new java.util.concurrent.ConcurrentHashMap<>();
      long deadline = killed + Duration.ofSeconds(90).toNanos();
      List<Thread> probeThreads = new ArrayList<>();
      for (int i = 0; i < victimsEntities.size(); i++) {
        String id = victimsEntities.get(i);
        AppProcess via = survivors.get(i % survivors.size());
        Thread t = new Thread(() -> {
          int attempt = 0;
          while (System.nanoTime() < deadline) {
            attempt++;
            Api.Reply r = Api.graphql(via.baseUrl(), Api.RENAME, Api.renameInput(id, "Survived" + attempt, "Crash"),
                Duration.ofSeconds(15));
            if (r.ok()) {
              answeredAfter.put(id, System.nanoTime() - killed);
              return;
            }
            Poll.pause(Poll.INTERVAL);
          }
        }, "crash-probe-" + i);
        t.setDaemon(true);
        t.start();
        probeThreads.add(t);
      }
      for (Thread t : probeThreads) {
        try {
          t.join(Duration.ofSeconds(100).toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      long first = answeredAfter.values().stream().mapToLong(Long::longValue).min().orElse(0);
      assertThat(answeredAfter).as("the dead node's entities answering through the survivors within 90 s")
          .hasSize(victimsEntities.size());
      long last = answeredAfter.values().stream().mapToLong(Long::longValue).max().orElse(0);
      System.out.printf(Locale.ROOT,
          "[crash] SIGKILL -> first successful command on an entity of the dead node: %.2f s; all %d of them: %.2f s"
              + " (SBR stable-after %s, heartbeat pause %s)%n", first / 1e9, victimsEntities.size(), last / 1e9,
          TestCluster.SBR_STABLE_AFTER, TestCluster.HEARTBEAT_PAUSE);

      // The survivors agree that the cluster now has two members.
      for (AppProcess node : survivors) {
        TestCluster.awaitMembersUp(node, 2, Duration.ofSeconds(30));
      }
      watching.set(false);
      assertThat(unreachableSeen.get()).as("pcqrses_cluster_unreachable_members on a survivor before the downing")
          .isGreaterThanOrEqualTo(1);
      load.awaitAcknowledged(60, Duration.ofSeconds(60));
      load.close();
      System.out.printf(Locale.ROOT, "[crash] load: %d acknowledged, %d failed (around the crash), %d accounts; "
              + "answered by %s; latency %s%n", load.acknowledged.get(), load.failures.size(), load.accounts.size(),
          load.answeredBy, SteadyLoad.summary(load.latencies(0, Long.MAX_VALUE)));
      load.firstFailures(5).forEach(f -> System.out.println("[crash]   failed: " + f));

      var journal = load.assertAcknowledgedInJournal(cluster);
      load.awaitReadModelMatches(cluster, cluster.queryApis.get(1), journal, Duration.ofSeconds(60));
    } finally {
      long restart = System.nanoTime();
      cluster.ensureHealthy();
      System.out.printf(Locale.ROOT, "[crash] %s restarted and the cluster back to 3 members up in %.1f s%n",
          victim.name, (System.nanoTime() - restart) / 1e9);
    }
  }
}
