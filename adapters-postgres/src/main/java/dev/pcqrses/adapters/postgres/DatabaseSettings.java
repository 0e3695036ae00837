package dev.pcqrses.adapters.postgres;

import com.typesafe.config.Config;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach PostgreSQL and how to pool connections. Read from a {@code pcqrses.database}-shaped
 * config section (see this module's {@code reference.conf} and docs/configuration.md).
 *
 * @param jdbcUrl          a JDBC URL; {@code postgres://user:password@host:port/db} is converted
 * @param statementTimeout server-side limit of one statement; the innermost timeout layer
 */
public record DatabaseSettings(
    String jdbcUrl,
    String user,
    String password,
    boolean migrateOnStart,
    Duration statementTimeout,
    Pool pool) {

  /** HikariCP pool sizing and timeouts. */
  public record Pool(
      int maximumSize,
      int minimumIdle,
      Duration connectionTimeout,
      Duration validationTimeout,
      Duration idleTimeout,
      Duration maxLifetime,
      Duration keepaliveTime,
      Duration leakDetectionThreshold) {}

  public DatabaseSettings {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(pool, "pool");
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("database url must be jdbc:postgresql://… or postgres://…, got: "
          + redact(jdbcUrl));
    }
    if (pool.maximumSize() < 1 || pool.minimumIdle() < 0 || pool.minimumIdle() > pool.maximumSize()) {
      throw new IllegalArgumentException("database pool: need 0 <= minimum-idle <= maximum-size and maximum-size >= 1");
    }
  }

  /**
   * The settings of one app: {@code pcqrses.database}, with the pool size (and, if set, the
   * statement timeout) of {@code <appPath>.database-pool} (each app sizes its own pool).
   */
  public static DatabaseSettings forApp(Config config, String appPath) {
    Config pool = config.getConfig(appPath + ".database-pool");
    DatabaseSettings settings = fromConfig(config.getConfig("pcqrses.database"))
        .withPoolSize(pool.getInt("maximum-size"), pool.getInt("minimum-idle"));
    // An app may set its own statement timeout (e.g. READ_MODEL_UPDATER_DB_TIMEOUT).
    return pool.hasPath("statement-timeout") ? settings.withStatementTimeout(pool.getDuration("statement-timeout"))
        : settings;
  }

  /** Reads settings from a config section shaped like {@code pcqrses.database}. */
  public static DatabaseSettings fromConfig(Config c) {
    String url = c.getString("url");
    String user = c.getString("user");
    String password = c.getString("password");
    if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
      UrlParts parts = UrlParts.parse(url);
      url = parts.jdbcUrl();
      user = parts.user() != null ? parts.user() : user;
      password = parts.password() != null ? parts.password() : password;
    }
    Config p = c.getConfig("pool");
    return new DatabaseSettings(
        url,
        user,
        password,
        c.getBoolean("migrate-on-start"),
        c.getDuration("statement-timeout"),
        new Pool(
            p.getInt("maximum-size"),
            p.getInt("minimum-idle"),
            p.getDuration("connection-timeout"),
            p.getDuration("validation-timeout"),
            p.getDuration("idle-timeout"),
            p.getDuration("max-lifetime"),
            p.getDuration("keepalive-time"),
            p.getDuration("leak-detection-threshold")));
  }

  /** The same settings against another URL and credentials (used by the embedded profile). */
  public DatabaseSettings withConnection(String newJdbcUrl, String newUser, String newPassword) {
    return new DatabaseSettings(newJdbcUrl, newUser, newPassword, migrateOnStart, statementTimeout, pool);
  }

  /** The same settings with another statement timeout. */
  public DatabaseSettings withStatementTimeout(Duration timeout) {
    return new DatabaseSettings(jdbcUrl, user, password, migrateOnStart, timeout, pool);
  }

  /** The same settings with another pool size. */
  public DatabaseSettings withPoolSize(int maximumSize, int minimumIdle) {
    return new DatabaseSettings(jdbcUrl, user, password, migrateOnStart, statementTimeout,
        new Pool(maximumSize, minimumIdle, pool.connectionTimeout(), pool.validationTimeout(), pool.idleTimeout(),
            pool.maxLifetime(), pool.keepaliveTime(), pool.leakDetectionThreshold()));
  }

  /** The URL without credentials, safe to log. */
  public String redactedUrl() {
    return redact(jdbcUrl);
  }

  private static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//[^/@]*@", "//***@");
  }

  @Override
  public String toString() {
    return "DatabaseSettings[url=" + redactedUrl() + ", user=" + user + ", pool=" + pool + "]";
  }

  private record UrlParts(String jdbcUrl, String user, String password) {
    static UrlParts parse(String url) {
      URI uri = URI.create(url);
      String user = null;
      String password = null;
      if (uri.getRawUserInfo() != null) {
        String[] userInfo = uri.getRawUserInfo().split(":", 2);
        user = URLDecoder.decode(userInfo[0], StandardCharsets.UTF_8);
        password = userInfo.length > 1 ? URLDecoder.decode(userInfo[1], StandardCharsets.UTF_8) : null;
      }
      String hostPort = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
      String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
      return new UrlParts("jdbc:postgresql://" + hostPort + uri.getRawPath() + query, user, password);
    }
  }
}
