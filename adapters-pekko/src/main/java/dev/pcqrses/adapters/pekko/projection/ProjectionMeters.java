package dev.pcqrses.adapters.pekko.projection;

import dev.pcqrses.domain.useraccount.UserAccountEvent;
import dev.pcqrses.ports.contract.EventDecodingException;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import dev.pcqrses.adapters.pekko.metrics.Buckets;
import org.apache.pekko.projection.HandlerRecoveryStrategy;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.StatusObserver;

/**
 * The meters of one projection slice: {@code pcqrses.projection.events} by result and
 * {@code pcqrses.projection.lag}. Also the projection's status observer, which counts a stream that
 * failed on an event it cannot decode as a poison record (the projection restarts from its
 * offset and stops there until the event can be read).
 */
final class ProjectionMeters extends StatusObserver<EventEnvelope<UserAccountEvent>> {
  final Counter applied;
  final Counter duplicates;
  final Counter gaps;
  final Counter poison;
  final Timer lag;

  ProjectionMeters(MeterRegistry registry, String slice) {
    applied = events(registry, slice, "applied");
    duplicates = events(registry, slice, "duplicate");
    gaps = events(registry, slice, "gap");
    poison = events(registry, slice, "poison");
    lag = Timer.builder("pcqrses.projection.lag")
        .description("Now minus the event's occurredAt, when the projection applies it")
        .tag("projection", UserAccountProjection.NAME)
        .tag("slice", slice)
        .serviceLevelObjectives(Buckets.lag())
        .register(registry);
  }

  private static Counter events(MeterRegistry registry, String slice, String result) {
    return Counter.builder("pcqrses.projection.events")
        .description("Journal events handled by the read-model projection, by result")
        .tag("projection", UserAccountProjection.NAME)
        .tag("slice", slice)
        .tag("result", result)
        .register(registry);
  }

  @Override
  public void failed(ProjectionId projectionId, Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof EventDecodingException) {
        poison.increment();
        return;
      }
    }
  }

  @Override
  public void started(ProjectionId projectionId) {}

  @Override
  public void stopped(ProjectionId projectionId) {}

  @Override
  public void beforeProcess(ProjectionId projectionId, EventEnvelope<UserAccountEvent> envelope) {}

  @Override
  public void afterProcess(ProjectionId projectionId, EventEnvelope<UserAccountEvent> envelope) {}

  @Override
  public void offsetProgress(ProjectionId projectionId, EventEnvelope<UserAccountEvent> envelope) {}

  @Override
  public void error(ProjectionId projectionId, EventEnvelope<UserAccountEvent> envelope, Throwable cause, HandlerRecoveryStrategy recoveryStrategy) {}
}
