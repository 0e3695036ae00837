package dev.pcqrses.adapters.dynamodb;

import com.amazonaws.services.dynamodbv2.AmazonDynamoDB;
import com.amazonaws.services.dynamodbv2.model.AttributeDefinition;
import com.amazonaws.services.dynamodbv2.model.BillingMode;
import com.amazonaws.services.dynamodbv2.model.CreateTableRequest;
import com.amazonaws.services.dynamodbv2.model.KeySchemaElement;
import com.amazonaws.services.dynamodbv2.model.KeyType;
import com.amazonaws.services.dynamodbv2.model.LocalSecondaryIndex;
import com.amazonaws.services.dynamodbv2.model.Projection;
import com.amazonaws.services.dynamodbv2.model.ProjectionType;
import com.amazonaws.services.dynamodbv2.model.ResourceInUseException;
import com.amazonaws.services.dynamodbv2.model.ResourceNotFoundException;
import com.amazonaws.services.dynamodbv2.model.ScalarAttributeType;
import com.amazonaws.services.dynamodbv2.model.StreamSpecification;
import com.amazonaws.services.dynamodbv2.model.StreamViewType;
import com.amazonaws.services.dynamodbv2.model.TableDescription;
import com.amazonaws.services.dynamodbv2.model.TableStatus;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the journal and snapshot tables if they are missing; safe to run again and again, and by
 * several processes at once. The journal table streams new images (for the Lambda read-model
 * updater); every index is created with its table (dynalite ignores indexes added later).
 */
public final class DynamoDbTables {
  private static final Logger log = LoggerFactory.getLogger(DynamoDbTables.class);

  private DynamoDbTables() {}

  /** What provisioning found or did, per table. */
  public record Outcome(String journalTable, boolean journalCreated, String snapshotTable, boolean snapshotCreated) {}

  /** Ensures both tables exist and are active; waits at most {@code timeout} for them. */
  public static Outcome provision(AmazonDynamoDB client, DynamoDbSettings s, Duration timeout) {
    boolean journal = createIfMissing(client, journalTable(s));
    boolean snapshot = createIfMissing(client, snapshotTable(s));
    long deadline = System.nanoTime() + timeout.toNanos();
    awaitActive(client, s.journalTable(), deadline);
    awaitActive(client, s.snapshotTable(), deadline);
    return new Outcome(s.journalTable(), journal, s.snapshotTable(), snapshot);
  }

  /** The journal table: the plugin's own key schema (par S, num N), streams with new images, on demand. */
  public static CreateTableRequest journalTable(DynamoDbSettings s) {
    CreateTableRequest schema = org.apache.pekko.persistence.dynamodb.journal.package$.MODULE$.schema();
    return new CreateTableRequest()
        .withTableName(s.journalTable())
        .withKeySchema(schema.getKeySchema())
        .withAttributeDefinitions(schema.getAttributeDefinitions())
        .withBillingMode(BillingMode.PAY_PER_REQUEST)
        .withStreamSpecification(new StreamSpecification().withStreamEnabled(true)
            .withStreamViewType(StreamViewType.NEW_IMAGE));
  }

  /** The snapshot table: par S / seq N, attribute ts N with the local index ts-idx the plugin queries. */
  public static CreateTableRequest snapshotTable(DynamoDbSettings s) {
    return new CreateTableRequest()
        .withTableName(s.snapshotTable())
        .withKeySchema(new KeySchemaElement("par", KeyType.HASH), new KeySchemaElement("seq", KeyType.RANGE))
        .withAttributeDefinitions(
            new AttributeDefinition("par", ScalarAttributeType.S),
            new AttributeDefinition("seq", ScalarAttributeType.N),
            new AttributeDefinition("ts", ScalarAttributeType.N))
        .withLocalSecondaryIndexes(new LocalSecondaryIndex()
            .withIndexName("ts-idx")
            .withKeySchema(new KeySchemaElement("par", KeyType.HASH), new KeySchemaElement("ts", KeyType.RANGE))
            .withProjection(new Projection().withProjectionType(ProjectionType.ALL)))
        .withBillingMode(BillingMode.PAY_PER_REQUEST);
  }

  private static boolean createIfMissing(AmazonDynamoDB client, CreateTableRequest request) {
    try {
      TableDescription existing = client.describeTable(request.getTableName()).getTable();
      requireSameKeys(existing, request);
      log.info("DynamoDB table {} exists ({})", request.getTableName(), existing.getTableStatus());
      return false;
    } catch (ResourceNotFoundException missing) {
      try {
        client.createTable(request);
        log.info("Created DynamoDB table {}", request.getTableName());
        return true;
      } catch (ResourceInUseException createdMeanwhile) {
        return false; // another process won the race
      }
    }
  }

  private static void requireSameKeys(TableDescription existing, CreateTableRequest wanted) {
    List<KeySchemaElement> keys = existing.getKeySchema();
    if (!keys.equals(wanted.getKeySchema())) {
      throw new IllegalStateException("DynamoDB table " + wanted.getTableName() + " exists with keys " + keys
          + ", expected " + wanted.getKeySchema());
    }
  }

  private static void awaitActive(AmazonDynamoDB client, String table, long deadlineNanos) {
    while (true) {
      String status = client.describeTable(table).getTable().getTableStatus();
      if (TableStatus.ACTIVE.toString().equals(status)) {
        return;
      }
      if (System.nanoTime() > deadlineNanos) {
        throw new IllegalStateException("DynamoDB table " + table + " is still " + status);
      }
      try {
        Thread.sleep(200); // polling the table status, with a deadline
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + table, e);
      }
    }
  }
}
