package dev.pcqrses.adapters.pekko.projection;

import dev.pcqrses.adapters.pekko.useraccount.UserAccountTags;
import dev.pcqrses.domain.useraccount.UserAccountEvent;
import dev.pcqrses.ports.in.ProjectUserAccountEvents;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.ShardedDaemonProcessSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.ProjectionBehavior;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.eventsourced.javadsl.EventSourcedProvider;
import org.apache.pekko.projection.javadsl.GroupedProjection;
import org.apache.pekko.projection.javadsl.SourceProvider;
import org.apache.pekko.projection.jdbc.javadsl.JdbcProjection;

/**
 * The self-hosted read-model updater: one Pekko Projection per tag slice, spread over the cluster
 * by {@link ShardedDaemonProcess}, reading {@code eventsByTag} from the JDBC journal and applying
 * groups of events exactly once (the offset is stored in the same transaction as the read model).
 */
public final class UserAccountProjection {
  /** Projection name in the offset store. */
  public static final String NAME = "user-accounts";

  private UserAccountProjection() {}

  /**
   * Starts the projections on this node (and on every other node that calls this).
   *
   * @param tagSlices             must equal the writers' {@code pcqrses.user-account.tag-slices}
   * @param projectorOnConnection a projector working on the given transaction's connection
   */
  public static void init(ActorSystem<?> system, int tagSlices, ProjectionSettings settings, DataSource dataSource,
      Function<Connection, ProjectUserAccountEvents> projectorOnConnection, MeterRegistry registry) {
    if (tagSlices < 1) {
      throw new IllegalArgumentException("the projection reads tagged events: pcqrses.user-account.tag-slices must be "
          + "at least 1 (an untagged journal, such as DynamoDB, is read by the Lambda instead)");
    }
    ShardedDaemonProcess.get(system).init(
        ProjectionBehavior.Command.class,
        NAME,
        tagSlices,
        slice -> ProjectionBehavior.create(projection(system, UserAccountTags.tag(slice), settings, dataSource,
            projectorOnConnection, registry)),
        ShardedDaemonProcessSettings.create(system),
        Optional.of(ProjectionBehavior.stopMessage()));
  }

  static GroupedProjection<Offset, EventEnvelope<UserAccountEvent>> projection(ActorSystem<?> system, String tag,
      ProjectionSettings settings, DataSource dataSource,
      Function<Connection, ProjectUserAccountEvents> projectorOnConnection, MeterRegistry registry) {
    SourceProvider<Offset, EventEnvelope<UserAccountEvent>> source =
        EventSourcedProvider.eventsByTag(system, JdbcReadJournal.Identifier(), tag);
    ProjectionMeters meters = new ProjectionMeters(registry, tag);
    return JdbcProjection.groupedWithin(
            ProjectionId.of(NAME, tag),
            source,
            () -> new PooledJdbcSession(dataSource),
            () -> new UserAccountProjectionHandler(tag, projectorOnConnection, meters),
            system)
        .withStatusObserver(meters)
        .withGroup(settings.groupAfterEnvelopes(), settings.groupAfterDuration())
        .withRestartBackoff(settings.restartMinBackoff(), settings.restartMaxBackoff(), settings.restartRandomFactor());
  }
}
