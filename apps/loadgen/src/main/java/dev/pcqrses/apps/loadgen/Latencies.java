package dev.pcqrses.apps.loadgen;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** A latency record (HdrHistogram, microsecond resolution, up to one minute), safe from many threads. */
final class Latencies {
  private final Recorder recorder = new Recorder(TimeUnit.MINUTES.toMicros(1), 3);
  private Histogram total;

  void recordNanos(long nanos) {
    recorder.recordValue(Math.min(TimeUnit.NANOSECONDS.toMicros(nanos), TimeUnit.MINUTES.toMicros(1)));
  }

  /** The percentiles (in milliseconds) of everything recorded so far. */
  synchronized Map<String, Object> summary() {
    Histogram interval = recorder.getIntervalHistogram();
    if (total == null) {
      total = interval.copy();
    } else {
      total.add(interval);
    }
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("count", total.getTotalCount());
    s.put("p50_ms", ms(total.getValueAtPercentile(50)));
    s.put("p90_ms", ms(total.getValueAtPercentile(90)));
    s.put("p99_ms", ms(total.getValueAtPercentile(99)));
    s.put("p999_ms", ms(total.getValueAtPercentile(99.9)));
    s.put("max_ms", ms(total.getMaxValue()));
    s.put("mean_ms", Math.round(total.getMean()) / 1000.0);
    return s;
  }

  private static double ms(long micros) {
    return micros / 1000.0;
  }
}
