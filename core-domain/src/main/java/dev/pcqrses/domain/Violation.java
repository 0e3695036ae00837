package dev.pcqrses.domain;

import java.util.Objects;

/**
 * One broken validation rule: which input field, and why, in words a client can show.
 *
 * @param field   the input field as the client named it (e.g. {@code firstName})
 * @param message what is wrong, without echoing the value (it may be personal data)
 */
public record Violation(String field, String message) {
  public Violation {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }
}
