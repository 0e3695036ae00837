package dev.pcqrses.adapters.http.logging;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces e-mail addresses in log text with {@link #MASK}. The pattern covers every address the
 * domain accepts ({@code EmailAddress}: a dot-atom local part of RFC 5322 "atext", domain labels of
 * letters, digits and hyphens, at least two of them), in either case, anywhere inside a longer
 * string. The match takes the longest run of local-part characters before the {@code @}: in
 * {@code user=john@example.com} the whole {@code user=john} is masked, since {@code =} may be part of
 * an address.
 *
 * <p>Text that holds JSON string escapes (a backslash and one of {@code " \ / b f n r t}, or
 * {@code u} and four hex digits) is also read with the escapes decoded, so that an address next to
 * an escaped newline or quote, or with its {@code @} written as an escape, is found; what either
 * reading finds is masked. In {@linkplain #maskJson JSON text} a mask never cuts an escape in two.
 *
 * <p>Not masked: the system name of a Pekko address ({@code pekko://system@10.0.0.1:25520}), and an
 * address split over several writes. Any other URL with an {@code @} in it is masked from its
 * {@code //} on (over-masking rather than leaking the user part or a query parameter).
 */
public final class EmailMasking {
  /** What an address is replaced with. */
  public static final String MASK = "***@***";

  private static final String LOCAL = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]";
  private static final String LABEL = "[A-Za-z0-9-]++";
  /**
   * Starts where a run of local-part characters starts (never inside one: that keeps matching
   * linear on long runs without an {@code @}), or right where the previous address ended (an address
   * glued to the one before it, {@code a@x.com|b@y.com}); not the system part of a Pekko address
   * ({@code pekko://system@host:port}).
   */
  static final Pattern ADDRESS = Pattern.compile(
      "(?:(?<!" + LOCAL + ")|\\G)(?!(?<=pekko:|pekko\\.tcp:)//)" + LOCAL + "++@" + LABEL + "(?:\\." + LABEL + ")+");

  private EmailMasking() {}

  /** {@code text} with every address masked; the same instance when there is none. */
  public static String mask(String text) {
    return mask(text, false);
  }

  /**
   * Like {@link #mask(String)}, for JSON text written as is (raw values): a masked range never
   * starts on the character after a backslash, so the result stays valid JSON.
   */
  public static String maskJson(String json) {
    return mask(json, true);
  }

  private static String mask(String text, boolean keepEscapesWhole) {
    if (text == null) {
      return null;
    }
    boolean escapes = text.indexOf('\\') >= 0;
    if (text.indexOf('@') < 0 && !escapes) {
      return text;
    }
    List<int[]> ranges = new ArrayList<>();
    Matcher plain = ADDRESS.matcher(text);
    while (plain.find()) {
      int start = plain.start();
      if (keepEscapesWhole && escapedAt(text, start)) {
        // The decoded reading below finds the address without the escape in front of it.
        start += Math.max(1, escapeLength(text, start - 1) - 1);
      }
      if (start < plain.end()) {
        ranges.add(new int[] {start, plain.end()});
      }
    }
    if (escapes) {
      addDecodedMatches(text, ranges);
    }
    return ranges.isEmpty() ? text : replace(text, ranges);
  }

  /** Finds addresses in {@code text} with its JSON escapes decoded, as ranges of {@code text}. */
  private static void addDecodedMatches(String text, List<int[]> ranges) {
    StringBuilder decoded = new StringBuilder(text.length());
    int[] origin = new int[text.length() + 1];
    int i = 0;
    while (i < text.length()) {
      origin[decoded.length()] = i;
      int length = escapeLength(text, i);
      if (length == 6) {
        decoded.append((char) Integer.parseInt(text, i + 2, i + 6, 16));
      } else if (length == 2) {
        decoded.append(unescape(text.charAt(i + 1)));
      } else {
        decoded.append(text.charAt(i));
        length = 1;
      }
      i += length;
    }
    origin[decoded.length()] = text.length();
    if (decoded.length() == text.length() || decoded.indexOf("@") < 0) {
      return;
    }
    Matcher m = ADDRESS.matcher(decoded);
    while (m.find()) {
      ranges.add(new int[] {origin[m.start()], origin[m.end()]});
    }
  }

  /** 6 for a unicode escape at {@code i}, 2 for a short one, 0 when there is no escape there. */
  private static int escapeLength(String text, int i) {
    if (text.charAt(i) != '\\' || i + 1 >= text.length()) {
      return 0;
    }
    char c = text.charAt(i + 1);
    if (c == 'u') {
      return i + 6 <= text.length() && isHex(text, i + 2, i + 6) ? 6 : 0;
    }
    return "\"\\/bfnrt".indexOf(c) >= 0 ? 2 : 0;
  }

  private static boolean isHex(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (Character.digit(text.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  private static char unescape(char c) {
    return switch (c) {
      case 'b' -> '\b';
      case 'f' -> '\f';
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      default -> c;
    };
  }

  /** Whether {@code text.charAt(index)} is the character of an escape (odd number of backslashes before it). */
  private static boolean escapedAt(String text, int index) {
    int backslashes = 0;
    for (int i = index - 1; i >= 0 && text.charAt(i) == '\\'; i--) {
      backslashes++;
    }
    return backslashes % 2 == 1;
  }

  private static String replace(String text, List<int[]> ranges) {
    ranges.sort((a, b) -> Integer.compare(a[0], b[0]));
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    int[] current = null;
    for (int[] r : ranges) {
      if (current != null && r[0] <= current[1]) {
        current[1] = Math.max(current[1], r[1]);
        continue;
      }
      if (current != null) {
        out.append(text, copied, current[0]).append(MASK);
        copied = current[1];
      }
      current = new int[] {r[0], r[1]};
    }
    out.append(text, copied, current[0]).append(MASK).append(text, current[1], text.length());
    return out.toString();
  }
}
