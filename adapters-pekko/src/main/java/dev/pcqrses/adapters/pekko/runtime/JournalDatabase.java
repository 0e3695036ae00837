package dev.pcqrses.adapters.pekko.runtime;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The PostgreSQL that holds the journal, snapshots and projection offsets (embedded/self-hosted
 * profile), as pekko-persistence-jdbc's shared Slick database needs it.
 *
 * @param maxConnections   Slick's pool size (and its number of threads)
 * @param statementTimeout server-side limit of one journal statement
 */
public record JournalDatabase(
    String jdbcUrl, String user, String password, int maxConnections, Duration connectionTimeout,
    Duration statementTimeout) {

  /** Configuration that points the JDBC journal, snapshot store and read journal at this database. */
  public Config asConfig() {
    String db = "pekko-persistence-jdbc.shared-databases.slick.db.";
    Map<String, Object> values = new HashMap<>();
    values.put(db + "url", jdbcUrl);
    values.put(db + "user", user);
    values.put(db + "password", password == null ? "" : password);
    values.put(db + "numThreads", maxConnections);
    values.put(db + "maxConnections", maxConnections);
    values.put(db + "minConnections", Math.min(2, maxConnections));
    values.put(db + "connectionTimeout", connectionTimeout.toMillis());
    values.put(db + "properties.options", "-c statement_timeout=" + statementTimeout.toMillis());
    values.put(db + "properties.ApplicationName", "pcqrses-journal");
    return ConfigFactory.parseMap(values, "pcqrses journal database");
  }

  @Override
  public String toString() {
    return "JournalDatabase[url=" + jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***") + ", user=" + user
        + ", maxConnections=" + maxConnections + "]";
  }
}
