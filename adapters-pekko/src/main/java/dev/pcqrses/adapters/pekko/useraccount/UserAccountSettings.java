package dev.pcqrses.adapters.pekko.useraccount;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * How user-account entities run: read from {@code pcqrses.user-account} (reference.conf,
 * docs/configuration.md), plus the ask timeout that the command side chooses.
 *
 * @param askTimeout      how long a command waits for its entity's reply (the middle timeout layer)
 * @param tagSlices       events are tagged {@code user-account-<0..tagSlices-1>}; one projection per
 *                        slice. Fixed for the life of a journal: changing it re-tags new events only.
 *                        0: events are not tagged (journals without tag support, such as DynamoDB,
 *                        whose read side follows the table's stream instead)
 * @param snapshotEvery   a snapshot every this many events
 * @param snapshotsToKeep older snapshots are deleted
 * @param instrumentedMailbox entities get the {@code InstrumentedMailbox} (off when
 *                        {@code pcqrses.metrics.enabled} is false)
 */
public record UserAccountSettings(
    Duration askTimeout,
    int tagSlices,
    int snapshotEvery,
    int snapshotsToKeep,
    Duration persistFailureMinBackoff,
    Duration persistFailureMaxBackoff,
    boolean instrumentedMailbox) {

  public UserAccountSettings {
    if (tagSlices < 0) {
      throw new IllegalArgumentException("pcqrses.user-account.tag-slices must be 0 (untagged) or more");
    }
    if (snapshotEvery < 1 || snapshotsToKeep < 1) {
      throw new IllegalArgumentException("pcqrses.user-account snapshot-every and snapshots-to-keep must be at least 1");
    }
    if (askTimeout.isNegative() || askTimeout.isZero()) {
      throw new IllegalArgumentException("the actor ask timeout must be positive");
    }
  }

  /** Reads {@code pcqrses.user-account} from {@code config}. */
  public static UserAccountSettings fromConfig(Config config, Duration askTimeout) {
    Config c = config.getConfig("pcqrses.user-account");
    return new UserAccountSettings(
        askTimeout,
        c.getInt("tag-slices"),
        c.getInt("snapshot-every"),
        c.getInt("snapshots-to-keep"),
        c.getDuration("persist-failure-backoff.min"),
        c.getDuration("persist-failure-backoff.max"),
        !config.hasPath("pcqrses.metrics.enabled") || config.getBoolean("pcqrses.metrics.enabled"));
  }

  public UserAccountSettings withAskTimeout(Duration timeout) {
    return new UserAccountSettings(timeout, tagSlices, snapshotEvery, snapshotsToKeep, persistFailureMinBackoff,
        persistFailureMaxBackoff, instrumentedMailbox);
  }
}
