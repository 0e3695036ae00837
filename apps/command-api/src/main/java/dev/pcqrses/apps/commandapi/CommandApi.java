package dev.pcqrses.apps.commandapi;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import com.amazonaws.SdkClientException;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDB;
import dev.pcqrses.adapters.dynamodb.DynamoDbClients;
import dev.pcqrses.adapters.dynamodb.DynamoDbEventStore;
import dev.pcqrses.adapters.dynamodb.DynamoDbSettings;
import dev.pcqrses.adapters.dynamodb.DynamoDbTables;
import dev.pcqrses.adapters.http.GracefulShutdown;
import dev.pcqrses.adapters.http.HealthCheck;
import dev.pcqrses.adapters.http.ShutdownSettings;
import dev.pcqrses.adapters.http.ShutdownSignals;
import dev.pcqrses.adapters.http.HttpServer;
import dev.pcqrses.adapters.http.HttpServerSettings;
import dev.pcqrses.adapters.http.MetricsRegistries;
import dev.pcqrses.adapters.http.TimeoutLayers;
import dev.pcqrses.adapters.http.graphql.CommandApiSchema;
import dev.pcqrses.adapters.http.graphql.GraphQLEndpoint;
import dev.pcqrses.adapters.pekko.runtime.JournalDatabase;
import dev.pcqrses.adapters.pekko.runtime.PekkoHealth;
import dev.pcqrses.adapters.pekko.metrics.ClusterMeters;
import dev.pcqrses.adapters.pekko.runtime.PekkoRuntime;
import dev.pcqrses.adapters.pekko.runtime.SeedNodes;
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

/**
 * The command API: wiring only. {@code java -jar pcqrses-command-api.jar}; configured by
 * command-api.conf. The event store is PostgreSQL (embedded and self-hosted profile) or DynamoDB
 * (AWS profile), chosen by {@code pcqrses.event-store}.
 */
public final class CommandApi implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CommandApi.class);

  private final HttpServer http;
  private final GracefulShutdown shutdown;
  private final ActorSystem<Void> system;

  private CommandApi(HttpServer http, GracefulShutdown shutdown, ActorSystem<Void> system) {
    this.http = http;
    this.shutdown = shutdown;
    this.system = system;
  }

  /**
   * {@code java -jar pcqrses-command-api.jar} runs the API; {@code … provision-dynamodb-tables}
   * creates the DynamoDB journal and snapshot tables (if missing) and exits.
   */
  public static void main(String[] args) {
    // Any key, Pekko's included, can be set as CONFIG_FORCE_<path> (docs/configuration.md).
    System.setProperty("config.override_with_env_vars", "true");
    // First: a SIGTERM during start-up must also end with status 0 (ShutdownSignals).
    ShutdownSignals.Hook signals = ShutdownSignals.install("command-api");
    // The DynamoDB journal plugin brings the AWS SDK for Java v1, whose end-of-support notice is a
    // stack trace on stderr; one log line (below) and docs/aws.md say it instead.
    if (System.getProperty("aws.java.v1.disableDeprecationAnnouncement") == null
        && System.getenv("AWS_JAVA_V1_DISABLE_DEPRECATION_ANNOUNCEMENT") == null) {
      System.setProperty("aws.java.v1.disableDeprecationAnnouncement", "true");
    }
    Config config = signals.startOrExit(() -> ConfigFactory.load("command-api"));
    if (args.length > 0) {
      if (args.length == 1 && args[0].equals("provision-dynamodb-tables")) {
        DynamoDbTables.Outcome outcome;
        try {
          outcome = provisionDynamoDbTables(config);
        } catch (RuntimeException e) {
          System.err.println(e.getMessage());
          System.exit(1);
          return;
        }
        System.out.println("journal table " + outcome.journalTable() + (outcome.journalCreated() ? " created" : " exists")
            + ", snapshot table " + outcome.snapshotTable() + (outcome.snapshotCreated() ? " created" : " exists"));
        System.exit(0);
      }
      System.err.println("usage: java -jar pcqrses-command-api.jar [provision-dynamodb-tables]");
      System.exit(2);
    }
    CommandApi app = signals.startOrExit(() -> start(config));
    signals.stopWith(app::close);
    // Downed by the Split Brain Resolver (or stopped by a fatal error), the node could only answer
    // 503 from now on: exit instead, so that the orchestrator starts a fresh one.
    app.whenActorSystemTerminated().thenRun(() -> signals.exitBecause(
        "its ActorSystem stopped outside the app's own stop (downed by the cluster, or a fatal error)", 1));
  }

  /** Creates the DynamoDB tables of {@code pcqrses.dynamodb} if they are missing (idempotent). */
  public static DynamoDbTables.Outcome provisionDynamoDbTables(Config config) {
    DynamoDbSettings settings = DynamoDbSettings.fromConfig(config);
    AmazonDynamoDB client = DynamoDbClients.create(settings);
    try {
      return DynamoDbTables.provision(client, settings, Duration.ofMinutes(2));
    } catch (SdkClientException e) {
      // Unreachable endpoint, no credentials, a timeout: say where we tried, not the SDK's stack.
      throw new IllegalStateException("Cannot provision the DynamoDB tables (" + settings + "): " + e.getMessage(), e);
    } finally {
      client.shutdown();
    }
  }

  /** Starts the app on {@code config} (command-api.conf with any overrides). */
  public static CommandApi start(Config config) {
    Config c = config.getConfig("pcqrses.command-api");
    DatabaseSettings database = DatabaseSettings.forApp(config, "pcqrses.command-api");
    HttpServerSettings httpSettings = HttpServerSettings.forApp(config, "pcqrses.command-api");
    Duration actorTimeout = c.getDuration("actor-timeout");
    ShutdownSettings shutdownSettings = ShutdownSettings.forApp(config, "pcqrses.command-api");
    Duration shutdownTimeout = shutdownSettings.shutdownTimeout();
    Duration clusterShutdownTimeout = c.getDuration("cluster-shutdown-timeout");
    String store = config.getString("pcqrses.event-store");
    // The innermost timeout of a command is the event store's.
    TimeoutLayers.check(List.of(
        store.equals("dynamodb")
            ? TimeoutLayers.layer("pcqrses.dynamodb.call-timeout", DynamoDbSettings.fromConfig(config).callTimeout())
            : TimeoutLayers.layer("pcqrses.command-api.database-pool.statement-timeout", database.statementTimeout()),
        TimeoutLayers.layer("pcqrses.command-api.actor-timeout", actorTimeout),
        TimeoutLayers.layer("pcqrses.command-api.http.request-timeout", httpSettings.requestTimeout()),
        TimeoutLayers.layer("pcqrses.command-api.shutdown-timeout", shutdownTimeout)));
    // Leaving the cluster: Pekko gives up handing shards off before we give up waiting for it.
    TimeoutLayers.check(List.of(
        TimeoutLayers.layer(SHARD_HANDOFF_TIMEOUT, config.getDuration(SHARD_HANDOFF_TIMEOUT)),
        TimeoutLayers.layer("pcqrses.command-api.cluster-shutdown-timeout", clusterShutdownTimeout)));
    // A malformed PEKKO_CLUSTER_SEED_NODES stops the start before anything connects anywhere.
    SeedNodes.parse(config.getString(SeedNodes.CONFIG_PATH), SYSTEM_NAME);
    PrometheusMeterRegistry metrics = MetricsRegistries.prometheus("command-api", config.getBoolean("pcqrses.metrics.enabled"));
    HikariDataSource dataSource = null;
    Config eventStore;
    String readJournal;
    switch (store) {
      case "postgres" -> {
        dataSource = PostgresDataSources.create(database, "command-api", new MicrometerMetricsTrackerFactory(metrics));
        if (database.migrateOnStart()) {
          SchemaMigrations.migrate(dataSource);
        }
        eventStore = new JournalDatabase(database.jdbcUrl(), database.user(), database.password(),
            c.getInt("journal.max-connections"), database.pool().connectionTimeout(), database.statementTimeout())
            .asConfig();
        readJournal = JdbcReadJournal.Identifier();
      }
      case "dynamodb" -> {
        DynamoDbSettings dynamo = DynamoDbSettings.fromConfig(config);
        log.info("Event store: DynamoDB ({})", dynamo);
        log.warn("pekko-persistence-dynamodb 1.1.0 uses the AWS SDK for Java v1, which reached end of support on "
            + "2025-12-31 (see docs/aws.md)");
        eventStore = DynamoDbEventStore.pekkoConfig(dynamo);
        readJournal = DynamoDbEventStore.READ_JOURNAL_ID;
      }
      default -> throw new IllegalArgumentException(
          "pcqrses.event-store (EVENT_STORE) must be postgres or dynamodb, not \"" + store + "\"");
    }
    // The event store's settings count for ours too (the DynamoDB store turns tagging off).
    Config effective = eventStore.withFallback(config);
    UserAccountSettings accounts = UserAccountSettings.fromConfig(effective, actorTimeout);
    ActorSystem<Void> system = PekkoRuntime.start(SYSTEM_NAME, effective, eventStore);
    ClusterMeters.bind(system, metrics);
    ShardedUserAccounts port = ShardedUserAccounts.init(system, accounts, new UlidIdGenerator(), Clock.systemUTC(), metrics);

    HttpServer.Builder http = HttpServer.builder(httpSettings)
        .graphql(new GraphQLEndpoint(CommandApiSchema.create(new UserAccountCommandService(port, new UlidIdGenerator())),
            httpSettings.maxQueryDepth(), httpSettings.maxQueryComplexity(), httpSettings.documentCacheSize(), metrics))
        .readiness(HealthCheck.of("journal", () -> PekkoHealth.journalAnswers(system, readJournal,
            httpSettings.readinessTimeout())))
        .readiness(HealthCheck.immediate("cluster", () -> PekkoHealth.clusterMemberUp(system)))
        .metrics(metrics);
    if (dataSource != null) {
      HikariDataSource pool = dataSource;
      http.readiness(HealthCheck.of("database", () -> PostgresHealth.answers(pool, httpSettings.readinessTimeout())));
    }
    HttpServer server = http.start();
    GracefulShutdown shutdown = GracefulShutdown.of("command-api", server, shutdownSettings)
        .then("cluster-leave and shard hand-off", () -> PekkoRuntime.terminate(system, clusterShutdownTimeout));
    if (dataSource != null) {
      shutdown.then("close-database-pool", dataSource::close);
    }
    log.info("command-api started: GraphQL at {}/api/graphql", server.baseUrl());
    return new CommandApi(server, shutdown, system);
  }

  /** The ActorSystem's name: every node of one command-api cluster has it (seed node addresses name it). */
  public static final String SYSTEM_NAME = "pcqrses-command-api";

  /** Pekko's limit for the shard regions' hand-off when the node leaves (coordinated shutdown). */
  static final String SHARD_HANDOFF_TIMEOUT = "pekko.coordinated-shutdown.phases.cluster-sharding-shutdown-region.timeout";

  /** Completes when the ActorSystem has terminated, for whatever reason. */
  public java.util.concurrent.CompletionStage<?> whenActorSystemTerminated() {
    return system.getWhenTerminated();
  }

  /** Where the API listens, e.g. {@code http://127.0.0.1:18080}. */
  public String baseUrl() {
    return http.baseUrl();
  }

  /**
   * The graceful stop ({@link GracefulShutdown}): readiness fails, the load-balancer waits, new
   * requests are refused, those in flight finish, the node leaves the cluster handing its shards
   * off, the pool closes. Safe to call again.
   */
  @Override
  public void close() {
    shutdown.run();
  }
}
