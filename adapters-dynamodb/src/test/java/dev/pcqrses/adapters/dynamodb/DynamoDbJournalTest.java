package dev.pcqrses.adapters.dynamodb;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amazonaws.services.dynamodbv2.model.AttributeValue;
import dev.pcqrses.adapters.dynamodb.journalitem.JournalItem;
import dev.pcqrses.adapters.dynamodb.journalitem.JournalItems;
import dev.pcqrses.adapters.pekko.useraccount.ShardedUserAccounts;
import dev.pcqrses.adapters.pekko.useraccount.UlidIdGenerator;
import dev.pcqrses.adapters.pekko.useraccount.UserAccountSettings;
import dev.pcqrses.domain.useraccount.EmailAddress;
import dev.pcqrses.domain.useraccount.EventMetadata;
import dev.pcqrses.domain.useraccount.FirstName;
import dev.pcqrses.domain.useraccount.LastName;
import dev.pcqrses.domain.useraccount.UserAccountCommand;
import dev.pcqrses.domain.useraccount.UserAccountCommand.CreateUserAccount;
import dev.pcqrses.domain.useraccount.UserAccountCommand.DeleteUserAccount;
import dev.pcqrses.domain.useraccount.UserAccountCommand.RenameUserAccount;
import dev.pcqrses.domain.useraccount.UserAccountCreated;
import dev.pcqrses.domain.useraccount.UserAccountError;
import dev.pcqrses.domain.useraccount.UserAccountId;
import dev.pcqrses.ports.in.CommandOutcome;
import dev.pcqrses.ports.in.JournalRecord;
import dev.pcqrses.ports.out.CommandPort;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real sharded UserAccount entity with pekko-persistence-dynamodb on dynalite. */
class DynamoDbJournalTest {
  static final UlidIdGenerator IDS = new UlidIdGenerator();
  static DynamoDbSettings tables;
  static ActorSystem<Void> system;
  static UserAccountSettings settings;
  static CommandPort accounts;

  @BeforeAll
  static void start() {
    tables = DynamoTestSystems.freshTables();
    system = DynamoTestSystems.start("dynamo-journal-test", tables, "pcqrses.user-account.snapshot-every = 10");
    settings = UserAccountSettings.fromConfig(system.settings().config(), Duration.ofSeconds(15));
    assertThat(settings.tagSlices()).as("the DynamoDB overlay turns tagging off").isZero();
    accounts = ShardedUserAccounts.init(system, settings, IDS, Clock.systemUTC(), new SimpleMeterRegistry());
  }

  @AfterAll
  static void stop() {
    DynamoTestSystems.stop(system);
  }

  static CommandOutcome send(CommandPort port, UserAccountCommand command) {
    return port.submit(command, EventMetadata.ofCorrelationId("dyn-1")).toCompletableFuture()
        .orTimeout(30, TimeUnit.SECONDS).join();
  }

  static RenameUserAccount rename(UserAccountId id, String first) {
    return new RenameUserAccount(id, new FirstName(first), new LastName("Lee"));
  }

  @Test
  void persists_contract_items_that_read_back_into_the_same_events() {
    UserAccountId id = IDS.newUserAccountId();
    assertThat(send(accounts, new CreateUserAccount(id, new FirstName("太郎"), new LastName("山田"),
        new EmailAddress("yamada@example.com")))).isEqualTo(new CommandOutcome.Accepted(id));
    send(accounts, rename(id, "Ann"));
    send(accounts, new DeleteUserAccount(id));

    List<Map<String, AttributeValue>> items = SdkItems.scan(SharedDynalite.get().client(), tables.journalTable());
    List<JournalRecord> records = items.stream()
        .map(item -> JournalItem.from(SdkItems.attributes(item)))
        .flatMap(java.util.Optional::stream)
        .filter(item -> item.persistenceId().equals(id.persistenceId()))
        .map(item -> JournalItems.toRecord(item).orElseThrow())
        .sorted(Comparator.comparingLong(JournalRecord::sequenceNumber))
        .toList();
    assertThat(records).extracting(JournalRecord::sequenceNumber).containsExactly(1L, 2L, 3L);
    assertThat(records.get(0).event()).isInstanceOfSatisfying(UserAccountCreated.class, e -> {
      assertThat(e.firstName().value()).isEqualTo("太郎");
      assertThat(e.metadata().correlationId()).isEqualTo("dyn-1");
    });
    // The plugin's layout: par = journal-P-<pid>-<seqNr/100>, num = seqNr % 100.
    assertThat(items).anySatisfy(item -> {
      assertThat(item.get("par").getS()).isEqualTo("journal-P-" + id.persistenceId() + "-0");
      assertThat(item.get("num").getN()).isEqualTo("3");
    });
  }

  @Test
  void a_new_incarnation_recovers_from_snapshot_and_events() {
    UserAccountId id = IDS.newUserAccountId();
    send(accounts, new CreateUserAccount(id, new FirstName("A"), new LastName("B"), new EmailAddress("a@example.com")));
    for (int i = 1; i <= 24; i++) {
      send(accounts, rename(id, "Name" + i));
    }
    // 25 events: snapshots at 10 and 20.
    await().atMost(15, TimeUnit.SECONDS).until(() -> SdkItems.scan(SharedDynalite.get().client(), tables.snapshotTable())
        .stream().filter(item -> item.get("par").getS().contains(id.persistenceId())).count() == 2);

    ActorSystem<Void> second = DynamoTestSystems.start("dynamo-journal-restarted", tables, "");
    try {
      CommandPort restarted = ShardedUserAccounts.init(second, settings, IDS, Clock.systemUTC(), new SimpleMeterRegistry());
      // Renaming to the current name only records nothing if the recovered name is right.
      int before = eventItems(id);
      assertThat(send(restarted, rename(id, "Name24"))).isEqualTo(new CommandOutcome.Accepted(id));
      assertThat(eventItems(id)).isEqualTo(before);
      assertThat(send(restarted, new CreateUserAccount(id, new FirstName("X"), new LastName("Y"),
          new EmailAddress("x@example.com")))).isEqualTo(new CommandOutcome.Rejected(new UserAccountError.AlreadyExists(id)));
    } finally {
      DynamoTestSystems.stop(second);
    }
  }

  private static int eventItems(UserAccountId id) {
    return (int) SdkItems.scan(SharedDynalite.get().client(), tables.journalTable()).stream()
        .filter(item -> id.persistenceId().equals(item.containsKey("persistence_id") ? item.get("persistence_id").getS() : null))
        .filter(item -> item.containsKey("event"))
        .count();
  }
}
