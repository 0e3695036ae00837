package dev.pcqrses.domain.useraccount;

import dev.pcqrses.domain.useraccount.Decision.Accepted;
import dev.pcqrses.domain.useraccount.Decision.Rejected;
import dev.pcqrses.domain.useraccount.UserAccountCommand.CreateUserAccount;
import dev.pcqrses.domain.useraccount.UserAccountCommand.DeleteUserAccount;
import dev.pcqrses.domain.useraccount.UserAccountCommand.RenameUserAccount;
import dev.pcqrses.domain.useraccount.UserAccountState.Active;
import dev.pcqrses.domain.useraccount.UserAccountState.Deleted;
import dev.pcqrses.domain.useraccount.UserAccountState.Empty;
import java.util.List;

/**
 * The UserAccount aggregate as two pure functions: {@link #decide} turns a command and the current
 * state into events or a refusal, {@link #apply} folds an event into the state. Any runtime (a
 * Pekko entity, a test, a Lambda) can host them.
 */
public final class UserAccountAggregate {
  private UserAccountAggregate() {}

  /** Decides what {@code command} means for an account in {@code state}. */
  public static Decision decide(UserAccountState state, UserAccountCommand command, DecisionContext ctx) {
    if (!(state instanceof Empty) && !accountOf(state).id().equals(command.userAccountId())) {
      throw new IllegalArgumentException("command for another account");
    }
    if (command instanceof CreateUserAccount create) {
      return decideCreate(state, create, ctx);
    }
    if (command instanceof RenameUserAccount rename) {
      return decideRename(state, rename, ctx);
    }
    return decideDelete(state, (DeleteUserAccount) command, ctx);
  }

  private static Decision decideCreate(UserAccountState state, CreateUserAccount c, DecisionContext ctx) {
    if (!(state instanceof Empty)) {
      return new Rejected(new UserAccountError.AlreadyExists(c.userAccountId()));
    }
    return accept(new UserAccountCreated(
        ctx.newEventId(), c.userAccountId(), c.firstName(), c.lastName(), c.emailAddress(), ctx.now(),
        ctx.metadata()));
  }

  private static Decision decideRename(UserAccountState state, RenameUserAccount c, DecisionContext ctx) {
    if (!(state instanceof Active active)) {
      return refuseInactive(state, c.userAccountId());
    }
    if (active.account().hasName(c.firstName(), c.lastName())) {
      return new Accepted(List.of()); // nothing changes, so nothing is recorded
    }
    return accept(new UserAccountRenamed(
        ctx.newEventId(), c.userAccountId(), c.firstName(), c.lastName(), ctx.now(), ctx.metadata()));
  }

  private static Decision decideDelete(UserAccountState state, DeleteUserAccount c, DecisionContext ctx) {
    if (!(state instanceof Active)) {
      return refuseInactive(state, c.userAccountId());
    }
    return accept(new UserAccountDeleted(ctx.newEventId(), c.userAccountId(), ctx.now(), ctx.metadata()));
  }

  private static Decision refuseInactive(UserAccountState state, UserAccountId id) {
    return state instanceof Deleted
        ? new Rejected(new UserAccountError.AlreadyDeleted(id))
        : new Rejected(new UserAccountError.NotFound(id));
  }

  private static Decision accept(UserAccountEvent event) {
    return new Accepted(List.of(event));
  }

  /**
   * Folds one event into the state. Events are facts: an event that cannot follow the state means
   * the stream is corrupt, and that is reported loudly rather than silently ignored.
   */
  public static UserAccountState apply(UserAccountState state, UserAccountEvent event) {
    if (event instanceof UserAccountCreated e) {
      if (!(state instanceof Empty)) {
        throw corrupt(e, state);
      }
      return new Active(new UserAccount(
          e.userAccountId(), e.firstName(), e.lastName(), e.emailAddress(), e.occurredAt(), e.occurredAt()));
    }
    if (!(state instanceof Active active)) {
      throw corrupt(event, state);
    }
    if (event instanceof UserAccountRenamed e) {
      return new Active(active.account().renamed(e.firstName(), e.lastName(), e.occurredAt()));
    }
    return new Deleted(active.account(), event.occurredAt());
  }

  /** Folds a whole stream, from the empty state. */
  public static UserAccountState replay(Iterable<? extends UserAccountEvent> events) {
    UserAccountState state = UserAccountState.empty();
    for (UserAccountEvent event : events) {
      state = apply(state, event);
    }
    return state;
  }

  private static UserAccount accountOf(UserAccountState state) {
    if (state instanceof Active active) {
      return active.account();
    }
    if (state instanceof Deleted deleted) {
      return deleted.account();
    }
    throw new IllegalStateException("an empty state holds no account");
  }

  private static IllegalStateException corrupt(UserAccountEvent event, UserAccountState state) {
    String where = state instanceof Empty ? "a non-existent" : state instanceof Active ? "an active" : "a deleted";
    return new IllegalStateException(
        event.getClass().getSimpleName() + " cannot follow " + where + " account " + event.userAccountId());
  }
}
