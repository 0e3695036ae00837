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

    /**
     * Runs the app's start and returns what it started. If the start fails (a port taken, the
     * database unreachable, a bad setting), prints one line on stderr saying why — the messages of
     * the causes, not a stack trace (that is logged at DEBUG) — and exits with status 1: parts that
     * had started already (an ActorSystem's threads) would otherwise keep a headless JVM alive.
     */
    public <T> T startOrExit(java.util.function.Supplier<T> start) {
      try {
        return start.get();
      } catch (RuntimeException e) {
        String why = reasons(e);
        log.debug("{} could not start", name, e);
        log.error("{} could not start: {}", name, why);
        System.err.println(name + " could not start: " + why);
        LoggingShutdown.after(() -> { }).run();
        System.exit(1);
        throw e; // not reached
      }
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

  /** The messages of {@code failure} and its causes, each once: "what failed ← why ← why". */
  static String reasons(Throwable failure) {
    StringBuilder text = new StringBuilder();
    java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      String message = t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
      if (text.indexOf(message) >= 0) {
        continue; // a wrapper repeating its cause
      }
      if (text.length() > 0) {
        text.append(" <- ");
      }
      text.append(message);
    }
    return text.toString();
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
