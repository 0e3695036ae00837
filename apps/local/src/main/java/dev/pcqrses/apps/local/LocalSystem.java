package dev.pcqrses.apps.local;

import dev.pcqrses.adapters.http.ShutdownSignals;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.pcqrses.adapters.postgres.EmbeddedPostgresServer;
import dev.pcqrses.adapters.postgres.SchemaMigrations;
import dev.pcqrses.apps.commandapi.CommandApi;
import dev.pcqrses.apps.queryapi.QueryApi;
import dev.pcqrses.apps.readmodelupdater.ReadModelUpdater;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded profile: an in-process PostgreSQL, then command-api, query-api and the read-model
 * updater in this JVM on their usual ports. {@code java -jar apps/local/target/pcqrses-local.jar
 * [--fresh] [--data-dir=PATH] [--postgres-only]}. Ctrl-C (SIGTERM) stops the apps, then PostgreSQL.
 * With {@code --postgres-only} only the embedded PostgreSQL runs (migrated), for apps started as
 * processes of their own ({@code bin/run-cluster}).
 */
public final class LocalSystem implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalSystem.class);

  private final EmbeddedPostgresServer postgres;
  private final List<AutoCloseable> apps;
  private final CommandApi commandApi;
  private final QueryApi queryApi;
  private final ReadModelUpdater readModelUpdater;
  private final AtomicBoolean closed = new AtomicBoolean();

  private LocalSystem(EmbeddedPostgresServer postgres, CommandApi commandApi, QueryApi queryApi,
      ReadModelUpdater readModelUpdater) {
    this.postgres = postgres;
    this.commandApi = commandApi;
    this.queryApi = queryApi;
    this.readModelUpdater = readModelUpdater;
    // Stopped in this order: commands first, then the projection, then queries.
    this.apps = List.of(commandApi, readModelUpdater, queryApi);
  }

  public static void main(String[] args) {
    // Any key, Pekko's included, can be set as CONFIG_FORCE_<path> (docs/configuration.md).
    System.setProperty("config.override_with_env_vars", "true");
    // First: a Ctrl-C during start-up must also end with status 0. Handled as signals rather than in
    // a shutdown hook alone: the embedded PostgreSQL library registers a hook of its own, and hooks
    // run in parallel, so PostgreSQL would stop under the apps still using it.
    ShutdownSignals.Hook signals = ShutdownSignals.install("pcqrses");
    Config overrides;
    try {
      overrides = flags(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println("usage: java -jar pcqrses-local.jar [--fresh] [--data-dir=PATH] [--postgres-only]");
      System.exit(2);
      return;
    }
    if (localSettings(overrides).getBoolean("postgres-only")) {
      runPostgresOnly(localSettings(overrides), signals);
      return;
    }
    LocalSystem system = signals.startOrExit(() -> start(overrides));
    // Ctrl-C and SIGTERM stop the apps first, then PostgreSQL; exit status 0.
    signals.stopWith(system::close);
    double seconds = ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
    System.out.println();
    System.out.println("  command API (GraphQL mutations): " + system.commandApi.baseUrl() + "/api/graphql");
    System.out.println("  query API   (GraphQL queries):   " + system.queryApi.baseUrl() + "/api/graphql");
    System.out.println("  read-model updater (health):     " + system.readModelUpdater.baseUrl() + "/health/ready");
    System.out.println("  PostgreSQL: " + system.postgres.jdbcUrl() + " (user postgres, data in "
        + system.postgres.dataDirectory() + ")");
    System.out.printf(Locale.ROOT, "pcqrses is ready in %.1f s. Press Ctrl-C to stop.%n", seconds);
  }

  /**
   * {@code --postgres-only}: the embedded PostgreSQL alone, migrated, until SIGTERM or Ctrl-C; the
   * apps run as separate processes against it. Prints one ready line that scripts wait for.
   */
  private static void runPostgresOnly(Config local, ShutdownSignals.Hook signals) {
    EmbeddedPostgresServer server;
    try {
      server = startPostgres(local, local.getInt("postgres-port") == 0 ? freePort() : local.getInt("postgres-port"));
    } catch (RuntimeException e) {
      log.error("PostgreSQL could not start", e);
      System.err.println("PostgreSQL could not start: " + e.getMessage());
      System.exit(1);
      return;
    }
    // The signal handler and the shutdown hook may both run it: once is enough.
    AtomicBoolean stopped = new AtomicBoolean();
    signals.stopWith(() -> {
      if (stopped.compareAndSet(false, true)) {
        server.close();
        log.info("PostgreSQL stopped");
      }
    });
    System.out.println("  PostgreSQL: " + server.jdbcUrl() + " (user postgres, data in " + server.dataDirectory() + ")");
    System.out.printf(Locale.ROOT, "pcqrses PostgreSQL is ready in %.1f s. Press Ctrl-C to stop.%n",
        ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
    // PostgreSQL runs as a child process and leaves no thread of ours running: without this wait the
    // JVM would end here (and its shutdown hook stop PostgreSQL). The signal handler stops it and exits 0.
    try {
      new java.util.concurrent.CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Config localSettings(Config overrides) {
    return ConfigFactory.load(overrides.withFallback(ConfigFactory.parseResources("local.conf"))).getConfig("pcqrses.local");
  }

  /** Starts the embedded PostgreSQL of {@code local} on {@code port} and migrates the schema. */
  private static EmbeddedPostgresServer startPostgres(Config local, int port) {
    EmbeddedPostgresServer server = EmbeddedPostgresServer.start(new EmbeddedPostgresServer.Options(
        Path.of(local.getString("data-dir")), port, local.getBoolean("start-empty"), true));
    try {
      migrate(server);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** Reads {@code --fresh}, {@code --data-dir=PATH} and {@code --postgres-only}. */
  static Config flags(String[] args) {
    Map<String, Object> values = new java.util.HashMap<>();
    for (String arg : args) {
      if (arg.equals("--fresh")) {
        values.put("pcqrses.local.start-empty", true);
      } else if (arg.equals("--postgres-only")) {
        values.put("pcqrses.local.postgres-only", true);
      } else if (arg.startsWith("--data-dir=")) {
        values.put("pcqrses.local.data-dir", arg.substring("--data-dir=".length()));
      } else {
        throw new IllegalArgumentException("unknown argument: " + arg);
      }
    }
    return ConfigFactory.parseMap(values);
  }

  /**
   * Starts PostgreSQL and the three apps, and returns once every app reports ready.
   *
   * @param overrides settings that win over local.conf and the apps' files (tests use it for ports)
   */
  public static LocalSystem start(Config overrides) {
    Config local = localSettings(overrides);
    int postgresPort = local.getInt("postgres-port") == 0 ? freePort() : local.getInt("postgres-port");
    Map<String, Object> wiring = new java.util.HashMap<>(Map.of(
        "pcqrses.database.url", EmbeddedPostgresServer.jdbcUrl(postgresPort),
        "pcqrses.database.user", EmbeddedPostgresServer.USER,
        "pcqrses.database.password", "",
        "pcqrses.database.migrate-on-start", false,
        "pcqrses.command-api.http.host", local.getString("host"),
        "pcqrses.query-api.http.host", local.getString("host"),
        "pcqrses.read-model-updater.http.host", local.getString("host")));
    for (String app : List.of("command-api", "query-api", "read-model-updater")) {
      // No load balancer in front of one JVM on a laptop: Ctrl-C stops at once.
      wiring.put("pcqrses." + app + ".load-balancer.health-check-grace-period", "0s");
      wiring.put("pcqrses." + app + ".load-balancer.detach-wait-duration", "0s");
    }
    // Two ActorSystems in this JVM would both want Pekko Management's port; a developer has
    // /metrics and /health/ready instead.
    wiring.put("pcqrses.management.enabled", false);
    Config base = overrides.withFallback(ConfigFactory.parseMap(wiring));

    // Start-up is mostly waiting and class loading, so it runs side by side: PostgreSQL (then the
    // migration) next to the command and query APIs, which touch the database only when a request
    // comes. The read-model updater projects at once, so it waits for the migrated schema.
    ExecutorService starter = Executors.newFixedThreadPool(3, r -> new Thread(r, "local-start"));
    CompletableFuture<EmbeddedPostgresServer> postgres =
        CompletableFuture.supplyAsync(() -> startPostgres(local, postgresPort), starter);
    CompletableFuture<CommandApi> commandApi =
        CompletableFuture.supplyAsync(() -> CommandApi.start(app(base, "command-api")), starter);
    CompletableFuture<QueryApi> queryApi =
        CompletableFuture.supplyAsync(() -> QueryApi.start(app(base, "query-api")), starter);
    CompletableFuture<ReadModelUpdater> updater =
        postgres.thenApplyAsync(ready -> ReadModelUpdater.start(app(base, "read-model-updater")), starter);
    try {
      CompletableFuture.allOf(postgres, commandApi, queryApi, updater).join();
      LocalSystem system = new LocalSystem(postgres.join(), commandApi.join(), queryApi.join(), updater.join());
      system.awaitReady(local.getDuration("ready-timeout"));
      return system;
    } catch (RuntimeException e) {
      // Whatever did start is stopped again, PostgreSQL last.
      for (CompletableFuture<? extends AutoCloseable> app : List.of(commandApi, updater, queryApi)) {
        app.handle((started, failure) -> started).thenAccept(started -> {
          if (started != null) {
            closeQuietly(started);
          }
        }).join();
      }
      postgres.handle((started, failure) -> started).thenAccept(started -> {
        if (started != null) {
          started.close();
        }
      }).join();
      throw e instanceof java.util.concurrent.CompletionException && e.getCause() instanceof RuntimeException cause
          ? cause : e;
    } finally {
      starter.shutdown();
    }
  }

  private static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** One migration before the apps start, instead of one per app. */
  private static void migrate(EmbeddedPostgresServer postgres) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(postgres.jdbcUrl());
    dataSource.setUser(EmbeddedPostgresServer.USER);
    SchemaMigrations.migrate(dataSource);
  }

  private static Config app(Config base, String name) {
    return ConfigFactory.load(base.withFallback(ConfigFactory.parseResources(name + ".conf")));
  }

  /** Polls every app's {@code /health/ready} until all answer 200. */
  private void awaitReady(Duration timeout) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    for (String base : List.of(commandApi.baseUrl(), readModelUpdater.baseUrl(), queryApi.baseUrl())) {
      URI ready = URI.create(base + "/health/ready");
      while (true) {
        try {
          HttpResponse<String> response = client.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(3)).build(),
              HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() == 200) {
            break;
          }
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(ready + " not ready after " + timeout + ": " + response.body());
          }
        } catch (java.io.IOException e) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(ready + " not reachable after " + timeout, e);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for " + ready, e);
        }
        try {
          Thread.sleep(50); // polling interval of a readiness loop with a deadline
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for " + ready, e);
        }
      }
    }
  }

  public String commandApiUrl() {
    return commandApi.baseUrl();
  }

  public String queryApiUrl() {
    return queryApi.baseUrl();
  }

  public String readModelUpdaterUrl() {
    return readModelUpdater.baseUrl();
  }

  /** JDBC URL of the embedded PostgreSQL (user {@code postgres}, no password). */
  public String postgresJdbcUrl() {
    return postgres.jdbcUrl();
  }

  /**
   * Stops the apps, then PostgreSQL. Safe to call more than once and from several threads (a
   * second Ctrl-C): later callers wait until the first stop has finished.
   */
  @Override
  public synchronized void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (AutoCloseable app : apps) {
      closeQuietly(app);
    }
    postgres.close();
    log.info("pcqrses stopped");
  }

  private static void closeQuietly(AutoCloseable app) {
    try {
      app.close();
    } catch (Exception e) {
      log.warn("{} did not stop cleanly", app.getClass().getSimpleName(), e);
    }
  }
}
