package dev.pcqrses.adapters.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.dynamodbv2.model.AttributeValue;
import com.github.f4b6a3.ulid.UlidCreator;
import dev.pcqrses.adapters.dynamodb.journalitem.JournalItem;
import dev.pcqrses.domain.useraccount.UserAccountId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Atomic writes whose sequence numbers cross the plugin's partitions of 100 (98–102, 199–201): a
 * known class of bug in this plugin family loses events at such boundaries on recovery.
 */
class SequenceBoundaryTest {
  static DynamoDbSettings tables;
  static ActorSystem<Void> system;

  @BeforeAll
  static void start() {
    tables = DynamoTestSystems.freshTables();
    system = DynamoTestSystems.start("dynamo-boundary-test", tables, "");
  }

  @AfterAll
  static void stop() {
    DynamoTestSystems.stop(system);
  }

  @Test
  void every_event_of_batches_across_partition_boundaries_is_recovered_in_order() {
    UserAccountId account = new UserAccountId(UlidCreator.getMonotonicUlid().toString());
    ActorRef<BatchWriter.Command> writer = system.systemActorOf(BatchWriter.create(account), "writer-1",
        org.apache.pekko.actor.typed.Props.empty());
    // 1..97 in small writes, then 98..102 in one, 103..198, then 199..201 in one, then 202..230.
    long last = 0;
    for (int size : List.of(50, 47, 5, 40, 56, 3, 29)) {
      last = persist(writer, size);
    }
    assertThat(last).isEqualTo(230);

    // A fresh incarnation replays from the journal (no snapshots): every event, in order.
    ActorRef<BatchWriter.Command> recovered = system.systemActorOf(BatchWriter.create(account), "writer-2",
        org.apache.pekko.actor.typed.Props.empty());
    List<Long> seen = ask(recovered, BatchWriter.GetSeen::new);
    assertThat(seen).containsExactlyElementsOf(LongStream.rangeClosed(1, 230).boxed().toList());

    // The items sit in partitions 0, 1 and 2; the plugin also keeps sequence markers (no event).
    List<Map<String, AttributeValue>> items = SdkItems.scan(SharedDynalite.get().client(), tables.journalTable());
    assertThat(items.stream().map(i -> JournalItem.from(SdkItems.attributes(i))).flatMap(java.util.Optional::stream)
        .filter(i -> i.persistenceId().equals(account.persistenceId())).count()).isEqualTo(230);
    assertThat(items).extracting(i -> i.get("par").getS()).contains(
        "journal-P-" + account.persistenceId() + "-0", "journal-P-" + account.persistenceId() + "-1",
        "journal-P-" + account.persistenceId() + "-2");
    assertThat(items).anySatisfy(i -> {
      assertThat(i.get("par").getS()).startsWith("journal-SH-" + account.persistenceId());
      assertThat(i).doesNotContainKey("event");
      assertThat(JournalItem.from(SdkItems.attributes(i))).isEmpty();
    });
  }

  private static long persist(ActorRef<BatchWriter.Command> writer, int count) {
    return ask(writer, replyTo -> new BatchWriter.PersistBatch(count, replyTo));
  }

  private static <T> T ask(ActorRef<BatchWriter.Command> target,
      org.apache.pekko.japi.function.Function<ActorRef<T>, BatchWriter.Command> message) {
    return AskPattern.ask(target, message, Duration.ofSeconds(30), system.scheduler())
        .toCompletableFuture().join();
  }
}
