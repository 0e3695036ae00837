package dev.pcqrses.adapters.pekko.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;

/**
 * Cluster membership as this node sees it, read from the cluster's current state at each scrape:
 * {@code pcqrses.cluster.members} by status and {@code pcqrses.cluster.unreachable.members}.
 */
public final class ClusterMeters {
  private ClusterMeters() {}

  private static final MemberStatus[] STATUSES = {
      MemberStatus.joining(), MemberStatus.weaklyUp(), MemberStatus.up(), MemberStatus.leaving(),
      MemberStatus.exiting(), MemberStatus.down(), MemberStatus.shuttingDown(),
      MemberStatus.shutDown()};

  /** Registers the cluster gauges of {@code system} in {@code registry}. */
  public static void bind(ActorSystem<?> system, MeterRegistry registry) {
    Cluster cluster = Cluster.get(system.classicSystem());
    for (MemberStatus status : STATUSES) {
      Gauge.builder("pcqrses.cluster.members", cluster, c -> count(c, status))
          .description("Cluster members this node sees, by status")
          .tag("status", tagValue(status))
          .register(registry);
    }
    Gauge.builder("pcqrses.cluster.unreachable.members", cluster, c -> c.state().getUnreachable().size())
        .description("Members this node's failure detector marks unreachable")
        .register(registry);
  }

  private static double count(Cluster cluster, MemberStatus status) {
    Iterable<Member> members = cluster.state().getMembers();
    return StreamSupport.stream(members.spliterator(), false).filter(m -> m.status().equals(status)).count();
  }

  /** {@code WeaklyUp} → {@code weakly_up}. */
  static String tagValue(MemberStatus status) {
    String name = status.toString();
    return name.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }
}
