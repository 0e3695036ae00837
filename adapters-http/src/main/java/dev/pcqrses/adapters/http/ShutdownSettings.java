package dev.pcqrses.adapters.http;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The durations of an app's graceful stop ({@link GracefulShutdown}), read from
 * {@code <app>.load-balancer.*} and {@code <app>.shutdown-timeout}.
 *
 * @param healthCheckGracePeriod how long readiness answers 503 while requests are still served, so
 *                               that the load balancer's health checks see the node fail
 * @param detachWaitDuration     how much longer to keep serving, until the load balancer has taken
 *                               the node out of its routing (connections draining on its side)
 * @param shutdownTimeout        longest the requests in flight may take to finish once new ones are
 *                               refused; a request still running then is cut
 */
public record ShutdownSettings(Duration healthCheckGracePeriod, Duration detachWaitDuration, Duration shutdownTimeout) {
  public ShutdownSettings {
    if (healthCheckGracePeriod.isNegative() || detachWaitDuration.isNegative()) {
      throw new IllegalArgumentException("load-balancer health-check-grace-period and detach-wait-duration must not be "
          + "negative (0s: no wait)");
    }
    if (shutdownTimeout.isNegative() || shutdownTimeout.isZero()) {
      throw new IllegalArgumentException("shutdown-timeout must be positive");
    }
  }

  /**
   * {@code <appPath>.load-balancer.health-check-grace-period}, {@code …detach-wait-duration} and
   * {@code <appPath>.shutdown-timeout}.
   *
   * @param appPath e.g. {@code pcqrses.command-api}
   */
  public static ShutdownSettings forApp(Config config, String appPath) {
    Config app = config.getConfig(appPath);
    return new ShutdownSettings(app.getDuration("load-balancer.health-check-grace-period"),
        app.getDuration("load-balancer.detach-wait-duration"), app.getDuration("shutdown-timeout"));
  }

  /** No waiting for a load balancer (one JVM on a laptop, tests); the same shutdown timeout. */
  public ShutdownSettings withoutLoadBalancer() {
    return new ShutdownSettings(Duration.ZERO, Duration.ZERO, shutdownTimeout);
  }
}
