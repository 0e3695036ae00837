package dev.pcqrses.adapters.pekko.runtime;

import com.typesafe.config.Config;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the ActorSystem of a pcqrses app: cluster provider, the chosen journal, and cluster membership. */
public final class PekkoRuntime {
  private static final Logger log = LoggerFactory.getLogger(PekkoRuntime.class);

  private PekkoRuntime() {}

  /**
   * Starts an ActorSystem on {@code config} (which must include {@code pcqrses-pekko.conf}) with its
   * journal in {@code journal}. With no seed nodes configured the node forms a cluster of its own.
   */
  public static ActorSystem<Void> start(String name, Config config, JournalDatabase journal) {
    return start(name, config, journal.asConfig());
  }

  /**
   * Starts an ActorSystem with the event store that {@code eventStore} configures (the JDBC
   * journal's {@link JournalDatabase#asConfig()}, or the DynamoDB adapter's overlay).
   */
  public static ActorSystem<Void> start(String name, Config config, Config eventStore) {
    Config full = withPekkoLogLevel(eventStore.withFallback(config).resolve());
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), name, full);
    Cluster cluster = Cluster.get(system);
    if (full.getStringList("pekko.cluster.seed-nodes").isEmpty()) {
      log.info("No seed nodes configured: {} forms a single-node cluster", cluster.selfMember().address());
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
    }
    return system;
  }

  /**
   * Pekko knows {@code WARNING}, not {@code WARN} (which logback and most people use): accept both,
   * and any case, rather than have Pekko complain at start-up.
   */
  static Config withPekkoLogLevel(Config config) {
    String level = config.getString("pekko.loglevel").toUpperCase(java.util.Locale.ROOT);
    String normalized = level.equals("WARN") ? "WARNING" : level;
    return normalized.equals(config.getString("pekko.loglevel")) ? config
        : com.typesafe.config.ConfigFactory.parseMap(java.util.Map.of("pekko.loglevel", normalized)).withFallback(config);
  }

  /**
   * Leaves the cluster and stops the ActorSystem (its coordinated-shutdown phases run), waiting at
   * most {@code timeout}; true when it stopped in time.
   */
  public static boolean terminate(ActorSystem<?> system, java.time.Duration timeout) {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      return true;
    } catch (Exception e) {
      log.warn("ActorSystem {} did not stop within {}", system.name(), timeout);
      return false;
    }
  }
}
