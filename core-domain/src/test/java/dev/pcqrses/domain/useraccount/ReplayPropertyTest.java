package dev.pcqrses.domain.useraccount;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pcqrses.domain.useraccount.Decision.Accepted;
import dev.pcqrses.domain.useraccount.Decision.Rejected;
import dev.pcqrses.domain.useraccount.UserAccountCommand.CreateUserAccount;
import dev.pcqrses.domain.useraccount.UserAccountCommand.DeleteUserAccount;
import dev.pcqrses.domain.useraccount.UserAccountCommand.RenameUserAccount;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** For random command sequences, replaying the emitted events reproduces the decided state. */
class ReplayPropertyTest {
  static final UserAccountId ID = new UserAccountId("01KBN7Q3V0M8ZK4R2YB9C6D1EA");

  @Property(tries = 500)
  void replaying_the_emitted_events_reproduces_the_state(@ForAll("commandSequences") List<UserAccountCommand> commands) {
    UserAccountState state = UserAccountState.empty();
    List<UserAccountEvent> journal = new ArrayList<>();
    Instant clock = Instant.parse("2026-12-03T00:00:00Z");
    int n = 0;
    for (UserAccountCommand command : commands) {
      clock = clock.plusMillis(7);
      DecisionContext ctx = new DecisionContext(eventId(++n), clock, EventMetadata.ofCorrelationId("c" + n));
      Decision decision = UserAccountAggregate.decide(state, command, ctx);
      if (decision instanceof Accepted accepted) {
        for (UserAccountEvent event : accepted.events()) {
          state = UserAccountAggregate.apply(state, event);
          journal.add(event);
        }
      } else {
        // A refusal never changes anything, and is explained by the state.
        UserAccountError error = ((Rejected) decision).error();
        assertThat(error.userAccountId()).isEqualTo(ID);
        assertThat(expectedRefusal(state, command)).isEqualTo(error);
      }
      assertThat(UserAccountAggregate.replay(journal)).isEqualTo(state);
    }
    // At most one creation and one deletion, and nothing after a deletion.
    assertThat(journal.stream().filter(UserAccountCreated.class::isInstance).count()).isLessThanOrEqualTo(1);
    long deletions = journal.stream().filter(UserAccountDeleted.class::isInstance).count();
    assertThat(deletions).isLessThanOrEqualTo(1);
    if (deletions == 1) {
      assertThat(journal.get(journal.size() - 1)).isInstanceOf(UserAccountDeleted.class);
    }
  }

  private static UserAccountError expectedRefusal(UserAccountState state, UserAccountCommand command) {
    if (command instanceof CreateUserAccount) {
      return new UserAccountError.AlreadyExists(ID);
    }
    return state instanceof UserAccountState.Deleted
        ? new UserAccountError.AlreadyDeleted(ID)
        : new UserAccountError.NotFound(ID);
  }

  private static EventId eventId(int n) {
    return new EventId("01KBN7R" + String.format("%019d", n));
  }

  @Provide
  Arbitrary<List<UserAccountCommand>> commandSequences() {
    Arbitrary<FirstName> first = Arbitraries.of("Ann", "太郎", "😀", "Zoë").map(FirstName::new);
    Arbitrary<LastName> last = Arbitraries.of("Lee", "山田", "O'Brien").map(LastName::new);
    Arbitrary<UserAccountCommand> create = Arbitraries.of("a@example.com", "b@example.org")
        .map(e -> new CreateUserAccount(ID, new FirstName("Ann"), new LastName("Lee"), new EmailAddress(e)));
    Arbitrary<UserAccountCommand> rename = first.flatMap(f -> last.map(l -> new RenameUserAccount(ID, f, l)));
    Arbitrary<UserAccountCommand> delete = Arbitraries.just(new DeleteUserAccount(ID));
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(2, create), net.jqwik.api.Tuple.of(6, rename), net.jqwik.api.Tuple.of(1, delete))
        .list().ofMinSize(1).ofMaxSize(30);
  }
}
