package dev.pcqrses.adapters.pekko.runtime;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.management.javadsl.PekkoManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the ActorSystem of a pcqrses app: cluster provider, the chosen journal, cluster membership
 * (seed nodes from {@code PEKKO_CLUSTER_SEED_NODES}, or a single-node cluster), and Pekko Management
 * when enabled; and stops it by leaving the cluster.
 */
public final class PekkoRuntime {
  private static final Logger log = LoggerFactory.getLogger(PekkoRuntime.class);
  /** How long start-up waits for Pekko Management to bind its port. */
  private static final Duration MANAGEMENT_BIND_TIMEOUT = Duration.ofSeconds(10);

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
   *
   * @throws IllegalArgumentException when {@code PEKKO_CLUSTER_SEED_NODES} is malformed (before
   *     anything starts), or Pekko Management cannot bind its port
   */
  public static ActorSystem<Void> start(String name, Config config, Config eventStore) {
    Config full = withSeedNodes(withPekkoLogLevel(eventStore.withFallback(config).resolve()), name);
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), name, full);
    Cluster cluster = Cluster.get(system);
    List<String> seeds = full.getStringList("pekko.cluster.seed-nodes");
    if (seeds.isEmpty()) {
      log.info("No seed nodes configured: {} forms a single-node cluster", cluster.selfMember().address());
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
    } else {
      log.info("{} joins the cluster through seed nodes {} (min-nr-of-members {})", cluster.selfMember().address(),
          seeds, full.getInt("pekko.cluster.min-nr-of-members"));
    }
    if (full.hasPath("pcqrses.management.enabled") && full.getBoolean("pcqrses.management.enabled")) {
      startManagement(system, full);
    }
    return system;
  }

  /**
   * {@code pcqrses.cluster.seed-nodes} (the variable's string), when not blank, replaces
   * {@code pekko.cluster.seed-nodes}; every entry is checked first.
   */
  static Config withSeedNodes(Config config, String systemName) {
    String list = config.hasPath(SeedNodes.CONFIG_PATH) ? config.getString(SeedNodes.CONFIG_PATH) : "";
    List<String> seeds = SeedNodes.parse(list, systemName);
    if (seeds.isEmpty()) {
      return config;
    }
    return ConfigFactory.parseMap(Map.of("pekko.cluster.seed-nodes", seeds)).withFallback(config);
  }

  private static void startManagement(ActorSystem<?> system, Config config) {
    String where = config.getString("pekko.management.http.hostname") + ":" + config.getInt("pekko.management.http.port");
    try {
      var uri = PekkoManagement.get(system.classicSystem()).start().toCompletableFuture()
          .get(MANAGEMENT_BIND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      log.info("Pekko Management at {} (cluster routes under /cluster, health checks /ready and /alive)", uri);
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      terminate(system, Duration.ofSeconds(10));
      throw new IllegalArgumentException("Pekko Management cannot listen on " + where
          + " (PEKKO_MANAGEMENT_HTTP_HOSTNAME / PEKKO_MANAGEMENT_HTTP_PORT; PEKKO_MANAGEMENT_ENABLED=false turns it off): "
          + cause, cause);
    }
  }

  /**
   * Pekko knows {@code WARNING}, not {@code WARN} (which logback and most people use): accept both,
   * and any case, rather than have Pekko complain at start-up.
   */
  static Config withPekkoLogLevel(Config config) {
    String level = config.getString("pekko.loglevel").toUpperCase(Locale.ROOT);
    String normalized = level.equals("WARN") ? "WARNING" : level;
    return normalized.equals(config.getString("pekko.loglevel")) ? config
        : ConfigFactory.parseMap(Map.of("pekko.loglevel", normalized)).withFallback(config);
  }

  /**
   * Leaves the cluster and stops the ActorSystem, waiting at most {@code timeout}; true when it
   * stopped in time. Coordinated shutdown runs its phases: the shard regions hand their shards off
   * (entities get their stop message, so commands they hold are answered first), then the node
   * leaves the cluster and the system terminates.
   */
  public static boolean terminate(ActorSystem<?> system, Duration timeout) {
    long start = System.nanoTime();
    system.terminate(); // runs the coordinated-shutdown phases (run-by-actor-system-terminate)
    try {
      system.getWhenTerminated().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      log.info("ActorSystem {} left the cluster and stopped in {} ms", system.name(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
      return true;
    } catch (Exception e) {
      log.warn("ActorSystem {} did not stop within {}", system.name(), timeout);
      return false;
    }
  }
}
