package dev.pcqrses.domain.useraccount;

import dev.pcqrses.domain.Ulid;
import dev.pcqrses.domain.Validated;

/**
 * Identifies one user account: a ULID in canonical (upper-case) form.
 *
 * @param value the 26-character ULID
 */
public record UserAccountId(String value) {
  /** The prefix of the aggregate's persistence id: {@code UserAccount|<ulid>}. */
  public static final String PERSISTENCE_ID_PREFIX = "UserAccount|";

  public UserAccountId {
    if (!Ulid.isValid(value)) {
      throw new IllegalArgumentException("not a ULID");
    }
    value = Ulid.canonical(value);
  }

  /** Reads an id sent by a client, reporting a violation on {@code field} if it is not a ULID. */
  public static Validated<UserAccountId> parse(String field, String raw) {
    if (raw == null || !Ulid.isValid(raw.strip())) {
      return Validated.invalid(field, "must be a ULID (26 characters of Crockford base 32)");
    }
    return Validated.valid(new UserAccountId(raw.strip()));
  }

  /** The persistence id of this account's event stream. */
  public String persistenceId() {
    return PERSISTENCE_ID_PREFIX + value;
  }

  /** The account id inside a persistence id, if it is one of ours. */
  public static java.util.Optional<UserAccountId> fromPersistenceId(String persistenceId) {
    if (persistenceId == null || !persistenceId.startsWith(PERSISTENCE_ID_PREFIX)) {
      return java.util.Optional.empty();
    }
    String id = persistenceId.substring(PERSISTENCE_ID_PREFIX.length());
    return Ulid.isValid(id) ? java.util.Optional.of(new UserAccountId(id)) : java.util.Optional.empty();
  }

  @Override
  public String toString() {
    return value;
  }
}
