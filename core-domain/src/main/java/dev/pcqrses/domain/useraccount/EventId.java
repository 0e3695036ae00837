package dev.pcqrses.domain.useraccount;

import dev.pcqrses.domain.Ulid;

/**
 * Identifies one event, unique across all streams: a ULID in canonical form.
 *
 * @param value the 26-character ULID
 */
public record EventId(String value) {
  public EventId {
    if (!Ulid.isValid(value)) {
      throw new IllegalArgumentException("not a ULID");
    }
    value = Ulid.canonical(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
