package dev.pcqrses.domain.useraccount;

import java.util.Optional;

/**
 * What travels with an event besides its facts: the correlation id of the request that caused it,
 * so that read-side logs can be joined with write-side logs.
 *
 * @param correlationId the request's correlation id, or null when there was none
 */
public record EventMetadata(String correlationId) {
  /** No metadata. */
  public static final EventMetadata NONE = new EventMetadata(null);

  public EventMetadata {
    if (correlationId != null && correlationId.isBlank()) {
      correlationId = null;
    }
  }

  public static EventMetadata ofCorrelationId(String correlationId) {
    return new EventMetadata(correlationId);
  }

  public Optional<String> correlationIdIfAny() {
    return Optional.ofNullable(correlationId);
  }

  public boolean isEmpty() {
    return correlationId == null;
  }
}
