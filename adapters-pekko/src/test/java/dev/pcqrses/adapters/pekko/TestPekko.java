package dev.pcqrses.adapters.pekko;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.pcqrses.adapters.pekko.runtime.JournalDatabase;
import dev.pcqrses.adapters.pekko.runtime.PekkoHealth;
import dev.pcqrses.adapters.pekko.runtime.PekkoRuntime;
import dev.pcqrses.adapters.postgres.EmbeddedPostgresServer;
import dev.pcqrses.adapters.postgres.SharedPostgres;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.awaitility.Awaitility;

/** Real ActorSystems for the tests: cluster provider, the JDBC journal on the shared PostgreSQL. */
final class TestPekko {
  private TestPekko() {}

  static Config config(String overrides) {
    return ConfigFactory.load(ConfigFactory.parseString(overrides)
        .withFallback(ConfigFactory.parseResources("pcqrses-pekko.conf")));
  }

  static JournalDatabase journal() {
    SharedPostgres pg = SharedPostgres.get();
    return new JournalDatabase(pg.jdbcUrl(), EmbeddedPostgresServer.USER, "", 4, Duration.ofSeconds(5),
        Duration.ofSeconds(5));
  }

  /** A single-node cluster, Up before it is returned. */
  static ActorSystem<Void> start(String name, String overrides) {
    ActorSystem<Void> system = PekkoRuntime.start(name, config(overrides), journal());
    Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> PekkoHealth.clusterMemberUp(system));
    return system;
  }

  static void stop(ActorSystem<?> system) {
    if (system != null) {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
    }
  }
}
