package dev.pcqrses.adapters.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;

/** Creates pooled data sources (HikariCP) from {@link DatabaseSettings}. */
public final class PostgresDataSources {
  private PostgresDataSources() {}

  /**
   * A started pool.
   *
   * @param poolName       shows in logs, thread names and pool metrics ({@code pool} tag)
   * @param metricsTracker pool metrics sink (e.g. Micrometer's tracker), or null for none
   */
  public static HikariDataSource create(DatabaseSettings settings, String poolName, MetricsTrackerFactory metricsTracker) {
    DatabaseSettings.Pool pool = settings.pool();
    HikariConfig config = new HikariConfig();
    config.setPoolName(poolName);
    // The driver's DataSource rather than a JDBC URL: DriverManager only finds drivers registered
    // through the class loader it started with, which is not so in a Lambda function.
    config.setDataSourceClassName("org.postgresql.ds.PGSimpleDataSource");
    config.addDataSourceProperty("url", settings.jdbcUrl());
    config.setUsername(settings.user());
    config.setPassword(settings.password());
    config.setMaximumPoolSize(pool.maximumSize());
    config.setMinimumIdle(pool.minimumIdle());
    config.setConnectionTimeout(pool.connectionTimeout().toMillis());
    config.setValidationTimeout(pool.validationTimeout().toMillis());
    config.setIdleTimeout(pool.idleTimeout().toMillis());
    config.setMaxLifetime(pool.maxLifetime().toMillis());
    config.setKeepaliveTime(pool.keepaliveTime().toMillis());
    config.setLeakDetectionThreshold(pool.leakDetectionThreshold().toMillis());
    // Start without a database rather than failing: readiness reports it, and the pool recovers.
    config.setInitializationFailTimeout(-1);
    config.addDataSourceProperty("ApplicationName", poolName);
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    // The innermost timeout layer: no statement outlives it, so no caller waits on a stuck query.
    config.addDataSourceProperty("options", "-c statement_timeout=" + settings.statementTimeout().toMillis());
    if (metricsTracker != null) {
      config.setMetricsTrackerFactory(metricsTracker);
    }
    return new HikariDataSource(config);
  }
}
