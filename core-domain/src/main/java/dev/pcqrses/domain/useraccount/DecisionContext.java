package dev.pcqrses.domain.useraccount;

import java.time.Instant;
import java.util.Objects;

/**
 * What a decision needs from the outside world, passed in so that deciding stays a pure function:
 * the id for a new event, the current time and the request's metadata.
 *
 * @param newEventId id for the event the decision may emit
 * @param now        current time; truncated to milliseconds (the event contract's precision)
 * @param metadata   carried into every emitted event
 */
public record DecisionContext(EventId newEventId, Instant now, EventMetadata metadata) {
  public DecisionContext {
    Objects.requireNonNull(newEventId, "newEventId");
    Objects.requireNonNull(now, "now");
    now = now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    metadata = metadata == null ? EventMetadata.NONE : metadata;
  }
}
