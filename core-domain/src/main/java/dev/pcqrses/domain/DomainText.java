package dev.pcqrses.domain;

/** Checks shared by textual value objects that people type (names, search terms). */
public final class DomainText {
  private DomainText() {}

  /** Zero-width joiner and non-joiner: needed inside many scripts and emoji sequences. */
  private static final int ZWNJ = 0x200C;
  private static final int ZWJ = 0x200D;
  /** Tag characters: only used inside emoji tag sequences (subdivision flags). */
  private static final int TAG_FIRST = 0xE0020;
  private static final int TAG_LAST = 0xE007F;

  /**
   * {@code text} without leading and trailing white space in the Unicode sense: spaces of every
   * kind (no-break, figure, ideographic…) and invisible format characters (zero-width space, byte
   * order mark, soft hyphen…). {@link String#strip()} knows only some of them.
   */
  public static String stripInvisible(String text) {
    int start = 0;
    int end = text.length();
    while (start < end) {
      int cp = text.codePointAt(start);
      if (!isBlank(cp)) {
        break;
      }
      start += Character.charCount(cp);
    }
    while (end > start) {
      int cp = text.codePointBefore(end);
      if (!isBlank(cp)) {
        break;
      }
      end -= Character.charCount(cp);
    }
    return text.substring(start, end);
  }

  /** Whether {@code text} is printable Unicode: null-safe form of {@link #unsafeCharacter} == null. */
  public static boolean isPrintableUnicode(String text) {
    return unsafeCharacter(text) == null;
  }

  /**
   * What makes {@code text} unsafe to store and show, or null when nothing does: control characters
   * (PostgreSQL refuses NUL; line breaks break logs and exports), line and paragraph separators,
   * format characters other than the joiners (bidi overrides can disguise text), private-use and
   * noncharacter code points, unassigned code points of the basic plane, and unpaired surrogates
   * (they cannot be encoded as UTF-8, so would not read back the same). Unassigned code points
   * beyond the basic plane are accepted: new emoji arrive there before the JDK's Unicode tables.
   */
  public static String unsafeCharacter(String text) {
    for (int i = 0; i < text.length(); ) {
      char c = text.charAt(i);
      if (Character.isSurrogate(c)
          && !(Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)))) {
        return "invalid Unicode (an unpaired surrogate)";
      }
      int cp = text.codePointAt(i);
      String problem = problem(cp);
      if (problem != null) {
        return problem + String.format(" (U+%04X)", cp);
      }
      i += Character.charCount(cp);
    }
    return null;
  }

  /** Whether some character of {@code text} can be seen: a letter, digit, symbol or punctuation. */
  public static boolean hasVisibleCharacter(String text) {
    return text.codePoints().anyMatch(cp -> {
      int type = Character.getType(cp);
      return Character.isLetterOrDigit(cp)
          || type == Character.MATH_SYMBOL || type == Character.CURRENCY_SYMBOL
          || type == Character.MODIFIER_SYMBOL || type == Character.OTHER_SYMBOL
          || type == Character.CONNECTOR_PUNCTUATION || type == Character.DASH_PUNCTUATION
          || type == Character.START_PUNCTUATION || type == Character.END_PUNCTUATION
          || type == Character.INITIAL_QUOTE_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
          || type == Character.OTHER_PUNCTUATION || type == Character.LETTER_NUMBER
          || type == Character.OTHER_NUMBER
          || (type == Character.UNASSIGNED && cp > 0xFFFF);
    });
  }

  private static boolean isBlank(int cp) {
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.getType(cp) == Character.FORMAT;
  }

  private static String problem(int cp) {
    int type = Character.getType(cp);
    if (type == Character.CONTROL) {
      return "control characters";
    }
    if (type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
      return "line or paragraph separators";
    }
    if (type == Character.FORMAT && cp != ZWNJ && cp != ZWJ && (cp < TAG_FIRST || cp > TAG_LAST)) {
      return "invisible formatting characters";
    }
    if (type == Character.PRIVATE_USE) {
      return "private-use characters";
    }
    if ((cp & 0xFFFE) == 0xFFFE || (cp >= 0xFDD0 && cp <= 0xFDEF)) {
      return "noncharacters";
    }
    if (type == Character.UNASSIGNED && cp <= 0xFFFF) {
      return "unassigned characters";
    }
    return null;
  }
}
