package dev.pcqrses.adapters.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.dynamodbv2.AmazonDynamoDB;
import com.amazonaws.services.dynamodbv2.model.CreateTableRequest;
import com.amazonaws.services.dynamodbv2.model.KeySchemaElement;
import com.amazonaws.services.dynamodbv2.model.KeyType;
import com.amazonaws.services.dynamodbv2.model.StreamViewType;
import com.amazonaws.services.dynamodbv2.model.TableDescription;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DynamoDbTablesTest {

  @Test
  void provisioning_creates_both_tables_once_and_can_run_again() {
    SharedDynalite dynalite = SharedDynalite.get();
    AmazonDynamoDB client = dynalite.client();
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    DynamoDbSettings settings = dynalite.settings("j-" + suffix, "s-" + suffix);

    DynamoDbTables.Outcome first = DynamoDbTables.provision(client, settings, Duration.ofSeconds(30));
    assertThat(first.journalCreated()).isTrue();
    assertThat(first.snapshotCreated()).isTrue();
    DynamoDbTables.Outcome again = DynamoDbTables.provision(client, settings, Duration.ofSeconds(30));
    assertThat(again.journalCreated()).isFalse();
    assertThat(again.snapshotCreated()).isFalse();

    TableDescription journal = client.describeTable(settings.journalTable()).getTable();
    assertThat(journal.getKeySchema()).containsExactly(
        new KeySchemaElement("par", KeyType.HASH), new KeySchemaElement("num", KeyType.RANGE));
    TableDescription snapshot = client.describeTable(settings.snapshotTable()).getTable();
    assertThat(snapshot.getLocalSecondaryIndexes()).singleElement()
        .satisfies(index -> assertThat(index.getIndexName()).isEqualTo("ts-idx"));
  }

  @Test
  void the_journal_table_streams_new_images_for_the_lambda() {
    // dynalite has no Streams, so this checks the request that AWS receives.
    CreateTableRequest request = DynamoDbTables.journalTable(SharedDynalite.get().settings("j", "s"));
    assertThat(request.getStreamSpecification().getStreamEnabled()).isTrue();
    assertThat(request.getStreamSpecification().getStreamViewType()).isEqualTo(StreamViewType.NEW_IMAGE.toString());
  }

  @Test
  void a_table_with_other_keys_is_reported_not_silently_used() {
    SharedDynalite dynalite = SharedDynalite.get();
    AmazonDynamoDB client = dynalite.client();
    String name = "wrong-" + UUID.randomUUID().toString().substring(0, 8);
    client.createTable(new CreateTableRequest().withTableName(name)
        .withKeySchema(new KeySchemaElement("id", KeyType.HASH))
        .withAttributeDefinitions(new com.amazonaws.services.dynamodbv2.model.AttributeDefinition("id", "S"))
        .withBillingMode("PAY_PER_REQUEST"));
    assertThatThrownBy(() -> DynamoDbTables.provision(client, dynalite.settings(name, "s-" + name), Duration.ofSeconds(10)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(name).hasMessageContaining("expected");
  }
}
