package dev.pcqrses.apps.readmodelupdater;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.pcqrses.adapters.http.GracefulShutdown;
import dev.pcqrses.adapters.http.HealthCheck;
import dev.pcqrses.adapters.http.ShutdownSettings;
import dev.pcqrses.adapters.http.ShutdownSignals;
import dev.pcqrses.adapters.http.HttpServer;
import dev.pcqrses.adapters.http.TimeoutLayers;
import java.util.List;
import dev.pcqrses.adapters.http.HttpServerSettings;
import dev.pcqrses.adapters.http.MetricsRegistries;
import dev.pcqrses.adapters.pekko.projection.ProjectionSettings;
import dev.pcqrses.adapters.pekko.projection.UserAccountProjection;
import dev.pcqrses.adapters.pekko.runtime.JournalDatabase;
import dev.pcqrses.adapters.pekko.runtime.PekkoHealth;
import dev.pcqrses.adapters.pekko.metrics.ClusterMeters;
import dev.pcqrses.adapters.pekko.runtime.PekkoRuntime;
import dev.pcqrses.adapters.pekko.useraccount.UserAccountSettings;
import dev.pcqrses.adapters.postgres.DatabaseSettings;
import dev.pcqrses.adapters.postgres.JooqReadModelWriter;
import dev.pcqrses.adapters.postgres.PostgresDataSources;
import dev.pcqrses.adapters.postgres.PostgresHealth;
import dev.pcqrses.adapters.postgres.SchemaMigrations;
import dev.pcqrses.ports.service.UserAccountProjector;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.sql.Connection;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The self-hosted read-model updater: wiring only. {@code java -jar pcqrses-read-model-updater.jar};
 * configured by read-model-updater.conf.
 */
public final class ReadModelUpdater implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ReadModelUpdater.class);

  private final HttpServer http;
  private final GracefulShutdown shutdown;
  private final ActorSystem<Void> system;

  private ReadModelUpdater(HttpServer http, GracefulShutdown shutdown, ActorSystem<Void> system) {
    this.http = http;
    this.shutdown = shutdown;
    this.system = system;
  }

  public static void main(String[] args) {
    // Any key, Pekko's included, can be set as CONFIG_FORCE_<path> (docs/configuration.md).
    System.setProperty("config.override_with_env_vars", "true");
    // First: a SIGTERM during start-up must also end with status 0 (ShutdownSignals).
    ShutdownSignals.Hook signals = ShutdownSignals.install("read-model-updater");
    ReadModelUpdater app = signals.startOrExit(() -> start(ConfigFactory.load("read-model-updater")));
    signals.stopWith(app::close);
    // Downed by the Split Brain Resolver (or stopped by a fatal error), the node could only answer
    // 503 from now on: exit instead, so that the orchestrator starts a fresh one.
    app.whenActorSystemTerminated().thenRun(() -> signals.exitBecause(
        "its ActorSystem stopped outside the app's own stop (downed by the cluster, or a fatal error)", 1));
  }

  /** Starts the app on {@code config} (read-model-updater.conf with any overrides). */
  public static ReadModelUpdater start(Config config) {
    String store = config.getString("pcqrses.event-store");
    if (!store.equals("postgres")) {
      throw new IllegalArgumentException("pcqrses.event-store (EVENT_STORE) is \"" + store + "\", but this app "
          + "projects the PostgreSQL journal only; on DynamoDB the read model is updated by the Lambda function "
          + "(apps/read-model-updater/aws/template.yaml, docs/aws.md)");
    }
    Config c = config.getConfig("pcqrses.read-model-updater");
    DatabaseSettings database = DatabaseSettings.forApp(config, "pcqrses.read-model-updater");
    HttpServerSettings httpSettings = HttpServerSettings.forApp(config, "pcqrses.read-model-updater");
    ShutdownSettings shutdownSettings = ShutdownSettings.forApp(config, "pcqrses.read-model-updater");
    Duration shutdownTimeout = shutdownSettings.shutdownTimeout();
    Duration clusterShutdownTimeout = c.getDuration("cluster-shutdown-timeout");
    TimeoutLayers.check(List.of(
        TimeoutLayers.layer("pcqrses.read-model-updater.database-pool.statement-timeout", database.statementTimeout()),
        TimeoutLayers.layer("pcqrses.read-model-updater.shutdown-timeout", shutdownTimeout)));
    // Only the slice count matters here; the ask timeout belongs to the command side.
    int tagSlices = UserAccountSettings.fromConfig(config, Duration.ofSeconds(1)).tagSlices();

    PrometheusMeterRegistry metrics = MetricsRegistries.prometheus("read-model-updater", config.getBoolean("pcqrses.metrics.enabled"));
    HikariDataSource dataSource = PostgresDataSources.create(database, "read-model-updater",
        new MicrometerMetricsTrackerFactory(metrics));
    if (database.migrateOnStart()) {
      SchemaMigrations.migrate(dataSource);
    }
    JournalDatabase journal = new JournalDatabase(database.jdbcUrl(), database.user(), database.password(),
        c.getInt("journal.max-connections"), database.pool().connectionTimeout(), database.statementTimeout());
    ActorSystem<Void> system = PekkoRuntime.start("pcqrses-read-model-updater", config, journal);
    ClusterMeters.bind(system, metrics);
    UserAccountProjection.init(system, tagSlices, ProjectionSettings.fromConfig(config), dataSource,
        (Connection connection) -> new UserAccountProjector(new JooqReadModelWriter(connection)), metrics);

    HttpServer http = HttpServer.builder(httpSettings)
        .readiness(HealthCheck.of("database", () -> PostgresHealth.answers(dataSource, httpSettings.readinessTimeout())))
        .readiness(HealthCheck.of("journal", () -> PekkoHealth.journalAnswers(system, JdbcReadJournal.Identifier(),
            httpSettings.readinessTimeout())))
        .readiness(HealthCheck.immediate("cluster", () -> PekkoHealth.clusterMemberUp(system)))
        .metrics(metrics)
        .start();
    GracefulShutdown shutdown = GracefulShutdown.of("read-model-updater", http, shutdownSettings)
        .then("stop projections and leave the cluster", () -> PekkoRuntime.terminate(system, clusterShutdownTimeout))
        .then("close-database-pool", dataSource::close);
    log.info("read-model-updater started: {} projection slice(s); health at {}/health/ready", tagSlices, http.baseUrl());
    return new ReadModelUpdater(http, shutdown, system);
  }

  /** Completes when the ActorSystem has terminated, for whatever reason. */
  public java.util.concurrent.CompletionStage<?> whenActorSystemTerminated() {
    return system.getWhenTerminated();
  }

  public String baseUrl() {
    return http.baseUrl();
  }

  /**
   * The graceful stop ({@link GracefulShutdown}): readiness fails, the configured waits, HTTP
   * drains, the projections stop and the node leaves its cluster, the pool closes. Safe to call again.
   */
  @Override
  public void close() {
    shutdown.run();
  }
}
