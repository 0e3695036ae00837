package dev.pcqrses.adapters.http;

import dev.pcqrses.adapters.http.logging.LoggingShutdown;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an app's stop on SIGTERM and SIGINT, then exits with status 0 (1 when the stop failed).
 * A JVM stopped by a signal through its shutdown hooks alone exits with 143 (128 + SIGTERM), which
 * orchestrators report as a failure; handling the signal and calling {@code System.exit(0)} after the
 * stop avoids that. Any other way out ({@code System.exit} elsewhere) still runs the stop, from a
 * shutdown hook. Logging is stopped last, so that the stop's own lines are written.
 */
public final class ShutdownSignals {
  private static final Logger log = LoggerFactory.getLogger(ShutdownSignals.class);

  private ShutdownSignals() {}

  /**
   * @param name names the hook thread
   * @param stop the app's stop; called once (it should itself be safe to call again)
   */
  public static void install(String name, Runnable stop) {
    AtomicBoolean failed = new AtomicBoolean();
    Runnable guarded = () -> {
      try {
        stop.run();
      } catch (RuntimeException e) {
        failed.set(true);
        log.error("{} did not stop cleanly", name, e);
      }
    };
    sun.misc.SignalHandler handler = signal -> {
      LoggingShutdown.after(guarded).run();
      System.exit(failed.get() ? 1 : 0);
    };
    sun.misc.Signal.handle(new sun.misc.Signal("TERM"), handler);
    sun.misc.Signal.handle(new sun.misc.Signal("INT"), handler);
    Runtime.getRuntime().addShutdownHook(new Thread(LoggingShutdown.after(guarded), name + "-shutdown"));
  }
}
