package dev.pcqrses.apps.queryapi;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.pcqrses.adapters.http.GracefulShutdown;
import dev.pcqrses.adapters.http.HealthCheck;
import dev.pcqrses.adapters.http.ShutdownSettings;
import dev.pcqrses.adapters.http.ShutdownSignals;
import dev.pcqrses.adapters.http.HttpServer;
import dev.pcqrses.adapters.http.HttpServerSettings;
import dev.pcqrses.adapters.http.MetricsRegistries;
import dev.pcqrses.adapters.http.TimeoutLayers;
import dev.pcqrses.adapters.http.graphql.GraphQLEndpoint;
import dev.pcqrses.adapters.http.graphql.QueryApiSchema;
import dev.pcqrses.adapters.postgres.DatabaseSettings;
import dev.pcqrses.adapters.postgres.JooqReadModelReader;
import dev.pcqrses.adapters.postgres.PostgresDataSources;
import dev.pcqrses.adapters.postgres.PostgresHealth;
import dev.pcqrses.adapters.postgres.SchemaMigrations;
import dev.pcqrses.ports.service.UserAccountQueryService;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The query API: wiring only. {@code java -jar pcqrses-query-api.jar}; configured by query-api.conf. */
public final class QueryApi implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(QueryApi.class);

  private final HttpServer http;
  private final GracefulShutdown shutdown;

  private QueryApi(HttpServer http, GracefulShutdown shutdown) {
    this.http = http;
    this.shutdown = shutdown;
  }

  public static void main(String[] args) {
    // Any key, Pekko's included, can be set as CONFIG_FORCE_<path> (docs/configuration.md).
    System.setProperty("config.override_with_env_vars", "true");
    // First: a SIGTERM during start-up must also end with status 0 (ShutdownSignals).
    ShutdownSignals.Hook signals = ShutdownSignals.install("query-api");
    QueryApi app = signals.startOrExit(() -> start(ConfigFactory.load("query-api")));
    signals.stopWith(app::close);
  }

  /** Starts the app on {@code config} (query-api.conf with any overrides). */
  public static QueryApi start(Config config) {
    Config c = config.getConfig("pcqrses.query-api");
    DatabaseSettings database = DatabaseSettings.forApp(config, "pcqrses.query-api");
    HttpServerSettings httpSettings = HttpServerSettings.forApp(config, "pcqrses.query-api");
    ShutdownSettings shutdownSettings = ShutdownSettings.forApp(config, "pcqrses.query-api");
    Duration shutdownTimeout = shutdownSettings.shutdownTimeout();
    TimeoutLayers.check(List.of(
        TimeoutLayers.layer("pcqrses.query-api.database-pool.statement-timeout", database.statementTimeout()),
        TimeoutLayers.layer("pcqrses.query-api.http.request-timeout", httpSettings.requestTimeout()),
        TimeoutLayers.layer("pcqrses.query-api.shutdown-timeout", shutdownTimeout)));

    PrometheusMeterRegistry metrics = MetricsRegistries.prometheus("query-api", config.getBoolean("pcqrses.metrics.enabled"));
    HikariDataSource dataSource = PostgresDataSources.create(database, "query-api",
        new MicrometerMetricsTrackerFactory(metrics));
    if (database.migrateOnStart()) {
      SchemaMigrations.migrate(dataSource);
    }
    HttpServer http = HttpServer.builder(httpSettings)
        .graphql(new GraphQLEndpoint(QueryApiSchema.create(new UserAccountQueryService(new JooqReadModelReader(dataSource))),
            httpSettings.maxQueryDepth(), httpSettings.maxQueryComplexity(), httpSettings.documentCacheSize(), metrics))
        .readiness(HealthCheck.of("database", () -> PostgresHealth.answers(dataSource, httpSettings.readinessTimeout())))
        .metrics(metrics)
        .start();
    GracefulShutdown shutdown = GracefulShutdown.of("query-api", http, shutdownSettings)
        .then("close-database-pool", dataSource::close);
    log.info("query-api started: GraphQL at {}/api/graphql", http.baseUrl());
    return new QueryApi(http, shutdown);
  }

  public String baseUrl() {
    return http.baseUrl();
  }

  /**
   * The graceful stop ({@link GracefulShutdown}): readiness fails, the load-balancer waits, new
   * requests are refused, those in flight finish, the pool closes. Safe to call again.
   */
  @Override
  public void close() {
    shutdown.run();
  }
}
