package dev.pcqrses.adapters.dynamodb;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the DynamoDB journal and snapshot tables are and how to reach them; read from
 * {@code pcqrses.dynamodb} (this module's reference.conf, docs/configuration.md).
 *
 * @param endpoint        explicit endpoint, or empty for the region's public endpoint
 * @param accessKeyId     with the secret: static credentials; both empty: the default AWS chain
 * @param journalName     prefix of the journal's partition keys
 * @param requestTimeout  limit of one HTTP request to DynamoDB
 * @param callTimeout     limit of one journal or snapshot call, its retries included: the innermost
 *                        timeout of a command on this store
 */
public record DynamoDbSettings(
    String region,
    String endpoint,
    String accessKeyId,
    String secretAccessKey,
    String journalTable,
    String snapshotTable,
    String journalName,
    Duration requestTimeout,
    Duration callTimeout) {

  public DynamoDbSettings {
    Objects.requireNonNull(region, "region");
    endpoint = endpoint == null ? "" : endpoint;
    accessKeyId = accessKeyId == null ? "" : accessKeyId;
    secretAccessKey = secretAccessKey == null ? "" : secretAccessKey;
    if (accessKeyId.isEmpty() != secretAccessKey.isEmpty()) {
      throw new IllegalArgumentException(
          "pcqrses.dynamodb: set both access-key-id and secret-access-key, or neither (default credential chain)");
    }
    if (journalTable.isBlank() || snapshotTable.isBlank() || journalName.isBlank()) {
      throw new IllegalArgumentException("pcqrses.dynamodb: table names and journal-name must not be empty");
    }
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(callTimeout, "callTimeout");
    if (requestTimeout.isNegative() || requestTimeout.isZero() || callTimeout.compareTo(requestTimeout) < 0) {
      throw new IllegalArgumentException("pcqrses.dynamodb: request-timeout (" + requestTimeout.toMillis()
          + " ms) must be positive and call-timeout (" + callTimeout.toMillis() + " ms) at least as long");
    }
  }

  public static DynamoDbSettings fromConfig(Config config) {
    Config c = config.getConfig("pcqrses.dynamodb");
    return new DynamoDbSettings(c.getString("region"), c.getString("endpoint"), c.getString("access-key-id"),
        c.getString("secret-access-key"), c.getString("journal-table"), c.getString("snapshot-table"),
        c.getString("journal-name"), c.getDuration("request-timeout"), c.getDuration("call-timeout"));
  }

  /** The endpoint to call: the explicit one, or the region's. */
  public String effectiveEndpoint() {
    return endpoint.isEmpty() ? "https://dynamodb." + region + ".amazonaws.com" : endpoint;
  }

  public boolean hasStaticCredentials() {
    return !accessKeyId.isEmpty();
  }

  /** The same settings on other tables (tests give each run tables of its own). */
  public DynamoDbSettings withTables(String newJournalTable, String newSnapshotTable) {
    return new DynamoDbSettings(region, endpoint, accessKeyId, secretAccessKey, newJournalTable, newSnapshotTable,
        journalName, requestTimeout, callTimeout);
  }

  @Override
  public String toString() {
    return "DynamoDbSettings[endpoint=" + effectiveEndpoint() + ", journal-table=" + journalTable
        + ", snapshot-table=" + snapshotTable + ", credentials=" + (hasStaticCredentials() ? "static" : "default chain")
        + "]";
  }
}
