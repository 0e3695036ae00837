package dev.pcqrses.ports.service;

import dev.pcqrses.domain.Ulid;
import dev.pcqrses.domain.useraccount.UserAccountId;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Opaque paging cursors: base64url of a versioned key, so that clients do not build them and the
 * format can change behind the version prefix.
 */
final class Cursor {
  private static final String PREFIX = "v1:";

  private Cursor() {}

  static String encode(UserAccountId lastId) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((PREFIX + lastId.value()).getBytes(StandardCharsets.US_ASCII));
  }

  /** The id inside a cursor, or empty if the text is not one of ours. */
  static Optional<UserAccountId> decode(String cursor) {
    if (cursor.length() > 64) {
      return Optional.empty();
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
      if (!text.startsWith(PREFIX) || !Ulid.isValid(text.substring(PREFIX.length()))) {
        return Optional.empty();
      }
      return Optional.of(new UserAccountId(text.substring(PREFIX.length())));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
