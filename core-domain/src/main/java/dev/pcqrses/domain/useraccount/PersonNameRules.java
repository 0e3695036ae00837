package dev.pcqrses.domain.useraccount;

import dev.pcqrses.domain.DomainText;

/** The rules that first and last names share. */
final class PersonNameRules {
  /** Longest name, in Unicode code points (not UTF-16 units, not bytes). */
  static final int MAX_CODE_POINTS = 100;

  private PersonNameRules() {}

  /** The name without surrounding white space (Unicode spaces and invisible characters included). */
  static String normalize(String raw) {
    return raw == null ? null : DomainText.stripInvisible(raw);
  }

  /** Why a trimmed name is not acceptable, or null when it is. */
  static String problem(String trimmed) {
    if (trimmed == null) {
      return "is required";
    }
    if (trimmed.isEmpty()) {
      return "must not be empty or blank";
    }
    String unsafe = DomainText.unsafeCharacter(trimmed);
    if (unsafe != null) {
      return "must not contain " + unsafe;
    }
    if (!DomainText.hasVisibleCharacter(trimmed)) {
      return "must contain a visible character";
    }
    int codePoints = trimmed.codePointCount(0, trimmed.length());
    if (codePoints > MAX_CODE_POINTS) {
      return "must be at most " + MAX_CODE_POINTS + " characters (it has " + codePoints + ")";
    }
    return null;
  }

  static String requireValid(String value) {
    String problem = problem(value);
    if (problem != null || !value.equals(normalize(value))) {
      throw new IllegalArgumentException("invalid name: " + (problem != null ? problem : "not trimmed"));
    }
    return value;
  }
}
