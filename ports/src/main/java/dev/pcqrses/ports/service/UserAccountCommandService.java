package dev.pcqrses.ports.service;

import dev.pcqrses.domain.Validated;
import dev.pcqrses.domain.Violation;
import dev.pcqrses.domain.useraccount.EmailAddress;
import dev.pcqrses.domain.useraccount.EventMetadata;
import dev.pcqrses.domain.useraccount.FirstName;
import dev.pcqrses.domain.useraccount.LastName;
import dev.pcqrses.domain.useraccount.UserAccountCommand;
import dev.pcqrses.domain.useraccount.UserAccountId;
import dev.pcqrses.ports.in.CommandOutcome;
import dev.pcqrses.ports.in.RequestContext;
import dev.pcqrses.ports.in.UserAccountCommands;
import dev.pcqrses.ports.out.CommandPort;
import dev.pcqrses.ports.out.IdGenerator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Validates raw command input into domain commands (reporting every broken rule at once), gives
 * new accounts their id, and hands the command to the {@link CommandPort}. Invalid input never
 * reaches the aggregate, so nothing is journaled for it.
 */
public final class UserAccountCommandService implements UserAccountCommands {
  private final CommandPort commandPort;
  private final IdGenerator idGenerator;

  public UserAccountCommandService(CommandPort commandPort, IdGenerator idGenerator) {
    this.commandPort = Objects.requireNonNull(commandPort, "commandPort");
    this.idGenerator = Objects.requireNonNull(idGenerator, "idGenerator");
  }

  @Override
  public CompletionStage<CommandOutcome> createUserAccount(CreateUserAccountInput input, RequestContext context) {
    Validated<FirstName> first = FirstName.parse("firstName", input.firstName());
    Validated<LastName> last = LastName.parse("lastName", input.lastName());
    Validated<EmailAddress> email = EmailAddress.parse("emailAddress", input.emailAddress());
    List<Violation> violations = Validated.violationsOf(first, last, email);
    if (!violations.isEmpty()) {
      return invalid(violations);
    }
    return submit(new UserAccountCommand.CreateUserAccount(
        idGenerator.newUserAccountId(), first.value(), last.value(), email.value()), context);
  }

  @Override
  public CompletionStage<CommandOutcome> renameUserAccount(RenameUserAccountInput input, RequestContext context) {
    Validated<UserAccountId> id = UserAccountId.parse("userAccountId", input.userAccountId());
    Validated<FirstName> first = FirstName.parse("firstName", input.firstName());
    Validated<LastName> last = LastName.parse("lastName", input.lastName());
    List<Violation> violations = Validated.violationsOf(id, first, last);
    if (!violations.isEmpty()) {
      return invalid(violations);
    }
    return submit(new UserAccountCommand.RenameUserAccount(id.value(), first.value(), last.value()), context);
  }

  @Override
  public CompletionStage<CommandOutcome> deleteUserAccount(DeleteUserAccountInput input, RequestContext context) {
    Validated<UserAccountId> id = UserAccountId.parse("userAccountId", input.userAccountId());
    if (!id.isValid()) {
      return invalid(Validated.violationsOf(id));
    }
    return submit(new UserAccountCommand.DeleteUserAccount(id.value()), context);
  }

  private CompletionStage<CommandOutcome> submit(UserAccountCommand command, RequestContext context) {
    return commandPort.submit(command, EventMetadata.ofCorrelationId(context.correlationId()));
  }

  private static CompletionStage<CommandOutcome> invalid(List<Violation> violations) {
    return CompletableFuture.completedFuture(new CommandOutcome.Invalid(violations));
  }
}
