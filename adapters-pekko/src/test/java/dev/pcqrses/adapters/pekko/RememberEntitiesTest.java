package dev.pcqrses.adapters.pekko;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pcqrses.adapters.pekko.useraccount.ShardedUserAccounts;
import dev.pcqrses.adapters.pekko.useraccount.UlidIdGenerator;
import dev.pcqrses.adapters.pekko.useraccount.UserAccountSettings;
import dev.pcqrses.domain.useraccount.EventMetadata;
import dev.pcqrses.domain.useraccount.UserAccountId;
import dev.pcqrses.ports.in.CommandOutcome;
import dev.pcqrses.ports.out.CommandPort;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;
import org.junit.jupiter.api.Test;

/**
 * SHARDING_REMEMBER_ENTITIES=on with the default ddata store: the settings reach Cluster Sharding,
 * and the entities run with them. (With Pekko's durable LMDB store this JVM would exit: lmdbjava
 * needs --add-opens on Java 17; pcqrses-pekko.conf keeps the store in memory.)
 */
class RememberEntitiesTest {
  @Test
  void remember_entities_on_with_the_ddata_store_is_applied_and_entities_answer() throws Exception {
    ActorSystem<Void> system = TestPekko.start("remember-test", "pekko.cluster.sharding.remember-entities = on\n"
        + "pcqrses.user-account.tag-slices = 0"); // untagged: the projection tests read the journal by tag
    try {
      ClusterShardingSettings settings = ClusterShardingSettings.create(system);
      assertThat(settings.rememberEntities()).isTrue();
      assertThat(org.apache.pekko.cluster.sharding.ClusterShardingSettings.create(system.classicSystem())
          .rememberEntitiesStore()).isEqualTo("ddata");
      assertThat(settings.numberOfShards()).isEqualTo(100);
      assertThat(system.settings().config().getStringList("pekko.cluster.sharding.distributed-data.durable.keys")).isEmpty();

      CommandPort accounts = ShardedUserAccounts.init(system,
          UserAccountSettings.fromConfig(system.settings().config(), Duration.ofSeconds(10)), new UlidIdGenerator(),
          Clock.systemUTC(), new SimpleMeterRegistry());
      UserAccountId id = new UlidIdGenerator().newUserAccountId();
      assertThat(accounts.submit(UserAccountEntityTest.create(id), EventMetadata.NONE).toCompletableFuture()
          .orTimeout(20, TimeUnit.SECONDS).join()).isEqualTo(new CommandOutcome.Accepted(id));
    } finally {
      TestPekko.stop(system);
    }
  }
}
