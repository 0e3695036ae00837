package dev.pcqrses.clustertests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * A rolling restart of the three command nodes under a steady load spread over them by a
 * round-robin client standing in for the load balancer ({@link LoadBalancer}): each node in turn
 * gets SIGTERM, must exit 0 after its graceful stop (readiness 503, grace period, detach wait,
 * refusals, drain, leave the cluster and hand its shards off), and is started again; the next one
 * goes once the cluster has three members up. Not one request may fail at the client. The
 * client-side latency during the restart is printed (p99, max), not asserted.
 */
class RollingRestartIT {
  @Test
  void a_rolling_restart_of_all_command_nodes_fails_no_request() {
    TestCluster cluster = TestCluster.get();
    List<String> sequences = new ArrayList<>();
    List<Integer> exitCodes = new ArrayList<>();
    long windowStart;
    long windowEnd;
    try (LoadBalancer lb = new LoadBalancer(cluster.commandNodes);
        SteadyLoad load = new SteadyLoad(lb, "R", 6, 5.0).start()) {
      load.awaitAcknowledged(60, Duration.ofSeconds(60));
      windowStart = System.nanoTime();
      for (AppProcess node : cluster.commandNodes) {
        // An account created on this node for the observer's requests (a cheap, valid mutation).
        Api.Reply created = Api.graphql(node.baseUrl(), Api.CREATE,
            Api.createInput("Observer", node.name, "observer." + node.name + "@example.com"), Duration.ofSeconds(15));
        assertThat(created.ok()).as(created.describe()).isTrue();
        String id = created.json().at("/data/createUserAccount/id").asText();
        int exit;
        long exited;
        try (ShutdownObserver observer = new ShutdownObserver(node, Api.RENAME,
            Api.renameInput(id, "Observed", node.name)).sigterm()) {
          exit = node.awaitExit(Duration.ofSeconds(90));
          exited = System.nanoTime();
          observer.close();
          sequences.add(observer.describe(exit, exited));
          System.out.println("[rolling] " + observer.describe(exit, exited));
          assertThat(observer.readinessFailedNanos).as("%s: readiness turned 503 before the exit", node).isPositive();
          // A request the stopping node accepted is answered properly; refusals come only after readiness.
          assertThat(observer.unexpected).as("what %s answered while stopping", node).isNull();
          if (observer.firstRefusedNanos != 0) {
            assertThat(observer.firstRefusedNanos).isGreaterThan(observer.readinessFailedNanos);
            assertThat(observer.refusedWithRetryAfter).as("the refusal carries Retry-After").isTrue();
          }
        }
        exitCodes.add(exit);
        long restart = System.nanoTime();
        cluster.restart(node);
        TestCluster.awaitReady(node, TestCluster.START_TIMEOUT);
        for (AppProcess each : cluster.commandNodes) {
          TestCluster.awaitMembersUp(each, 3, TestCluster.START_TIMEOUT);
        }
        Poll.until(Duration.ofSeconds(10), () -> "the load balancer routes to " + node + " again",
            () -> lb.isReady(node), () -> "");
        System.out.printf(Locale.ROOT, "[rolling] %s restarted, back in the cluster and the rotation in %.1f s%n",
            node.name, (System.nanoTime() - restart) / 1e9);
        load.awaitAcknowledged(20, Duration.ofSeconds(60));
      }
      windowEnd = System.nanoTime();
      load.awaitAcknowledged(30, Duration.ofSeconds(60));
      load.close();

      Histogram during = load.latencies(windowStart, windowEnd);
      Histogram all = load.latencies(0, Long.MAX_VALUE);
      System.out.printf(Locale.ROOT, "[rolling] client-side latency during the rolling restart (%.1f s): %s%n",
          (windowEnd - windowStart) / 1e9, SteadyLoad.summary(during));
      System.out.printf(Locale.ROOT, "[rolling] whole run: %s; %d acknowledged, %d failed, %d retried after a 503; "
          + "answered by %s%n", SteadyLoad.summary(all), load.acknowledged.get(), load.failures.size(),
          lb.retriedOn503.get(), load.answeredBy);
      assertThat(List.copyOf(load.failures)).as("requests that failed at the client during the rolling restart")
          .isEmpty();
      assertThat(exitCodes).as("exit codes after SIGTERM:\n%s", String.join("\n", sequences))
          .containsOnly(0);
      var journal = load.assertAcknowledgedInJournal(cluster);
      load.awaitReadModelMatches(cluster, cluster.queryApis.get(0), journal, Duration.ofSeconds(60));
      // The last node to come back starts without shards; the rebalance hands some over to it from
      // the others, and they count the hand-off (pcqrses_sharding_shard_handoffs_total, sampled).
      Poll.until(Duration.ofSeconds(90), () -> "a shard hand-off counted by a node", () ->
          cluster.commandNodes.stream().mapToDouble(n -> {
            Api.Reply r = Api.get(n.baseUrl(), "/metrics", Duration.ofSeconds(2));
            double handoffs = r.status() == 200 ? Api.sample(r.body(), "pcqrses_sharding_shard_handoffs_total") : 0;
            return Double.isNaN(handoffs) ? 0 : handoffs;
          }).sum() > 0, () -> "hand-offs per node: " + cluster.commandNodes.stream().map(n ->
              n.name + "=" + Api.sample(Api.get(n.baseUrl(), "/metrics", Duration.ofSeconds(2)).body(),
                  "pcqrses_sharding_shard_handoffs_total")).toList());
    } finally {
      cluster.ensureHealthy();
    }
  }
}
