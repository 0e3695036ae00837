package dev.pcqrses.adapters.http;

import dev.pcqrses.adapters.http.logging.LoggingShutdown;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an app's stop on SIGTERM and SIGINT, then exits with status 0 (1 when the stop failed).
 * A JVM stopped by a signal through its shutdown hooks alone exits with 143 (128 + SIGTERM), which
 * orchestrators report as a failure; handling the signal and calling {@code System.exit(0)} after the
 * stop avoids that. Any other way out ({@code System.exit} elsewhere) still runs the stop, from a
 * shutdown hook. Logging is stopped last, so that the stop's own lines are written.
 *
 * <p>Install it first thing in {@code main}, and name the stop once the app has started
 * ({@link Hook#stopWith}): a signal that arrives during start-up then still exits 0 instead of 143.
 */
public final class ShutdownSignals {
  private static final Logger log = LoggerFactory.getLogger(ShutdownSignals.class);

  private ShutdownSignals() {}

  /** What a signal stops: nothing until {@link #stopWith} names the app's stop. */
  public static final class Hook {
    private volatile Runnable stop = () -> {};
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicBoolean failed = new AtomicBoolean();
    private final String name;

    private Hook(String name) {
      this.name = name;
    }

    /** The stop to run on a signal or at exit; it should be safe to call again. */
    public void stopWith(Runnable stop) {
      this.stop = Objects.requireNonNull(stop, "stop");
    }

    /**
     * Stops the app and exits with {@code status}, on a thread of its own, unless a stop has begun
     * already (then that stop decides the exit). For a part of the app that ended by itself, such
     * as an ActorSystem downed by the Split Brain Resolver: a process that lives on without it would
     * only answer 503, while an exit lets the orchestrator start a fresh one.
     */
    public void exitBecause(String reason, int status) {
      if (stopping.get()) {
        return;
      }
      Thread exit = new Thread(() -> {
        log.error("{} exits with status {}: {}", name, status, reason);
        LoggingShutdown.after(this::runStop).run();
        System.exit(status);
      }, name + "-exit");
      exit.start();
    }

    private void runStop() {
      stopping.set(true);
      try {
        stop.run();
      } catch (RuntimeException e) {
        failed.set(true);
        log.error("{} did not stop cleanly", name, e);
      }
    }
  }

  /** Installs the handling; the returned hook names the stop. */
  public static Hook install(String name) {
    Hook hook = new Hook(name);
    Runnable guarded = hook::runStop;
    sun.misc.SignalHandler handler = signal -> {
      LoggingShutdown.after(guarded).run();
      System.exit(hook.failed.get() ? 1 : 0);
    };
    sun.misc.Signal.handle(new sun.misc.Signal("TERM"), handler);
    sun.misc.Signal.handle(new sun.misc.Signal("INT"), handler);
    Runtime.getRuntime().addShutdownHook(new Thread(LoggingShutdown.after(guarded), name + "-shutdown"));
    return hook;
  }

  /** {@link #install(String)} with the stop known already. */
  public static void install(String name, Runnable stop) {
    install(name).stopWith(stop);
  }
}
