package dev.pcqrses.domain.useraccount;

import java.time.Instant;
import java.util.Objects;

/** Where one account's life stands: not yet created, active, or deleted (for good). */
public sealed interface UserAccountState {

  /** The state of every stream before its first event. */
  static UserAccountState empty() {
    return Empty.INSTANCE;
  }

  /** No event yet: the account does not exist. */
  enum Empty implements UserAccountState {
    INSTANCE
  }

  /** The account exists. */
  record Active(UserAccount account) implements UserAccountState {
    public Active {
      Objects.requireNonNull(account, "account");
    }
  }

  /** The account was deleted; it keeps its last known data for audit. */
  record Deleted(UserAccount account, Instant deletedAt) implements UserAccountState {
    public Deleted {
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(deletedAt, "deletedAt");
    }
  }
}
