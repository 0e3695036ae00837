package dev.pcqrses.adapters.pekko;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pcqrses.adapters.pekko.useraccount.ShardedUserAccounts;
import dev.pcqrses.adapters.pekko.useraccount.UserAccountEntity;
import dev.pcqrses.adapters.pekko.useraccount.UlidIdGenerator;
import dev.pcqrses.adapters.pekko.useraccount.UserAccountSettings;
import dev.pcqrses.adapters.pekko.useraccount.UserAccountTags;
import dev.pcqrses.domain.useraccount.EmailAddress;
import dev.pcqrses.domain.useraccount.EventMetadata;
import dev.pcqrses.domain.useraccount.FirstName;
import dev.pcqrses.domain.useraccount.LastName;
import dev.pcqrses.domain.useraccount.UserAccountCommand;
import dev.pcqrses.domain.useraccount.UserAccountCommand.CreateUserAccount;
import dev.pcqrses.domain.useraccount.UserAccountCommand.DeleteUserAccount;
import dev.pcqrses.domain.useraccount.UserAccountCommand.RenameUserAccount;
import dev.pcqrses.domain.useraccount.UserAccountError;
import dev.pcqrses.domain.useraccount.UserAccountId;
import dev.pcqrses.ports.contract.Json;
import dev.pcqrses.ports.in.CommandOutcome;
import dev.pcqrses.ports.out.CommandPort;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sharded, event-sourced entity on the real JDBC journal in PostgreSQL. */
class UserAccountEntityTest {
  static final UlidIdGenerator IDS = new UlidIdGenerator();
  static final int SLICES = 3;
  static ActorSystem<Void> system;
  static UserAccountSettings settings;
  static CommandPort accounts;

  @BeforeAll
  static void start() {
    system = TestPekko.start("entity-test", "pcqrses.user-account.tag-slices = " + SLICES
        + "\npcqrses.user-account.snapshot-every = 10");
    settings = UserAccountSettings.fromConfig(system.settings().config(), Duration.ofSeconds(10));
    accounts = ShardedUserAccounts.init(system, settings, IDS, Clock.systemUTC(), new SimpleMeterRegistry());
  }

  @AfterAll
  static void stop() {
    TestPekko.stop(system);
  }

  static CommandOutcome send(UserAccountCommand command) {
    return send(accounts, command, EventMetadata.NONE);
  }

  static CommandOutcome send(CommandPort port, UserAccountCommand command, EventMetadata metadata) {
    return port.submit(command, metadata).toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).join();
  }

  static CreateUserAccount create(UserAccountId id) {
    return new CreateUserAccount(id, new FirstName("太郎"), new LastName("山田"), new EmailAddress("yamada@example.com"));
  }

  static RenameUserAccount rename(UserAccountId id, String first) {
    return new RenameUserAccount(id, new FirstName(first), new LastName("Lee"));
  }

  @Test
  void journals_accepted_commands_as_contract_json_tagged_by_slice() {
    UserAccountId id = IDS.newUserAccountId();
    assertThat(send(accounts, create(id), EventMetadata.ofCorrelationId("corr-42")))
        .isEqualTo(new CommandOutcome.Accepted(id));
    assertThat(send(rename(id, "Ann"))).isEqualTo(new CommandOutcome.Accepted(id));
    assertThat(send(new DeleteUserAccount(id))).isEqualTo(new CommandOutcome.Accepted(id));

    List<Journal.Row> rows = Journal.rows(id.persistenceId());
    assertThat(rows).extracting(Journal.Row::sequenceNr).containsExactly(1L, 2L, 3L);
    assertThat(rows).extracting(Journal.Row::serializerId).containsOnly(9001);
    assertThat(rows).extracting(Journal.Row::manifest)
        .containsExactly("UserAccountCreated.v1", "UserAccountRenamed.v1", "UserAccountDeleted.v1");
    String tag = UserAccountTags.tagFor(id.persistenceId(), SLICES);
    assertThat(rows).allSatisfy(r -> assertThat(r.tags()).containsExactly(tag));
    Map<String, Object> created = Json.parseObject(rows.get(0).payload());
    assertThat(created.get("userAccountId")).isEqualTo(id.value());
    assertThat(created.get("firstName")).isEqualTo("太郎");
    assertThat(created.get("metadata")).isEqualTo(Map.of("correlationId", "corr-42"));
  }

  @Test
  void callers_continue_on_a_dispatcher_thread_not_on_a_thread_started_per_command() {
    // Pekko's ask hands out Scala's CompletableFuture, whose thenApply runs on CompletableFuture's
    // default executor: a new thread per callback on a machine with fewer than 3 cores (found by JFR
    // under load: 356 threads started per second), the common pool's workers elsewhere.
    String caller = Thread.currentThread().getName();
    for (int i = 0; i < 20; i++) {
      String thread = accounts.submit(create(IDS.newUserAccountId()), EventMetadata.NONE)
          .thenApply(outcome -> Thread.currentThread().getName())
          .toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).join();
      assertThat(thread).satisfiesAnyOf(
          name -> assertThat(name).contains("entity-test-pekko.actor.default-dispatcher"),
          name -> assertThat(name).isEqualTo(caller)); // already complete: runs where it is called
    }
  }

  @Test
  void refusals_are_replied_and_journal_nothing() {
    UserAccountId id = IDS.newUserAccountId();
    assertThat(send(rename(id, "B"))).isEqualTo(new CommandOutcome.Rejected(new UserAccountError.NotFound(id)));
    assertThat(send(new DeleteUserAccount(id))).isEqualTo(new CommandOutcome.Rejected(new UserAccountError.NotFound(id)));
    assertThat(Journal.rows(id.persistenceId())).isEmpty();

    send(create(id));
    assertThat(send(create(id))).isEqualTo(new CommandOutcome.Rejected(new UserAccountError.AlreadyExists(id)));
    send(new DeleteUserAccount(id));
    assertThat(send(new DeleteUserAccount(id))).isEqualTo(new CommandOutcome.Rejected(new UserAccountError.AlreadyDeleted(id)));
    assertThat(send(rename(id, "C"))).isEqualTo(new CommandOutcome.Rejected(new UserAccountError.AlreadyDeleted(id)));
    assertThat(Journal.rows(id.persistenceId())).hasSize(2);
  }

  @Test
  void renaming_to_the_current_name_is_accepted_without_an_event() {
    UserAccountId id = IDS.newUserAccountId();
    send(create(id));
    send(rename(id, "Same"));
    assertThat(send(rename(id, "Same"))).isEqualTo(new CommandOutcome.Accepted(id));
    assertThat(Journal.rows(id.persistenceId())).hasSize(2);
  }

  @Test
  void snapshots_every_n_events_keep_two_and_a_new_incarnation_recovers_the_same_state() {
    UserAccountId id = IDS.newUserAccountId();
    send(create(id));
    for (int i = 1; i <= 34; i++) {
      send(rename(id, "Name" + i));
    }
    // 35 events, a snapshot every 10: at 10, 20, 30; the newest two are kept.
    await().atMost(10, TimeUnit.SECONDS).untilAsserted(() ->
        assertThat(Journal.snapshots(id.persistenceId())).extracting(r -> r[0]).containsExactly(20L, 30L));
    assertThat(Journal.snapshots(id.persistenceId())).extracting(r -> r[1]).containsOnly(9002L);

    // Another ActorSystem (a restarted node) on the same journal recovers from snapshot 30 + 5 events:
    // renaming to the current name records nothing only if the recovered name is right.
    ActorSystem<Void> second = TestPekko.start("entity-test-restarted", "pcqrses.user-account.tag-slices = " + SLICES);
    try {
      CommandPort restarted = ShardedUserAccounts.init(second, settings, IDS, Clock.systemUTC(), new SimpleMeterRegistry());
      assertThat(send(restarted, rename(id, "Name34"), EventMetadata.NONE)).isEqualTo(new CommandOutcome.Accepted(id));
      assertThat(Journal.rows(id.persistenceId())).hasSize(35);
      assertThat(send(restarted, rename(id, "Name35"), EventMetadata.NONE)).isEqualTo(new CommandOutcome.Accepted(id));
      assertThat(Journal.rows(id.persistenceId())).hasSize(36);
    } finally {
      TestPekko.stop(second);
    }
  }

  @Test
  void a_reply_later_than_the_ask_timeout_is_reported_unavailable() throws Exception {
    CommandPort impatient = ShardedUserAccounts.init(system, settings.withAskTimeout(Duration.ofMillis(300)), IDS,
        Clock.systemUTC(), new SimpleMeterRegistry());
    UserAccountId id = IDS.newUserAccountId();
    // While another transaction holds the journal table, a new entity cannot recover: it cannot reply.
    try (java.sql.Connection lock = dev.pcqrses.adapters.postgres.SharedPostgres.get().dataSource().getConnection()) {
      lock.setAutoCommit(false);
      try (java.sql.Statement s = lock.createStatement()) {
        s.execute("LOCK TABLE event_journal IN ACCESS EXCLUSIVE MODE");
      }
      assertThat(send(impatient, rename(id, "X"), EventMetadata.NONE)).isInstanceOf(CommandOutcome.Unavailable.class);
      lock.rollback();
    }
    // Once the journal answers again, so does the entity.
    assertThat(send(rename(id, "X"))).isEqualTo(new CommandOutcome.Rejected(new UserAccountError.NotFound(id)));
  }

  @Test
  void commands_taken_in_before_the_stop_message_are_all_answered_before_the_entity_stops() {
    // Cluster Sharding sends the stop message on passivation and on shard hand-off. The entity is
    // spawned here as sharding would (an EntityContext), and everything is sent at once: the commands
    // wait in its stash while it recovers and persists, the stop message queues behind them.
    UserAccountId id = IDS.newUserAccountId();
    org.apache.pekko.actor.testkit.typed.javadsl.TestProbe<org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding.ShardCommand>
        shard = org.apache.pekko.actor.testkit.typed.javadsl.TestProbe.create(system);
    org.apache.pekko.actor.testkit.typed.javadsl.TestProbe<CommandOutcome> replies =
        org.apache.pekko.actor.testkit.typed.javadsl.TestProbe.create(system);
    org.apache.pekko.actor.testkit.typed.javadsl.TestProbe<Object> watcher =
        org.apache.pekko.actor.testkit.typed.javadsl.TestProbe.create(system);
    var entity = system.systemActorOf(UserAccountEntity.create(
            new org.apache.pekko.cluster.sharding.typed.javadsl.EntityContext<>(UserAccountEntity.TYPE_KEY, id.value(),
                shard.getRef()), settings, IDS, Clock.systemUTC(), UserAccountEntity.meters(new SimpleMeterRegistry())),
        "stop-message-" + id.value(), org.apache.pekko.actor.typed.Props.empty());
    entity.tell(new UserAccountEntity.Execute(create(id), EventMetadata.NONE, replies.getRef()));
    int renames = 5;
    for (int i = 1; i <= renames; i++) {
      entity.tell(new UserAccountEntity.Execute(rename(id, "Stop" + i), EventMetadata.NONE, replies.getRef()));
    }
    entity.tell(UserAccountEntity.Stop.INSTANCE);

    for (int i = 0; i <= renames; i++) {
      assertThat(replies.receiveMessage(Duration.ofSeconds(20))).isEqualTo(new CommandOutcome.Accepted(id));
    }
    watcher.expectTerminated(entity, Duration.ofSeconds(20));
    assertThat(Journal.rows(id.persistenceId())).hasSize(1 + renames);
  }
}
