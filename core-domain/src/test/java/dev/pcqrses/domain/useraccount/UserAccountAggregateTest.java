package dev.pcqrses.domain.useraccount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pcqrses.domain.useraccount.Decision.Accepted;
import dev.pcqrses.domain.useraccount.Decision.Rejected;
import dev.pcqrses.domain.useraccount.UserAccountCommand.CreateUserAccount;
import dev.pcqrses.domain.useraccount.UserAccountCommand.DeleteUserAccount;
import dev.pcqrses.domain.useraccount.UserAccountCommand.RenameUserAccount;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserAccountAggregateTest {
  static final UserAccountId ID = new UserAccountId("01KBN7Q3V0M8ZK4R2YB9C6D1EA");
  static final Instant T0 = Instant.parse("2026-12-03T10:15:30.123456Z");
  static final DecisionContext CTX =
      new DecisionContext(new EventId("01KBN7R0000000000000000001"), T0, EventMetadata.ofCorrelationId("corr-1"));

  static CreateUserAccount create() {
    return new CreateUserAccount(ID, new FirstName("太郎"), new LastName("山田"), new EmailAddress("yamada@example.com"));
  }

  static UserAccountState active() {
    return UserAccountAggregate.replay(events(UserAccountState.empty(), create()));
  }

  static List<UserAccountEvent> events(UserAccountState state, UserAccountCommand command) {
    return ((Accepted) UserAccountAggregate.decide(state, command, CTX)).events();
  }

  @Test
  void create_on_an_empty_stream_records_one_event_with_millisecond_time_and_metadata() {
    List<UserAccountEvent> events = events(UserAccountState.empty(), create());
    assertThat(events).singleElement().isInstanceOfSatisfying(UserAccountCreated.class, e -> {
      assertThat(e.userAccountId()).isEqualTo(ID);
      assertThat(e.firstName().value()).isEqualTo("太郎");
      assertThat(e.occurredAt()).isEqualTo(Instant.parse("2026-12-03T10:15:30.123Z"));
      assertThat(e.metadata().correlationId()).isEqualTo("corr-1");
      assertThat(e.eventId()).isEqualTo(CTX.newEventId());
    });
    UserAccountState state = UserAccountAggregate.replay(events);
    assertThat(state).isInstanceOfSatisfying(UserAccountState.Active.class, a -> {
      assertThat(a.account().createdAt()).isEqualTo(a.account().updatedAt());
      assertThat(a.account().emailAddress().value()).isEqualTo("yamada@example.com");
    });
  }

  @Test
  void create_twice_is_refused() {
    assertThat(UserAccountAggregate.decide(active(), create(), CTX))
        .isEqualTo(new Rejected(new UserAccountError.AlreadyExists(ID)));
  }

  @Test
  void rename_and_delete_of_an_unknown_account_are_not_found() {
    UserAccountState empty = UserAccountState.empty();
    assertThat(UserAccountAggregate.decide(empty, new RenameUserAccount(ID, new FirstName("B"), new LastName("C")), CTX))
        .isEqualTo(new Rejected(new UserAccountError.NotFound(ID)));
    assertThat(UserAccountAggregate.decide(empty, new DeleteUserAccount(ID), CTX))
        .isEqualTo(new Rejected(new UserAccountError.NotFound(ID)));
  }

  @Test
  void rename_changes_the_name_and_the_update_time_only() {
    UserAccountState before = active();
    Instant later = T0.plusSeconds(5);
    DecisionContext ctx = new DecisionContext(new EventId("01KBN7R0000000000000000002"), later, EventMetadata.NONE);
    Decision decision = UserAccountAggregate.decide(before, new RenameUserAccount(ID, new FirstName("次郎"), new LastName("田中")), ctx);
    UserAccountState after = UserAccountAggregate.apply(before, ((Accepted) decision).events().get(0));
    UserAccount a = ((UserAccountState.Active) after).account();
    UserAccount b = ((UserAccountState.Active) before).account();
    assertThat(a.firstName().value()).isEqualTo("次郎");
    assertThat(a.lastName().value()).isEqualTo("田中");
    assertThat(a.createdAt()).isEqualTo(b.createdAt());
    assertThat(a.updatedAt()).isEqualTo(later.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    assertThat(a.emailAddress()).isEqualTo(b.emailAddress());
  }

  @Test
  void renaming_to_the_same_name_records_nothing() {
    CreateUserAccount c = create();
    assertThat(UserAccountAggregate.decide(active(), new RenameUserAccount(ID, c.firstName(), c.lastName()), CTX))
        .isEqualTo(new Accepted(List.of()));
  }

  @Test
  void a_deleted_account_stays_deleted() {
    UserAccountState deleted = UserAccountAggregate.apply(active(), events(active(), new DeleteUserAccount(ID)).get(0));
    assertThat(deleted).isInstanceOf(UserAccountState.Deleted.class);
    assertThat(UserAccountAggregate.decide(deleted, new DeleteUserAccount(ID), CTX))
        .isEqualTo(new Rejected(new UserAccountError.AlreadyDeleted(ID)));
    assertThat(UserAccountAggregate.decide(deleted, new RenameUserAccount(ID, new FirstName("B"), new LastName("C")), CTX))
        .isEqualTo(new Rejected(new UserAccountError.AlreadyDeleted(ID)));
    assertThat(UserAccountAggregate.decide(deleted, create(), CTX))
        .isEqualTo(new Rejected(new UserAccountError.AlreadyExists(ID)));
  }

  @Test
  void an_event_that_cannot_follow_the_state_is_reported_as_corruption() {
    UserAccountEvent renamed = new UserAccountRenamed(CTX.newEventId(), ID, new FirstName("B"), new LastName("C"),
        CTX.now(), EventMetadata.NONE);
    assertThatThrownBy(() -> UserAccountAggregate.apply(UserAccountState.empty(), renamed))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("non-existent");
    UserAccountEvent created = events(UserAccountState.empty(), create()).get(0);
    assertThatThrownBy(() -> UserAccountAggregate.apply(active(), created)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void a_command_for_another_account_is_a_programming_error() {
    UserAccountId other = new UserAccountId("01KBN7Q3V1XG5T0H7W3S8N2PQB");
    assertThatThrownBy(() -> UserAccountAggregate.decide(active(), new DeleteUserAccount(other), CTX))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void events_refuse_sub_millisecond_times() {
    assertThatThrownBy(() -> new UserAccountDeleted(CTX.newEventId(), ID, T0, EventMetadata.NONE))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
