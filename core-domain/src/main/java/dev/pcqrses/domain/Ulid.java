package dev.pcqrses.domain;

import java.util.Locale;

/**
 * The textual rules of a ULID: 26 characters of Crockford's base 32, the first at most {@code 7}
 * (so the 128-bit value does not overflow). Decoding is case-insensitive; the canonical form is
 * upper case.
 */
public final class Ulid {
  /** Length of a ULID string. */
  public static final int LENGTH = 26;

  private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

  private Ulid() {}

  /** Whether {@code text} is a ULID (in either case). */
  public static boolean isValid(String text) {
    if (text == null || text.length() != LENGTH) {
      return false;
    }
    for (int i = 0; i < LENGTH; i++) {
      char c = Character.toUpperCase(text.charAt(i));
      if (c > 'Z' || ALPHABET.indexOf(c) < 0) {
        return false;
      }
    }
    return Character.toUpperCase(text.charAt(0)) <= '7';
  }

  /** The canonical (upper-case) form of a valid ULID. */
  public static String canonical(String text) {
    return text.toUpperCase(Locale.ROOT);
  }
}
