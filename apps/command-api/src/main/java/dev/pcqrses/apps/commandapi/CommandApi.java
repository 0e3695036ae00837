package dev.pcqrses.apps.commandapi;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.pcqrses.adapters.http.HealthCheck;
import dev.pcqrses.adapters.http.HttpServer;
import dev.pcqrses.adapters.http.HttpServerSettings;
import dev.pcqrses.adapters.http.MetricsRegistries;
import dev.pcqrses.adapters.http.TimeoutLayers;
import dev.pcqrses.adapters.http.graphql.CommandApiSchema;
import dev.pcqrses.adapters.http.graphql.GraphQLEndpoint;
import dev.pcqrses.adapters.pekko.runtime.JournalDatabase;
import dev.pcqrses.adapters.pekko.runtime.PekkoHealth;
import dev.pcqrses.adapters.pekko.runtime.PekkoRuntime;
import dev.pcqrses.adapters.pekko.useraccount.ShardedUserAccounts;
import dev.pcqrses.adapters.pekko.useraccount.UlidIdGenerator;
import dev.pcqrses.adapters.pekko.useraccount.UserAccountSettings;
import dev.pcqrses.adapters.postgres.DatabaseSettings;
import dev.pcqrses.adapters.postgres.PostgresDataSources;
import dev.pcqrses.adapters.postgres.PostgresHealth;
import dev.pcqrses.adapters.postgres.SchemaMigrations;
import dev.pcqrses.ports.service.UserAccountCommandService;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The command API: wiring only. {@code java -jar pcqrses-command-api.jar}; configured by command-api.conf. */
public final class CommandApi implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CommandApi.class);

  private final HikariDataSource dataSource;
  private final ActorSystem<Void> system;
  private final HttpServer http;
  private final Duration shutdownTimeout;

  private CommandApi(HikariDataSource dataSource, ActorSystem<Void> system, HttpServer http, Duration shutdownTimeout) {
    this.dataSource = dataSource;
    this.system = system;
    this.http = http;
    this.shutdownTimeout = shutdownTimeout;
  }

  public static void main(String[] args) {
    // Any key, Pekko's included, can be set as CONFIG_FORCE_<path> (docs/configuration.md).
    System.setProperty("config.override_with_env_vars", "true");
    CommandApi app = start(ConfigFactory.load("command-api"));
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "command-api-shutdown"));
  }

  /** Starts the app on {@code config} (command-api.conf with any overrides). */
  public static CommandApi start(Config config) {
    Config c = config.getConfig("pcqrses.command-api");
    DatabaseSettings database = DatabaseSettings.forApp(config, "pcqrses.command-api");
    HttpServerSettings httpSettings = HttpServerSettings.forApp(config, "pcqrses.command-api");
    Duration actorTimeout = c.getDuration("actor-timeout");
    Duration shutdownTimeout = c.getDuration("shutdown-timeout");
    TimeoutLayers.check(List.of(
        TimeoutLayers.layer("pcqrses.database.statement-timeout", database.statementTimeout()),
        TimeoutLayers.layer("pcqrses.command-api.actor-timeout", actorTimeout),
        TimeoutLayers.layer("pcqrses.command-api.http.request-timeout", httpSettings.requestTimeout()),
        TimeoutLayers.layer("pcqrses.command-api.shutdown-timeout", shutdownTimeout)));
    UserAccountSettings accounts = UserAccountSettings.fromConfig(config, actorTimeout);

    PrometheusMeterRegistry metrics = MetricsRegistries.prometheus("command-api");
    HikariDataSource dataSource = PostgresDataSources.create(database, "command-api",
        new MicrometerMetricsTrackerFactory(metrics));
    if (database.migrateOnStart()) {
      SchemaMigrations.migrate(dataSource);
    }
    JournalDatabase journal = new JournalDatabase(database.jdbcUrl(), database.user(), database.password(),
        c.getInt("journal.max-connections"), database.pool().connectionTimeout(), database.statementTimeout());
    ActorSystem<Void> system = PekkoRuntime.start("pcqrses-command-api", config, journal);
    ShardedUserAccounts port = ShardedUserAccounts.init(system, accounts, new UlidIdGenerator(), Clock.systemUTC());

    HttpServer http = HttpServer.builder(httpSettings)
        .graphql(new GraphQLEndpoint(CommandApiSchema.create(new UserAccountCommandService(port, new UlidIdGenerator())),
            httpSettings.maxQueryDepth(), httpSettings.maxQueryComplexity(), httpSettings.documentCacheSize()))
        .readiness(HealthCheck.of("database", () -> PostgresHealth.answers(dataSource, httpSettings.readinessTimeout())))
        .readiness(HealthCheck.of("journal", () -> PekkoHealth.journalAnswers(system, JdbcReadJournal.Identifier(),
            httpSettings.readinessTimeout())))
        .readiness(HealthCheck.immediate("cluster", () -> PekkoHealth.clusterMemberUp(system)))
        .metrics(metrics)
        .start();
    log.info("command-api started: GraphQL at {}/api/graphql", http.baseUrl());
    return new CommandApi(dataSource, system, http, shutdownTimeout);
  }

  /** Where the API listens, e.g. {@code http://127.0.0.1:18080}. */
  public String baseUrl() {
    return http.baseUrl();
  }

  /** Stops accepting requests, finishes those in flight, leaves the cluster, closes the pool. */
  @Override
  public void close() {
    log.info("command-api stopping");
    http.stop(shutdownTimeout.dividedBy(2));
    PekkoRuntime.terminate(system, shutdownTimeout.dividedBy(2));
    dataSource.close();
    log.info("command-api stopped");
  }
}
