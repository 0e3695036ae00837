package dev.pcqrses.ports.in;

/** What projecting one journal record did to the read model. */
public sealed interface ProjectionResult {

  /** The event changed the read model (or advanced a deleted account's position). */
  record Applied(long sequenceNumber) implements ProjectionResult {}

  /** The event was applied before (at-least-once delivery); nothing changed. */
  record Duplicate(long sequenceNumber, long lastApplied) implements ProjectionResult {}

  /**
   * An earlier event of the stream has not been applied yet; nothing changed. The driver must
   * deliver the missing events, then this one again.
   */
  record Gap(long expected, long actual) implements ProjectionResult {}

  default boolean isGap() {
    return this instanceof Gap;
  }
}
