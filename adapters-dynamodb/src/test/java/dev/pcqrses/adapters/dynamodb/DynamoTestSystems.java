package dev.pcqrses.adapters.dynamodb;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.pcqrses.adapters.pekko.runtime.PekkoHealth;
import dev.pcqrses.adapters.pekko.runtime.PekkoRuntime;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.awaitility.Awaitility;

/** ActorSystems whose journal and snapshot store are DynamoDB tables of their own on dynalite. */
final class DynamoTestSystems {
  private DynamoTestSystems() {}

  /** Settings for new, provisioned tables (unique names, so test classes never share them). */
  static DynamoDbSettings freshTables() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    SharedDynalite dynalite = SharedDynalite.get();
    DynamoDbSettings settings = dynalite.settings("journal-" + suffix, "snapshot-" + suffix);
    DynamoDbTables.provision(dynalite.client(), settings, Duration.ofSeconds(30));
    return settings;
  }

  /** A single-node cluster on the DynamoDB event store, Up before it is returned. */
  static ActorSystem<Void> start(String name, DynamoDbSettings settings, String overrides) {
    Config config = ConfigFactory.load(ConfigFactory.parseString(overrides)
        .withFallback(ConfigFactory.parseResources("pcqrses-pekko.conf")));
    ActorSystem<Void> system = PekkoRuntime.start(name, config, DynamoDbEventStore.pekkoConfig(settings));
    Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> PekkoHealth.clusterMemberUp(system));
    return system;
  }

  static void stop(ActorSystem<?> system) {
    if (system != null) {
      PekkoRuntime.terminate(system, Duration.ofSeconds(30));
    }
  }
}
