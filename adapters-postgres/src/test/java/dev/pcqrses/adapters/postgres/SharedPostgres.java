package dev.pcqrses.adapters.postgres;

import com.typesafe.config.ConfigFactory;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One embedded PostgreSQL per test JVM, migrated once, shared by every test of the module (starting
 * a server per test class would dominate the run on two cores). Tests stay independent by using
 * fresh ULIDs, never by truncating tables. Stopped by a shutdown hook.
 *
 * <p>Published in this module's test-jar for other modules' tests.
 */
public final class SharedPostgres {
  private static volatile SharedPostgres instance;

  private final EmbeddedPostgresServer server;
  private final HikariDataSource dataSource;

  private SharedPostgres() {
    try {
      Path dir = Files.createTempDirectory("pcqrses-test-pg");
      server = EmbeddedPostgresServer.start(new EmbeddedPostgresServer.Options(dir, 0, true, false));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    dataSource = PostgresDataSources.create(settings(), "test", null);
    SchemaMigrations.migrate(dataSource);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      dataSource.close();
      server.close();
    }, "shared-postgres-stop"));
  }

  /** The shared server, started and migrated on first use. */
  public static SharedPostgres get() {
    SharedPostgres local = instance;
    if (local == null) {
      synchronized (SharedPostgres.class) {
        local = instance;
        if (local == null) {
          instance = local = new SharedPostgres();
        }
      }
    }
    return local;
  }

  /** A pooled data source on the pcqrses database (schema migrated). */
  public HikariDataSource dataSource() {
    return dataSource;
  }

  public String jdbcUrl() {
    return server.jdbcUrl();
  }

  public int port() {
    return server.port();
  }

  /** The reference settings pointed at this server. */
  public DatabaseSettings settings() {
    return DatabaseSettings.fromConfig(ConfigFactory.defaultReference().getConfig("pcqrses.database"))
        .withConnection(server.jdbcUrl(), EmbeddedPostgresServer.USER, "");
  }
}
