package dev.pcqrses.adapters.http;

import java.time.Duration;

/**
 * Histogram buckets of the HTTP and GraphQL timers: 1 ms … 10 s, a dozen fixed boundaries per
 * series (Micrometer's percentile histogram would publish ~70, times every route, status and
 * operation name). The same boundaries as the command timers of adapters-pekko, so the layers'
 * percentiles compare.
 */
public final class LatencyBuckets {
  private LatencyBuckets() {}

  private static final double[] MILLIS = {1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000};

  /** The boundaries (a new array each time: arrays are mutable). */
  public static Duration[] latency() {
    Duration[] durations = new Duration[MILLIS.length];
    for (int i = 0; i < MILLIS.length; i++) {
      durations[i] = Duration.ofNanos(Math.round(MILLIS[i] * 1_000_000));
    }
    return durations;
  }
}
