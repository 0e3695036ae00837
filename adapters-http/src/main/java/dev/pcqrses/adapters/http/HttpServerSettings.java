package dev.pcqrses.adapters.http;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * One HTTP server's settings: read from a section shaped like {@code pcqrses.http-defaults}
 * (this module's reference.conf; each app overrides host and port).
 *
 * @param maxBodyBytes       larger request bodies are refused with 413
 * @param requestTimeout     a GraphQL request not answered by then gets 503 (outer timeout layer)
 * @param readinessTimeout   longest a readiness check may take before it counts as down
 * @param ioThreads          non-blocking I/O threads; 0 = one per core
 * @param workerThreads      threads that run GraphQL (and blocking database reads)
 * @param maxInFlight        GraphQL requests in flight on this node beyond which new ones get 503
 */
public record HttpServerSettings(
    String host,
    int port,
    int maxBodyBytes,
    Duration requestTimeout,
    Duration readinessTimeout,
    int ioThreads,
    int workerThreads,
    int maxQueryDepth,
    int maxQueryComplexity,
    int documentCacheSize,
    int maxInFlight) {

  public HttpServerSettings {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("HTTP port must be 0..65535, got " + port);
    }
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("max-in-flight must be at least 1, got " + maxInFlight);
    }
    if (maxBodyBytes < 1024) {
      throw new IllegalArgumentException("max-body-size must be at least 1 KiB");
    }
  }

  /**
   * The settings of one app: {@code <appPath>.http} over {@code pcqrses.http-defaults}.
   *
   * @param appPath e.g. {@code pcqrses.command-api}
   */
  public static HttpServerSettings forApp(Config config, String appPath) {
    return fromConfig(config.getConfig(appPath + ".http").withFallback(config.getConfig("pcqrses.http-defaults")));
  }

  public static HttpServerSettings fromConfig(Config c) {
    return new HttpServerSettings(
        c.getString("host"),
        c.getInt("port"),
        (int) Math.min(Integer.MAX_VALUE, c.getBytes("max-body-size")),
        c.getDuration("request-timeout"),
        c.getDuration("readiness-timeout"),
        c.getInt("io-threads"),
        c.getInt("worker-threads"),
        c.getInt("graphql.max-query-depth"),
        c.getInt("graphql.max-query-complexity"),
        c.getInt("graphql.document-cache-size"),
        c.getInt("max-in-flight"));
  }

  /** The same settings on another port (tests use 0 for any free port). */
  public HttpServerSettings withPort(int newPort) {
    return new HttpServerSettings(host, newPort, maxBodyBytes, requestTimeout, readinessTimeout, ioThreads,
        workerThreads, maxQueryDepth, maxQueryComplexity, documentCacheSize, maxInFlight);
  }
}
