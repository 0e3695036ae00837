package dev.pcqrses.adapters.postgres;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;

/** A readiness probe for PostgreSQL that never blocks its caller. */
public final class PostgresHealth {
  /** Probes block on JDBC; they get threads of their own, not the caller's. */
  private static final ExecutorService PROBES = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "postgres-health");
    t.setDaemon(true);
    return t;
  });

  private PostgresHealth() {}

  /** Completes with whether a pooled connection answers within {@code timeout}. */
  public static CompletionStage<Boolean> answers(DataSource dataSource, Duration timeout) {
    return CompletableFuture.supplyAsync(() -> {
      try (Connection connection = dataSource.getConnection()) {
        return connection.isValid((int) Math.max(1, timeout.toSeconds()));
      } catch (Exception e) {
        return false;
      }
    }, PROBES);
  }
}
