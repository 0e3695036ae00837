package dev.pcqrses.clustertests;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** Polling a condition with a deadline: how the tests wait (never a fixed sleep). */
final class Poll {
  /** Between two looks at a condition. */
  static final Duration INTERVAL = Duration.ofMillis(100);

  private Poll() {}

  /**
   * Evaluates {@code condition} every {@link #INTERVAL} until it is true; fails after {@code timeout}
   * with {@code what} and {@code diagnosis}. An AssertionError from the condition fails at once.
   */
  static void until(Duration timeout, Supplier<String> what, Callable<Boolean> condition, Supplier<String> diagnosis) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (true) {
      try {
        if (Boolean.TRUE.equals(condition.call())) {
          return;
        }
      } catch (AssertionError e) {
        throw e;
      } catch (Exception e) {
        last = e;
      }
      if (System.nanoTime() > deadline) {
        AssertionError error = new AssertionError("not within " + timeout + ": " + what.get() + "\n" + diagnosis.get());
        if (last != null) {
          error.initCause(last);
        }
        throw error;
      }
      pause(INTERVAL);
    }
  }

  /** The pause between two polls (and the pacing of the load clients): not a wait for a condition. */
  static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
