package dev.pcqrses.ports.in;

import java.util.concurrent.CompletionStage;

/** Inbound port: the commands a client may send about user accounts, with raw (unvalidated) input. */
public interface UserAccountCommands {

  /** Creates an account; on success the outcome carries its new id. */
  CompletionStage<CommandOutcome> createUserAccount(CreateUserAccountInput input, RequestContext context);

  /** Renames an existing account. */
  CompletionStage<CommandOutcome> renameUserAccount(RenameUserAccountInput input, RequestContext context);

  /** Deletes an existing account, for good. */
  CompletionStage<CommandOutcome> deleteUserAccount(DeleteUserAccountInput input, RequestContext context);

  /** Raw input of {@link #createUserAccount}; any field may be null or invalid. */
  record CreateUserAccountInput(String firstName, String lastName, String emailAddress) {}

  /** Raw input of {@link #renameUserAccount}; any field may be null or invalid. */
  record RenameUserAccountInput(String userAccountId, String firstName, String lastName) {}

  /** Raw input of {@link #deleteUserAccount}; the id may be null or invalid. */
  record DeleteUserAccountInput(String userAccountId) {}
}
