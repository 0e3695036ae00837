package dev.pcqrses.adapters.pekko.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * The shard region of one entity type on this node, sampled every {@code interval} with
 * {@link GetShardRegionState}: {@code pcqrses.sharding.shards}, {@code pcqrses.sharding.entities},
 * and {@code pcqrses.sharding.shard.handoffs} (shards present at one sample and gone at the next
 * while the node runs: a rebalance or hand-off; a shard that stops and comes back between two
 * samples is not seen).
 */
public final class ShardingMeters {
  private final AtomicInteger shards = new AtomicInteger();
  private final AtomicInteger entities = new AtomicInteger();
  private final Counter handoffs;
  private Set<String> lastShards = Set.of();

  private ShardingMeters(MeterRegistry registry, String entity) {
    Gauge.builder("pcqrses.sharding.shards", shards, AtomicInteger::get)
        .description("Shards hosted by this node's region")
        .tag("entity", entity)
        .register(registry);
    Gauge.builder("pcqrses.sharding.entities", entities, AtomicInteger::get)
        .description("Live entities on this node")
        .tag("entity", entity)
        .register(registry);
    handoffs = Counter.builder("pcqrses.sharding.shard.handoffs")
        .description("Shards that left this node while it kept running (rebalance, hand-off)")
        .tag("entity", entity)
        .register(registry);
  }

  /**
   * Starts sampling the region of {@code key} on {@code system}; the returned handle stops it (it
   * also stops with the ActorSystem).
   */
  public static Cancellable start(ActorSystem<?> system, EntityTypeKey<?> key, String entity, Duration interval,
      MeterRegistry registry) {
    ShardingMeters meters = new ShardingMeters(registry, entity);
    ClusterSharding sharding = ClusterSharding.get(system);
    return system.scheduler().scheduleWithFixedDelay(interval, interval, () ->
        AskPattern.<org.apache.pekko.cluster.sharding.typed.ClusterShardingQuery, ShardRegion.CurrentShardRegionState>ask(
                sharding.shardState(), replyTo -> new GetShardRegionState(key, replyTo), interval, system.scheduler())
            .thenAcceptAsync(meters::sampled, system.executionContext()), system.executionContext());
  }

  private synchronized void sampled(ShardRegion.CurrentShardRegionState state) {
    Set<String> now = new HashSet<>();
    int entityCount = 0;
    for (ShardRegion.ShardState shard : state.getShards()) {
      now.add(shard.shardId());
      entityCount += shard.getEntityIds().size();
    }
    long gone = lastShards.stream().filter(id -> !now.contains(id)).count();
    handoffs.increment(gone);
    lastShards = now;
    shards.set(now.size());
    entities.set(entityCount);
  }
}
