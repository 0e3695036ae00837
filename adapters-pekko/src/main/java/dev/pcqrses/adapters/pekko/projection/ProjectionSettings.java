package dev.pcqrses.adapters.pekko.projection;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * How the read-model projection runs: read from {@code pcqrses.projection}.
 *
 * @param groupAfterEnvelopes a transaction applies at most this many events...
 * @param groupAfterDuration  ...or what arrived within this time
 */
public record ProjectionSettings(
    int groupAfterEnvelopes,
    Duration groupAfterDuration,
    Duration restartMinBackoff,
    Duration restartMaxBackoff,
    double restartRandomFactor) {

  public static ProjectionSettings fromConfig(Config config) {
    Config c = config.getConfig("pcqrses.projection");
    return new ProjectionSettings(
        c.getInt("group-after-envelopes"),
        c.getDuration("group-after-duration"),
        c.getDuration("restart-backoff.min"),
        c.getDuration("restart-backoff.max"),
        c.getDouble("restart-backoff.random-factor"));
  }
}
