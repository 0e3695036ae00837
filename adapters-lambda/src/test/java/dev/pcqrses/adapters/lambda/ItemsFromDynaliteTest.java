package dev.pcqrses.adapters.lambda;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.dynamodbv2.model.ScanRequest;
import com.amazonaws.services.dynamodbv2.model.ScanResult;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.typesafe.config.ConfigFactory;
import dev.pcqrses.adapters.dynamodb.DynamoDbEventStore;
import dev.pcqrses.adapters.dynamodb.DynamoDbSettings;
import dev.pcqrses.adapters.dynamodb.DynamoDbTables;
import dev.pcqrses.adapters.dynamodb.SharedDynalite;
import dev.pcqrses.adapters.pekko.runtime.PekkoHealth;
import dev.pcqrses.adapters.pekko.runtime.PekkoRuntime;
import dev.pcqrses.adapters.pekko.useraccount.ShardedUserAccounts;
import dev.pcqrses.adapters.pekko.useraccount.UlidIdGenerator;
import dev.pcqrses.adapters.pekko.useraccount.UserAccountSettings;
import dev.pcqrses.adapters.postgres.SharedPostgres;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Items that pekko-persistence-dynamodb really wrote into dynalite (dynalite has no Streams, so the
 * journal table is scanned and each item wrapped as the stream record AWS would deliver), handled
 * shard by shard with Lambda's retry rule: the read model ends equal to the entities' state.
 */
class ItemsFromDynaliteTest {
  static final UlidIdGenerator IDS = new UlidIdGenerator();

  /** What the entities are, as the commands sent made them. */
  record Expected(String firstName, String lastName, long lastSequenceNr, boolean deleted) {}

  @Test
  void the_read_model_after_the_handler_equals_the_entities() {
    SharedDynalite dynalite = SharedDynalite.get();
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    DynamoDbSettings tables = dynalite.settings("journal-" + suffix, "snapshot-" + suffix);
    DynamoDbTables.provision(dynalite.client(), tables, Duration.ofSeconds(30));

    Map<String, Expected> expected = new LinkedHashMap<>();
    ActorSystem<Void> system = PekkoRuntime.start("lambda-items-test",
        ConfigFactory.load(ConfigFactory.parseResources("pcqrses-pekko.conf")), DynamoDbEventStore.pekkoConfig(tables));
    try {
      Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> PekkoHealth.clusterMemberUp(system));
      CommandPort accounts = ShardedUserAccounts.init(system,
          UserAccountSettings.fromConfig(DynamoDbEventStore.pekkoConfig(tables).withFallback(system.settings().config()),
              Duration.ofSeconds(15)),
          IDS, Clock.systemUTC(), new SimpleMeterRegistry());
      Random random = new Random(42);
      for (int a = 0; a < 6; a++) {
        UserAccountId id = IDS.newUserAccountId();
        send(accounts, new UserAccountCommand.CreateUserAccount(id, new FirstName("F" + a), new LastName("L" + a),
            new EmailAddress("u" + a + "@example.com")));
        String first = "F" + a;
        long seq = 1;
        // one account crosses the plugin's partition of 100 events
        int renames = a == 0 ? 104 : random.nextInt(5);
        for (int r = 1; r <= renames; r++) {
          first = "F" + a + "r" + r;
          send(accounts, new UserAccountCommand.RenameUserAccount(id, new FirstName(first), new LastName("L" + a)));
          seq++;
        }
        boolean deleted = a % 3 == 2;
        if (deleted) {
          send(accounts, new UserAccountCommand.DeleteUserAccount(id));
          seq++;
        }
        expected.put(id.value(), new Expected(first, "L" + a, seq, deleted));
      }
    } finally {
      PekkoRuntime.terminate(system, Duration.ofSeconds(30));
    }

    // Each partition key (par) goes to a shard; a shard keeps its items in write order (num).
    List<Map<String, com.amazonaws.services.dynamodbv2.model.AttributeValue>> items =
        scan(dynalite, tables.journalTable());
    Map<String, List<Map<String, com.amazonaws.services.dynamodbv2.model.AttributeValue>>> byPartition = new LinkedHashMap<>();
    for (var item : items) {
      byPartition.computeIfAbsent(item.get("par").getS(), k -> new ArrayList<>()).add(item);
    }
    List<List<DynamodbStreamRecord>> shards = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      shards.add(new ArrayList<>());
    }
    long streamSequence = 1_000_000;
    List<String> partitions = new ArrayList<>(byPartition.keySet());
    Collections.shuffle(partitions, new Random(7));
    for (String par : partitions) {
      List<DynamodbStreamRecord> shard = shards.get(Math.floorMod(par.hashCode(), shards.size()));
      byPartition.get(par).sort(Comparator.comparingLong(i -> Long.parseLong(i.get("num").getN())));
      for (var item : byPartition.get(par)) {
        shard.add(StreamRecords.withImage(toLambda(item), Long.toString(streamSequence++)));
      }
    }
    int invocations = LambdaDelivery.deliver(new ReadModelUpdaterHandler(SharedPostgres.get().dataSource()), shards, 10);
    assertThat(invocations).isPositive();

    expected.forEach((id, want) -> assertThat(ReadModelState.of(id))
        .as(id).contains(new ReadModelState(want.firstName(), want.lastName(), want.lastSequenceNr(), want.deleted())));
  }

  private static void send(CommandPort accounts, UserAccountCommand command) {
    CommandOutcome outcome = accounts.submit(command, EventMetadata.NONE).toCompletableFuture()
        .orTimeout(30, TimeUnit.SECONDS).join();
    assertThat(outcome).isInstanceOf(CommandOutcome.Accepted.class);
  }

  private static List<Map<String, com.amazonaws.services.dynamodbv2.model.AttributeValue>> scan(SharedDynalite dynalite,
      String table) {
    List<Map<String, com.amazonaws.services.dynamodbv2.model.AttributeValue>> items = new ArrayList<>();
    Map<String, com.amazonaws.services.dynamodbv2.model.AttributeValue> start = null;
    do {
      ScanResult page = dynalite.client().scan(new ScanRequest(table).withExclusiveStartKey(start));
      items.addAll(page.getItems());
      start = page.getLastEvaluatedKey();
    } while (start != null && !start.isEmpty());
    return items;
  }

  /** The SDK's attribute values as the Lambda events library's (the stream's NewImage). */
  private static Map<String, AttributeValue> toLambda(Map<String, com.amazonaws.services.dynamodbv2.model.AttributeValue> item) {
    Map<String, AttributeValue> image = new LinkedHashMap<>();
    item.forEach((name, value) -> {
      AttributeValue v = new AttributeValue();
      if (value.getS() != null) {
        v.setS(value.getS());
      } else if (value.getN() != null) {
        v.setN(value.getN());
      } else if (value.getB() != null) {
        v.setB(value.getB());
      }
      image.put(name, v);
    });
    return image;
  }
}
