package dev.pcqrses.adapters.http.logging;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/**
 * Ends logging as the last step of an app's stop: stopping logback drains its asynchronous
 * appenders, so the last lines of the shutdown reach stdout before the JVM exits. (logback's own
 * shutdown hook would run concurrently with the app's stop and could cut it short.)
 */
public final class LoggingShutdown {
  private LoggingShutdown() {}

  /** Runs {@code stop}, then stops logging. */
  public static Runnable after(Runnable stop) {
    return () -> {
      try {
        stop.run();
      } finally {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
          context.stop();
        }
      }
    };
  }
}
