package dev.pcqrses.domain.useraccount;

import java.util.Objects;

/**
 * What a client asks of one user account. Commands hold validated value objects only: an invalid
 * command cannot be constructed.
 */
public sealed interface UserAccountCommand {

  UserAccountId userAccountId();

  /** Bring a new account into being. */
  record CreateUserAccount(
      UserAccountId userAccountId, FirstName firstName, LastName lastName, EmailAddress emailAddress)
      implements UserAccountCommand {
    public CreateUserAccount {
      Objects.requireNonNull(userAccountId, "userAccountId");
      Objects.requireNonNull(firstName, "firstName");
      Objects.requireNonNull(lastName, "lastName");
      Objects.requireNonNull(emailAddress, "emailAddress");
    }
  }

  /** Change an existing account's name. */
  record RenameUserAccount(UserAccountId userAccountId, FirstName firstName, LastName lastName)
      implements UserAccountCommand {
    public RenameUserAccount {
      Objects.requireNonNull(userAccountId, "userAccountId");
      Objects.requireNonNull(firstName, "firstName");
      Objects.requireNonNull(lastName, "lastName");
    }
  }

  /** Delete an existing account, for good. */
  record DeleteUserAccount(UserAccountId userAccountId) implements UserAccountCommand {
    public DeleteUserAccount {
      Objects.requireNonNull(userAccountId, "userAccountId");
    }
  }
}
