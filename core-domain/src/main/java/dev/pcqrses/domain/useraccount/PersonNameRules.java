package dev.pcqrses.domain.useraccount;

import dev.pcqrses.domain.DomainText;

/** The rules that first and last names share. */
final class PersonNameRules {
  /** Longest name, in Unicode code points (not UTF-16 units, not bytes). */
  static final int MAX_CODE_POINTS = 100;

  private PersonNameRules() {}

  /** The trimmed name, or null when {@link #problem} reports one. */
  static String normalize(String raw) {
    return raw == null ? null : raw.strip();
  }

  /** Why a trimmed name is not acceptable, or null when it is. */
  static String problem(String trimmed) {
    if (trimmed == null) {
      return "is required";
    }
    if (trimmed.isEmpty()) {
      return "must not be empty or blank";
    }
    if (!DomainText.isPrintableUnicode(trimmed)) {
      return "must not contain control characters or invalid Unicode";
    }
    int codePoints = trimmed.codePointCount(0, trimmed.length());
    if (codePoints > MAX_CODE_POINTS) {
      return "must be at most " + MAX_CODE_POINTS + " characters (it has " + codePoints + ")";
    }
    return null;
  }

  static String requireValid(String value) {
    String problem = problem(value);
    if (problem != null || !value.equals(value.strip())) {
      throw new IllegalArgumentException("invalid name: " + (problem != null ? problem : "not trimmed"));
    }
    return value;
  }
}
