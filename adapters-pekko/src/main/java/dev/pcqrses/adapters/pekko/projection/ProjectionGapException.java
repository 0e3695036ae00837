package dev.pcqrses.adapters.pekko.projection;

/**
 * A stream's events arrived with a hole before them. The group is rolled back and the projection
 * restarts from its stored offset after a back-off, so the missing events are read again.
 */
final class ProjectionGapException extends RuntimeException {
  ProjectionGapException(String message) {
    super(message);
  }
}
