package dev.pcqrses.adapters.pekko;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pcqrses.adapters.pekko.runtime.PekkoHealth;
import dev.pcqrses.adapters.pekko.runtime.PekkoRuntime;
import dev.pcqrses.adapters.pekko.useraccount.ShardedUserAccounts;
import dev.pcqrses.adapters.pekko.useraccount.UlidIdGenerator;
import dev.pcqrses.adapters.pekko.useraccount.UserAccountSettings;
import dev.pcqrses.domain.useraccount.EventMetadata;
import dev.pcqrses.domain.useraccount.UserAccountId;
import dev.pcqrses.ports.in.CommandOutcome;
import dev.pcqrses.ports.out.CommandPort;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.typed.Cluster;
import org.junit.jupiter.api.Test;

/**
 * Two real ActorSystems on loopback, joined through PEKKO_CLUSTER_SEED_NODES' setting: commands sent
 * through one node reach entities on the other (serialized across remoting, Java serialization
 * off), Pekko Management lists both members, and when one node leaves gracefully its shards move to
 * the other and its accounts answer there with their state.
 */
class TwoNodeClusterTest {
  static final UlidIdGenerator IDS = new UlidIdGenerator();

  @Test
  void nodes_join_through_seed_nodes_serve_each_others_entities_and_hand_shards_off_on_leaving() throws Exception {
    int portA = freePort();
    int portB = freePort();
    int managementA = freePort();
    String seeds = "pekko://two-nodes@127.0.0.1:" + portA + ",pekko://two-nodes@127.0.0.1:" + portB;
    String common = "pcqrses.cluster.seed-nodes = \"" + seeds + "\"\n"
        + "pekko.cluster.sharding.number-of-shards = 20\n"
        // Untagged: the projection tests of this JVM read the same journal by tag.
        + "pcqrses.user-account.tag-slices = 0\n";
    ActorSystem<Void> a = null;
    ActorSystem<Void> b = null;
    try {
      a = PekkoRuntime.start("two-nodes", TestPekko.config(common + "pekko.remote.artery.canonical.port = " + portA
          + "\npcqrses.management.enabled = true\npekko.management.http.port = " + managementA), TestPekko.journal());
      b = PekkoRuntime.start("two-nodes", TestPekko.config(common + "pekko.remote.artery.canonical.port = " + portB),
          TestPekko.journal());
      ActorSystem<Void> nodeA = a;
      ActorSystem<Void> nodeB = b;
      await().atMost(30, TimeUnit.SECONDS).until(() -> PekkoHealth.clusterMemberUp(nodeA) && PekkoHealth.clusterMemberUp(nodeB));

      UserAccountSettings settings = UserAccountSettings.fromConfig(a.settings().config(), Duration.ofSeconds(10));
      CommandPort viaA = ShardedUserAccounts.init(a, settings, IDS, Clock.systemUTC(), new SimpleMeterRegistry());
      CommandPort viaB = ShardedUserAccounts.init(b, settings, IDS, Clock.systemUTC(), new SimpleMeterRegistry());

      // 40 accounts over 20 shards, each created through B: those whose shard A hosts cross the nodes.
      // (No min-nr-of-members = 2 here: a coordinator that moves to B after A left would then wait
      // for a second region forever and allocate no shard; docs/configuration.md.)
      List<UserAccountId> ids = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        UserAccountId id = IDS.newUserAccountId();
        ids.add(id);
        assertThat(send(viaB, UserAccountEntityTest.create(id))).isEqualTo(new CommandOutcome.Accepted(id));
      }
      // The outcomes of refused commands cross the nodes too.
      assertThat(send(viaA, UserAccountEntityTest.create(ids.get(0))))
          .isEqualTo(new CommandOutcome.Rejected(new dev.pcqrses.domain.useraccount.UserAccountError.AlreadyExists(ids.get(0))));

      String members = get("http://127.0.0.1:" + managementA + "/cluster/members");
      assertThat((List<?>) dev.pcqrses.ports.contract.Json.parseObject(members).get("members")).hasSize(2);
      // The route gathers every region's shards with a short timeout of its own: poll for them.
      await().atMost(20, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
          assertThat(get("http://127.0.0.1:" + managementA + "/cluster/shards/UserAccount")).contains("shardId"));

      // A leaves gracefully while commands keep coming through B: its shards are handed off (each
      // entity stopped by its stop message), and not one command goes unanswered or times out.
      java.util.concurrent.atomic.AtomicBoolean leaving = new java.util.concurrent.atomic.AtomicBoolean(true);
      List<CommandOutcome> duringHandOff = new java.util.concurrent.CopyOnWriteArrayList<>();
      java.util.concurrent.CompletableFuture<Void> load = java.util.concurrent.CompletableFuture.runAsync(() -> {
        for (int round = 0; leaving.get() || round < 2; round++) {
          List<java.util.concurrent.CompletableFuture<CommandOutcome>> sent = new ArrayList<>();
          for (UserAccountId id : ids) {
            sent.add(viaB.submit(UserAccountEntityTest.rename(id, "Round" + round), EventMetadata.NONE).toCompletableFuture());
          }
          sent.forEach(f -> duringHandOff.add(f.orTimeout(30, TimeUnit.SECONDS).join()));
        }
      });
      assertThat(PekkoRuntime.terminate(a, Duration.ofSeconds(30))).isTrue();
      a = null;
      leaving.set(false);
      load.get(120, TimeUnit.SECONDS);
      assertThat(duringHandOff).hasSizeGreaterThanOrEqualTo(2 * ids.size())
          .allSatisfy(outcome -> assertThat(outcome).isInstanceOf(CommandOutcome.Accepted.class));
      await().atMost(30, TimeUnit.SECONDS).until(() ->
          java.util.stream.StreamSupport.stream(Cluster.get(nodeB).state().getMembers().spliterator(), false).count() == 1);
      // Every account answers through B with its recovered state.
      for (UserAccountId id : ids) {
        assertThat(send(viaB, UserAccountEntityTest.rename(id, "Moved"))).isEqualTo(new CommandOutcome.Accepted(id));
      }
    } finally {
      TestPekko.stop(a);
      TestPekko.stop(b);
    }
  }

  static CommandOutcome send(CommandPort port, dev.pcqrses.domain.useraccount.UserAccountCommand command) {
    return port.submit(command, EventMetadata.NONE).toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
  }

  static String get(String url) throws IOException, InterruptedException {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
    return response.body();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
