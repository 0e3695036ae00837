package dev.pcqrses.domain;

/** Checks shared by textual value objects. */
public final class DomainText {
  private DomainText() {}

  /**
   * Whether {@code text} can be stored and sent on unchanged: no control characters (PostgreSQL
   * refuses NUL, and line breaks in names break logs and exports) and no unpaired UTF-16
   * surrogates (they cannot be encoded as UTF-8 and would not read back byte-identical).
   */
  public static boolean isPrintableUnicode(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c)) {
        return false;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
