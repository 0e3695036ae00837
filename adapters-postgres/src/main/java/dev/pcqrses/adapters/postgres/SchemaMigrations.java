package dev.pcqrses.adapters.postgres;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the SQL migrations in {@code db/migration} (journal, snapshots, projection offsets, read
 * model). Safe when several apps start at once: Flyway serialises them with an advisory lock.
 */
public final class SchemaMigrations {
  private static final Logger log = LoggerFactory.getLogger(SchemaMigrations.class);

  private SchemaMigrations() {}

  /** Migrates to the latest version; returns the number of migrations applied now. */
  public static int migrate(DataSource dataSource) {
    MigrateResult result = Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .load()
        .migrate();
    log.info("Database schema at version {} ({} migration(s) applied now)",
        result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion,
        result.migrationsExecuted);
    return result.migrationsExecuted;
  }
}
