package dev.pcqrses.domain.useraccount;

/** Why the aggregate refused a command. A value, not an exception. */
public sealed interface UserAccountError {

  UserAccountId userAccountId();

  /** Create was sent for an id whose stream already has events. */
  record AlreadyExists(UserAccountId userAccountId) implements UserAccountError {}

  /** Rename or delete was sent for an id that was never created. */
  record NotFound(UserAccountId userAccountId) implements UserAccountError {}

  /** Rename or delete was sent for an account that is deleted. */
  record AlreadyDeleted(UserAccountId userAccountId) implements UserAccountError {}
}
