package dev.pcqrses.adapters.pekko.useraccount;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pcqrses.domain.useraccount.EmailAddress;
import dev.pcqrses.domain.useraccount.FirstName;
import dev.pcqrses.domain.useraccount.LastName;
import dev.pcqrses.domain.useraccount.UserAccountCommand;
import dev.pcqrses.domain.useraccount.UserAccountError;
import dev.pcqrses.domain.useraccount.UserAccountId;
import dev.pcqrses.ports.in.CommandOutcome;
import org.junit.jupiter.api.Test;

/** A second attempt after no reply: refusals that only mean "the first attempt was applied" become Accepted. */
class RetryOutcomeTest {
  static final UserAccountId ID = new UserAccountId("01KBN7Q3V0M8ZK4R2YB9C6D1EA");
  static final UserAccountCommand CREATE = new UserAccountCommand.CreateUserAccount(ID, new FirstName("A"),
      new LastName("B"), new EmailAddress("a@example.com"));
  static final UserAccountCommand RENAME = new UserAccountCommand.RenameUserAccount(ID, new FirstName("A"), new LastName("C"));
  static final UserAccountCommand DELETE = new UserAccountCommand.DeleteUserAccount(ID);

  @Test
  void a_create_or_delete_that_the_first_attempt_applied_is_accepted() {
    assertThat(ShardedUserAccounts.afterRetry(CREATE, new CommandOutcome.Rejected(new UserAccountError.AlreadyExists(ID))))
        .isEqualTo(new CommandOutcome.Accepted(ID));
    assertThat(ShardedUserAccounts.afterRetry(DELETE, new CommandOutcome.Rejected(new UserAccountError.AlreadyDeleted(ID))))
        .isEqualTo(new CommandOutcome.Accepted(ID));
  }

  @Test
  void other_refusals_stay_refusals() {
    for (UserAccountCommand command : new UserAccountCommand[] {RENAME, DELETE}) {
      CommandOutcome notFound = new CommandOutcome.Rejected(new UserAccountError.NotFound(ID));
      assertThat(ShardedUserAccounts.afterRetry(command, notFound)).isEqualTo(notFound);
    }
    CommandOutcome deleted = new CommandOutcome.Rejected(new UserAccountError.AlreadyDeleted(ID));
    assertThat(ShardedUserAccounts.afterRetry(RENAME, deleted)).isEqualTo(deleted);
    CommandOutcome exists = new CommandOutcome.Rejected(new UserAccountError.AlreadyExists(ID));
    assertThat(ShardedUserAccounts.afterRetry(DELETE, exists)).isEqualTo(exists);
  }
}
