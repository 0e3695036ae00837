package dev.pcqrses.adapters.dynamodb;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.HashMap;
import java.util.Map;

/** Pekko configuration that makes pekko-persistence-dynamodb the journal and snapshot store. */
public final class DynamoDbEventStore {
  /** Plugin id of the read journal (used for readiness probes). */
  public static final String READ_JOURNAL_ID = "dynamodb-read-journal";

  private DynamoDbEventStore() {}

  /**
   * An overlay for the app's configuration: use it for the settings read from the config too (it
   * turns event tagging off). The plugin's own reference.conf copies endpoint
   * and keys from journal to snapshot store by substitution, which has been resolved by the time
   * this overlay applies, so every plugin section is set explicitly.
   */
  public static Config pekkoConfig(DynamoDbSettings s) {
    Map<String, Object> values = new HashMap<>();
    values.put("pekko.persistence.journal.plugin", "dynamodb-journal");
    values.put("pekko.persistence.snapshot-store.plugin", "dynamodb-snapshot-store");
    for (String plugin : new String[] {"dynamodb-journal", "dynamodb-snapshot-store", "dynamodb-read-journal"}) {
      values.put(plugin + ".endpoint", s.effectiveEndpoint());
      values.put(plugin + ".aws-access-key-id", s.accessKeyId());
      values.put(plugin + ".aws-secret-access-key", s.secretAccessKey());
      values.put(plugin + ".journal-name", s.journalName());
      values.put(plugin + ".aws-client-config.request-timeout", (int) s.requestTimeout().toMillis());
      values.put(plugin + ".aws-client-config.client-execution-timeout", (int) s.callTimeout().toMillis());
    }
    values.put("dynamodb-journal.journal-table", s.journalTable());
    values.put("dynamodb-read-journal.journal-table", s.journalTable());
    values.put("dynamodb-snapshot-store.snapshot-table", s.snapshotTable());
    // The plugin does not unwrap tagged events (it would try Java serialization on the wrapper);
    // the read side follows the table's stream instead of eventsByTag.
    values.put("pcqrses.user-account.tag-slices", 0);
    return ConfigFactory.parseMap(values, "pcqrses DynamoDB event store");
  }
}
