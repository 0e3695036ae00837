package dev.pcqrses.adapters.pekko.metrics;

import java.time.Duration;

/**
 * Histogram buckets of the timers that dashboards and alerts take percentiles of. A dozen fixed
 * boundaries per series instead of Micrometer's ~70 percentile buckets: the command-api scrape
 * stays small, and the alert thresholds (docs/metrics.md) are boundaries, so
 * {@code histogram_quantile} is exact where it matters. (Arrays are mutable: a new one per call.)
 */
public final class Buckets {
  private Buckets() {}

  /** Work that should take milliseconds: 1 ms … 10 s. */
  public static Duration[] latency() {
    return millis(1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000);
  }

  /** Waiting in a queue: 10 µs … 1 s. */
  public static Duration[] queueing() {
    return millis(0.01, 0.1, 0.5, 1, 5, 10, 25, 50, 100, 250, 1_000);
  }

  /** Staleness of the read model: 10 ms … 10 min. */
  public static Duration[] lag() {
    return millis(10, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000, 300_000, 600_000);
  }

  private static Duration[] millis(double... values) {
    Duration[] durations = new Duration[values.length];
    for (int i = 0; i < values.length; i++) {
      durations[i] = Duration.ofNanos(Math.round(values[i] * 1_000_000));
    }
    return durations;
  }
}
