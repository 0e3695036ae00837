package dev.pcqrses.adapters.dynamodb;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pcqrses.adapters.pekko.useraccount.ShardedUserAccounts;
import dev.pcqrses.adapters.pekko.useraccount.UlidIdGenerator;
import dev.pcqrses.adapters.pekko.useraccount.UserAccountSettings;
import dev.pcqrses.domain.useraccount.EmailAddress;
import dev.pcqrses.domain.useraccount.EventMetadata;
import dev.pcqrses.domain.useraccount.FirstName;
import dev.pcqrses.domain.useraccount.LastName;
import dev.pcqrses.domain.useraccount.UserAccountCommand;
import dev.pcqrses.domain.useraccount.UserAccountId;
import dev.pcqrses.ports.in.CommandOutcome;
import dev.pcqrses.ports.out.CommandPort;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Items over DynamoDB's size limit. The plugin checks its configured {@code max-item-size}
 * (400,000 bytes by default, DynamoDB's limit) before writing; the test lowers it so that the real
 * entity's real events and snapshots cross it, which takes exactly the path a 400 KB item takes.
 */
class ItemSizeLimitTest {
  static final UlidIdGenerator IDS = new UlidIdGenerator();
  static DynamoDbSettings tables;
  static ActorSystem<Void> system;
  static CommandPort accounts;

  @BeforeAll
  static void start() {
    tables = DynamoTestSystems.freshTables();
    system = DynamoTestSystems.start("dynamo-size-test", tables, String.join("\n",
        "dynamodb-journal.aws-api-limits.max-item-size = 700",
        "dynamodb-snapshot-store.aws-api-limits.max-item-size = 300",
        "pcqrses.user-account.snapshot-every = 2"));
    accounts = ShardedUserAccounts.init(system,
        UserAccountSettings.fromConfig(system.settings().config(), Duration.ofSeconds(15)), IDS, Clock.systemUTC(), new SimpleMeterRegistry());
  }

  @AfterAll
  static void stop() {
    DynamoTestSystems.stop(system);
  }

  static CommandOutcome send(UserAccountCommand command) {
    return accounts.submit(command, EventMetadata.NONE).toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
  }

  static UserAccountCommand rename(UserAccountId id, String first, String last) {
    return new UserAccountCommand.RenameUserAccount(id, new FirstName(first), new LastName(last));
  }

  @Test
  void an_event_over_the_limit_is_refused_clearly_and_the_entity_keeps_working() {
    UserAccountId id = IDS.newUserAccountId();
    assertThat(send(new UserAccountCommand.CreateUserAccount(id, new FirstName("Ann"), new LastName("Lee"),
        new EmailAddress("ann@example.com")))).isEqualTo(new CommandOutcome.Accepted(id));

    CommandOutcome tooBig = send(rename(id, "山".repeat(100), "田".repeat(100)));
    assertThat(tooBig).isInstanceOfSatisfying(CommandOutcome.Invalid.class, invalid ->
        assertThat(invalid.violations()).singleElement().satisfies(v ->
            assertThat(v.message()).contains("cannot be stored").contains("MaxItemSize exceeded")));

    // The entity restarted from its journal and goes on; the refused event is not in it.
    assertThat(send(rename(id, "Anne", "Lee"))).isEqualTo(new CommandOutcome.Accepted(id));
    assertThat(send(rename(id, "Anne", "Lee"))).isEqualTo(new CommandOutcome.Accepted(id));
    assertThat(eventItems(id)).isEqualTo(2);
  }

  @Test
  void a_snapshot_over_the_limit_fails_alone_and_events_still_recover_the_state() {
    UserAccountId id = IDS.newUserAccountId();
    send(new UserAccountCommand.CreateUserAccount(id, new FirstName("Kai"), new LastName("Mori"),
        new EmailAddress("kai@example.com")));
    // The second event asks for a snapshot, which is over the snapshot limit.
    assertThat(send(rename(id, "Ren", "Mori"))).isEqualTo(new CommandOutcome.Accepted(id));
    assertThat(send(rename(id, "Rei", "Mori"))).isEqualTo(new CommandOutcome.Accepted(id));
    assertThat(SdkItems.scan(SharedDynalite.get().client(), tables.snapshotTable()))
        .noneSatisfy(item -> assertThat(item.get("par").getS()).contains(id.persistenceId()));

    ActorSystem<Void> second = DynamoTestSystems.start("dynamo-size-restarted", tables, "");
    try {
      CommandPort restarted = ShardedUserAccounts.init(second,
          UserAccountSettings.fromConfig(second.settings().config(), Duration.ofSeconds(15)), IDS, Clock.systemUTC(), new SimpleMeterRegistry());
      long before = eventItems(id);
      assertThat(restarted.submit(rename(id, "Rei", "Mori"), EventMetadata.NONE).toCompletableFuture().join())
          .isEqualTo(new CommandOutcome.Accepted(id));
      assertThat(eventItems(id)).as("recovered name is Rei Mori: renaming to it records nothing").isEqualTo(before);
    } finally {
      DynamoTestSystems.stop(second);
    }
  }

  private static long eventItems(UserAccountId id) {
    return SdkItems.scan(SharedDynalite.get().client(), tables.journalTable()).stream()
        .filter(item -> item.containsKey("event"))
        .filter(item -> id.persistenceId().equals(item.get("persistence_id").getS()))
        .count();
  }
}
