package dev.pcqrses.adapters.pekko.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The command and persistence meters of one entity type, registered up front (every series exists
 * from start-up, at zero) so that recording is a map lookup and no allocation.

 */
public final class EntityMeters {
  /** Command outcome tag values. */
  public enum Outcome { ACCEPTED, REJECTED, INVALID }

  /** Failure kind tag values of {@code pcqrses.persistence.failures}. */
  public enum Failure { PERSIST_FAILED, PERSIST_REJECTED, RECOVERY_FAILED, SNAPSHOT_FAILED }

  private final Map<String, Timer[]> commands = new HashMap<>();
  private final Map<String, Counter> events = new HashMap<>();
  private final Counter[] failures = new Counter[Failure.values().length];
  private final Timer persist;
  private final Timer recovery;
  private final Timer snapshot;

  /**
   * @param entity       the {@code entity} tag value, e.g. {@code user-account}
   * @param commandTypes every command type tag value
   * @param eventTypes   every event type tag value
   */
  public EntityMeters(MeterRegistry registry, String entity, List<String> commandTypes, List<String> eventTypes) {
    for (String command : commandTypes) {
      Timer[] byOutcome = new Timer[Outcome.values().length];
      for (Outcome outcome : Outcome.values()) {
        byOutcome[outcome.ordinal()] = Timer.builder("pcqrses.commands")
            .description("Commands processed by entities, from taking the command to the reply")
            .tag("entity", entity)
            .tag("command", command)
            .tag("outcome", tag(outcome))
            .serviceLevelObjectives(Buckets.latency())
            .register(registry);
      }
      commands.put(command, byOutcome);
    }
    for (String event : eventTypes) {
      events.put(event, Counter.builder("pcqrses.persistence.events")
          .description("Events written to the journal")
          .tag("entity", entity)
          .tag("event", event)
          .register(registry));
    }
    for (Failure failure : Failure.values()) {
      failures[failure.ordinal()] = Counter.builder("pcqrses.persistence.failures")
          .description("Journal and snapshot store failures")
          .tag("entity", entity)
          .tag("kind", tag(failure))
          .register(registry);
    }
    persist = Timer.builder("pcqrses.persistence.persist")
        .description("Journal writes of one command's events, from the persist effect to the confirmation")
        .tag("entity", entity)
        .serviceLevelObjectives(Buckets.latency())
        .register(registry);
    recovery = Timer.builder("pcqrses.persistence.recovery")
        .description("Entity recoveries, from start to recovery completed (snapshot and replay)")
        .tag("entity", entity)
        .serviceLevelObjectives(Buckets.latency())
        .register(registry);
    snapshot = Timer.builder("pcqrses.persistence.snapshot")
        .description("Snapshots saved, from the event that triggers one to the store's confirmation")
        .tag("entity", entity)
        .register(registry);
  }

  private static String tag(Enum<?> value) {
    return value.name().toLowerCase(java.util.Locale.ROOT);
  }

  public void command(String command, Outcome outcome, long nanos) {
    commands.get(command)[outcome.ordinal()].record(nanos, TimeUnit.NANOSECONDS);
  }

  public void persisted(long nanos) {
    persist.record(nanos, TimeUnit.NANOSECONDS);
  }

  public void event(String event) {
    events.get(event).increment();
  }

  public void failure(Failure failure) {
    failures[failure.ordinal()].increment();
  }

  public void recovered(long nanos) {
    recovery.record(nanos, TimeUnit.NANOSECONDS);
  }

  public void snapshotSaved(long nanos) {
    snapshot.record(nanos, TimeUnit.NANOSECONDS);
  }
}
