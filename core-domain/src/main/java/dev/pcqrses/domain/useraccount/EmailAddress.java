package dev.pcqrses.domain.useraccount;

import dev.pcqrses.domain.Validated;

/**
 * An e-mail address: at most 254 characters, one {@code @}, a local part of 1 to 64 characters
 * (RFC 5322 "atext" and dots, no leading, trailing or double dot) and a domain of dot-separated
 * labels (letters, digits and hyphens, 1 to 63 characters, no leading or trailing hyphen; at
 * least two labels). Only ASCII: internationalised domains are accepted in their punycode form.
 *
 * <p>{@link #toString()} masks the address, so that it does not end up in logs by accident.
 *
 * @param value the trimmed address, as given
 */
public record EmailAddress(String value) {
  /** Longest address (RFC 5321 path limit less the angle brackets). */
  public static final int MAX_LENGTH = 254;
  /** Longest local part (RFC 5321). */
  public static final int MAX_LOCAL_PART_LENGTH = 64;

  private static final String ATEXT_SPECIALS = "!#$%&'*+/=?^_`{|}~-";

  public EmailAddress {
    String problem = problem(value);
    if (problem != null) {
      throw new IllegalArgumentException("invalid e-mail address: " + problem);
    }
  }

  /** Reads an address sent by a client (trimming it), or reports why it is not acceptable. */
  public static Validated<EmailAddress> parse(String field, String raw) {
    String trimmed = raw == null ? null : raw.strip();
    String problem = problem(trimmed);
    return problem == null ? Validated.valid(new EmailAddress(trimmed)) : Validated.invalid(field, problem);
  }

  /** Why {@code text} is not an acceptable address, or null when it is. */
  static String problem(String text) {
    if (text == null) {
      return "is required";
    }
    if (text.isEmpty()) {
      return "must not be empty";
    }
    if (text.length() > MAX_LENGTH) {
      return "must be at most " + MAX_LENGTH + " characters";
    }
    int at = text.indexOf('@');
    if (at < 0 || text.indexOf('@', at + 1) >= 0) {
      return "must contain exactly one '@'";
    }
    String local = text.substring(0, at);
    String domain = text.substring(at + 1);
    if (local.isEmpty() || local.length() > MAX_LOCAL_PART_LENGTH) {
      return "must have a local part of 1 to " + MAX_LOCAL_PART_LENGTH + " characters before '@'";
    }
    if (!isDotAtom(local)) {
      return "has a local part with characters or dots that are not allowed";
    }
    if (!isDomain(domain)) {
      return "must have a domain of dot-separated labels after '@' (e.g. example.com)";
    }
    return null;
  }

  private static boolean isDotAtom(String local) {
    if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
      return false;
    }
    for (int i = 0; i < local.length(); i++) {
      char c = local.charAt(i);
      boolean ok = isAsciiLetterOrDigit(c) || c == '.' || ATEXT_SPECIALS.indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDomain(String domain) {
    if (domain.isEmpty() || domain.endsWith(".")) {
      return false;
    }
    String[] labels = domain.split("\\.", -1);
    if (labels.length < 2) {
      return false;
    }
    for (String label : labels) {
      if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
        return false;
      }
      for (int i = 0; i < label.length(); i++) {
        char c = label.charAt(i);
        if (!isAsciiLetterOrDigit(c) && c != '-') {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /** A masked form for logs: first character of the local part, then {@code ***@domain}. */
  public String masked() {
    int at = value.indexOf('@');
    return value.charAt(0) + "***" + value.substring(at);
  }

  @Override
  public String toString() {
    return masked();
  }
}
