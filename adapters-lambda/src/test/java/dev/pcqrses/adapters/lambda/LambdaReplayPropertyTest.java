package dev.pcqrses.adapters.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.github.f4b6a3.ulid.UlidCreator;
import dev.pcqrses.adapters.postgres.SharedPostgres;
import dev.pcqrses.domain.useraccount.EmailAddress;
import dev.pcqrses.domain.useraccount.EventId;
import dev.pcqrses.domain.useraccount.EventMetadata;
import dev.pcqrses.domain.useraccount.FirstName;
import dev.pcqrses.domain.useraccount.LastName;
import dev.pcqrses.domain.useraccount.UserAccountCreated;
import dev.pcqrses.domain.useraccount.UserAccountDeleted;
import dev.pcqrses.domain.useraccount.UserAccountEvent;
import dev.pcqrses.domain.useraccount.UserAccountId;
import dev.pcqrses.domain.useraccount.UserAccountRenamed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Any interleaving of duplicated and re-ordered deliveries of the same records, retried as Lambda
 * retries (from the reported failure), converges to the read model of one in-order delivery.
 *
 * <p>What may be re-ordered is what DynamoDB Streams may re-order. A shard keeps the order of the
 * writes it holds, and an account's items spread over partition keys ({@code <pid>-<seqNr/100>}),
 * which may sit in different shards: across shards there is no order. Redeliveries come as copies
 * of earlier records and as whole batches delivered again after an invocation timed out.
 */
class LambdaReplayPropertyTest {
  /** Small partitions (the plugin's are 100 events) so that streams cross partitions often. */
  static final int PARTITION = 3;

  final ReadModelUpdaterHandler handler = new ReadModelUpdaterHandler(SharedPostgres.get().dataSource());

  @Property(tries = 25)
  void any_redelivery_converges_to_the_in_order_read_model(
      @ForAll @IntRange(min = 1, max = 4) int accounts, @ForAll @IntRange(min = 1, max = 4) int shardCount,
      @ForAll @IntRange(min = 1, max = 6) int batchSize, @ForAll long seed) {
    Random random = new Random(seed);
    List<List<UserAccountEvent>> streams = new ArrayList<>();
    List<List<UserAccountEvent>> sameStreamsElsewhere = new ArrayList<>();
    for (int a = 0; a < accounts; a++) {
      int renames = random.nextInt(8);
      boolean delete = random.nextBoolean();
      streams.add(stream(renames, delete));
      sameStreamsElsewhere.add(stream(renames, delete));
    }

    // Reference: one in-order delivery of the twin streams.
    List<DynamodbStreamRecord> inOrder = new ArrayList<>();
    long[] streamSeq = {1};
    for (List<UserAccountEvent> stream : sameStreamsElsewhere) {
      for (int i = 0; i < stream.size(); i++) {
        inOrder.add(StreamRecords.insert(stream.get(i), i + 1, Long.toString(streamSeq[0]++)));
      }
    }
    LambdaDelivery.deliver(handler, List.of(inOrder), 100);

    // The same records through shards. Writes happen in one global order (accounts interleaved,
    // each account in sequence); a record goes to the shard of its partition key, and a shard keeps
    // write order. So an account is re-ordered only across shards, as in DynamoDB Streams.
    List<List<DynamodbStreamRecord>> shards = new ArrayList<>();
    for (int s = 0; s < shardCount; s++) {
      shards.add(new ArrayList<>());
    }
    java.util.Map<String, Integer> shardOfPartition = new java.util.HashMap<>();
    int[] next = new int[accounts];
    List<DynamodbStreamRecord> written = new ArrayList<>();
    while (true) {
      List<Integer> open = new ArrayList<>();
      for (int a = 0; a < accounts; a++) {
        if (next[a] < streams.get(a).size()) {
          open.add(a);
        }
      }
      if (open.isEmpty()) {
        break;
      }
      int a = open.get(random.nextInt(open.size()));
      int index = next[a]++;
      UserAccountEvent event = streams.get(a).get(index);
      String partition = event.userAccountId().value() + "/" + index / PARTITION;
      int shard = shardOfPartition.computeIfAbsent(partition, k -> random.nextInt(shardCount));
      DynamodbStreamRecord record = StreamRecords.insert(event, index + 1, Long.toString(streamSeq[0]++));
      shards.get(shard).add(record);
      written.add(record);
      if (random.nextInt(4) == 0) {
        // at-least-once: an earlier record comes again, later in some shard
        DynamodbStreamRecord again = written.get(random.nextInt(written.size()));
        shards.get(random.nextInt(shardCount))
            .add(StreamRecords.withImage(again.getDynamodb().getNewImage(), Long.toString(streamSeq[0]++)));
      }
    }
    // ...and some invocations "time out" after their work: Lambda delivers the same batch again.
    LambdaDelivery.deliver(handler, shards, batchSize, random, 0.2);

    for (int a = 0; a < accounts; a++) {
      String id = streams.get(a).get(0).userAccountId().value();
      String twin = sameStreamsElsewhere.get(a).get(0).userAccountId().value();
      assertThat(ReadModelState.of(id)).as("account %d", a).isEqualTo(ReadModelState.of(twin)).isPresent();
    }
  }

  private static List<UserAccountEvent> stream(int renames, boolean delete) {
    UserAccountId id = new UserAccountId(UlidCreator.getMonotonicUlid().toString());
    Instant t = Instant.parse("2026-12-03T10:00:00Z");
    List<UserAccountEvent> events = new ArrayList<>();
    events.add(new UserAccountCreated(eventId(), id, new FirstName("First"), new LastName("Last"),
        new EmailAddress("x@example.com"), t, EventMetadata.NONE));
    for (int r = 1; r <= renames; r++) {
      events.add(new UserAccountRenamed(eventId(), id, new FirstName("First" + r), new LastName("Last" + r),
          t.plusSeconds(r), EventMetadata.NONE));
    }
    if (delete) {
      events.add(new UserAccountDeleted(eventId(), id, t.plusSeconds(100), EventMetadata.NONE));
    }
    return events;
  }

  private static EventId eventId() {
    return new EventId(UlidCreator.getMonotonicUlid().toString());
  }
}
