package dev.pcqrses.apps.loadgen;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-model request schedule: request {@code i} has the intended start time
 * {@code start + i / rate}, fixed in advance and independent of how fast earlier requests are
 * answered. One thread waits for each intended time and starts the request (which must not block:
 * it sends asynchronously and returns the stage that completes with the answer). Latency is to be
 * measured from the intended time, so a request that starts late because the generator or the
 * system fell behind is charged for the wait (no coordinated omission).
 *
 * <p>At most {@code maxOutstanding} requests are in flight; a request whose intended time comes
 * while that many are outstanding is not sent and is reported as dropped, instead of the schedule
 * waiting for a free slot (which would silently lower the offered rate).
 */
final class OpenLoop {
  /** What the loop drives. */
  interface Target {
    /** Starts request {@code index}, now (at or after {@code intendedNanos}); completes when answered. */
    CompletionStage<?> start(long index, long intendedNanos);

    /** Request {@code index} was not sent: {@code maxOutstanding} requests were in flight. */
    void drop(long index, long intendedNanos);
  }

  /** Time, replaceable in tests. */
  interface Clock {
    long nanoTime();

    /** Returns at or (a little) after {@code deadlineNanos}. */
    void sleepUntil(long deadlineNanos);

    Clock SYSTEM = new Clock() {
      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public void sleepUntil(long deadlineNanos) {
        long left;
        while ((left = deadlineNanos - System.nanoTime()) > 0) {
          LockSupport.parkNanos(left);
        }
      }
    };
  }

  private final double ratePerSecond;
  private final int maxOutstanding;
  private final Clock clock;
  private final AtomicInteger outstanding = new AtomicInteger();

  OpenLoop(double ratePerSecond, int maxOutstanding, Clock clock) {
    if (!(ratePerSecond > 0)) {
      throw new IllegalArgumentException("rate must be positive: " + ratePerSecond);
    }
    if (maxOutstanding < 1) {
      throw new IllegalArgumentException("max outstanding must be at least 1: " + maxOutstanding);
    }
    this.ratePerSecond = ratePerSecond;
    this.maxOutstanding = maxOutstanding;
    this.clock = clock;
  }

  /** The intended start of request {@code index} (computed from the index, so errors do not accumulate). */
  static long intendedNanos(long startNanos, double ratePerSecond, long index) {
    return startNanos + Math.round(index * 1e9 / ratePerSecond);
  }

  /** How many requests have their intended start in the first {@code durationNanos} after the start. */
  static long requestsWithin(long durationNanos, double ratePerSecond) {
    long n = (long) Math.ceil(durationNanos * ratePerSecond / 1e9);
    // guard the rounding of intendedNanos at the boundary
    while (n > 0 && Math.round((n - 1) * 1e9 / ratePerSecond) >= durationNanos) {
      n--;
    }
    while (Math.round(n * 1e9 / ratePerSecond) < durationNanos) {
      n++;
    }
    return n;
  }

  int outstanding() {
    return outstanding.get();
  }

  /**
   * Runs requests {@code 0 .. count-1} on this thread at their intended times from
   * {@code startNanos}; returns once the last one has been started or dropped (not answered).
   */
  void run(long startNanos, long count, Target target) {
    for (long i = 0; i < count; i++) {
      long intended = intendedNanos(startNanos, ratePerSecond, i);
      if (clock.nanoTime() < intended) {
        clock.sleepUntil(intended);
      }
      if (outstanding.get() >= maxOutstanding) {
        target.drop(i, intended);
        continue;
      }
      outstanding.incrementAndGet();
      CompletionStage<?> answered;
      try {
        answered = target.start(i, intended);
      } catch (RuntimeException e) {
        outstanding.decrementAndGet();
        throw e;
      }
      answered.whenComplete((r, e) -> outstanding.decrementAndGet());
    }
  }

  /** Waits until nothing is outstanding or {@code deadlineNanos} passes; answers whether it drained. */
  boolean awaitDrained(long deadlineNanos) {
    while (outstanding.get() > 0) {
      if (clock.nanoTime() >= deadlineNanos) {
        return false;
      }
      clock.sleepUntil(Math.min(deadlineNanos, clock.nanoTime() + 1_000_000));
    }
    return true;
  }
}
