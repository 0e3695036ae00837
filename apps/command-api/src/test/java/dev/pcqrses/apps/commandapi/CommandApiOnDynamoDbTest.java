package dev.pcqrses.apps.commandapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.dynamodbv2.model.AttributeValue;
import com.amazonaws.services.dynamodbv2.model.ScanRequest;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.pcqrses.adapters.dynamodb.DynamoDbTables;
import dev.pcqrses.adapters.dynamodb.SharedDynalite;
import dev.pcqrses.adapters.http.Http;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The AWS profile's command side: command-api over HTTP on the DynamoDB journal (dynalite). */
class CommandApiOnDynamoDbTest {

  @Test
  void provisions_its_tables_then_journals_commands_into_dynamodb() {
    SharedDynalite dynalite = SharedDynalite.get();
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    // No load balancer to wait for, and Pekko Management's fixed port left free for other processes.
    Config config = ConfigFactory.load(ConfigFactory.parseString("pcqrses.management.enabled = false\n"
            + "pcqrses.command-api.load-balancer { health-check-grace-period = 0s, detach-wait-duration = 0s }")
        .withFallback(ConfigFactory.parseMap(Map.of(
            "pcqrses.event-store", "dynamodb",
            "pcqrses.dynamodb.endpoint", dynalite.endpoint(),
            "pcqrses.dynamodb.region", "us-east-1",
            "pcqrses.dynamodb.access-key-id", "test",
            "pcqrses.dynamodb.secret-access-key", "test",
            "pcqrses.dynamodb.journal-table", "journal-" + suffix,
            "pcqrses.dynamodb.snapshot-table", "snapshot-" + suffix,
            "pcqrses.command-api.http.host", "127.0.0.1",
            "pcqrses.command-api.http.port", 0)))
        .withFallback(ConfigFactory.parseResources("command-api.conf")));

    DynamoDbTables.Outcome first = CommandApi.provisionDynamoDbTables(config);
    assertThat(first.journalCreated()).isTrue();
    assertThat(CommandApi.provisionDynamoDbTables(config).journalCreated()).as("idempotent").isFalse();

    CommandApi api = CommandApi.start(config);
    try {
      Http http = new Http(api.baseUrl());
      Http.Response ready = http.get("/health/ready");
      assertThat(ready.status()).as(ready.body()).isEqualTo(200);
      assertThat(ready.json().path("checks").has("database")).as("no PostgreSQL on this side").isFalse();
      assertThat(ready.json().at("/checks/journal").asText()).isEqualTo("UP");

      Http.Response created = http.graphql(
          "mutation C($input: CreateUserAccountInput!) { createUserAccount(input: $input) { id } }",
          Map.of("input", Map.of("firstName", "太郎", "lastName", "山田", "emailAddress", "yamada@example.com")));
      String id = created.json().at("/data/createUserAccount/id").asText();
      assertThat(id).as(created.body()).hasSize(26);
      Http.Response renamed = http.graphql(
          "mutation R($input: RenameUserAccountInput!) { renameUserAccount(input: $input) { id } }",
          Map.of("input", Map.of("userAccountId", id, "firstName", "次郎", "lastName", "田中")));
      assertThat(renamed.json().has("errors")).as(renamed.body()).isFalse();

      List<Map<String, AttributeValue>> items = dynalite.client().scan(new ScanRequest("journal-" + suffix)).getItems();
      assertThat(items).filteredOn(i -> i.containsKey("event"))
          .extracting(i -> i.get("ev_ser_manifest").getS())
          .containsExactlyInAnyOrder("UserAccountCreated.v1", "UserAccountRenamed.v1");
      assertThat(items).allSatisfy(i -> assertThat(i.get("par").getS()).contains("UserAccount|" + id));
    } finally {
      api.close();
    }
  }

  @Test
  void an_unknown_event_store_stops_the_start_with_a_clear_message() {
    Config config = ConfigFactory.load(ConfigFactory.parseString("pcqrses.event-store = cassandra")
        .withFallback(ConfigFactory.parseResources("command-api.conf")));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CommandApi.start(config))
        .hasMessageContaining("pcqrses.event-store").hasMessageContaining("cassandra");
  }

  @Test
  void provisioning_against_an_endpoint_where_nothing_listens_fails_naming_the_endpoint() throws Exception {
    int port;
    try (java.net.ServerSocket closed = new java.net.ServerSocket(0)) {
      port = closed.getLocalPort();
    }
    Config config = ConfigFactory.load(ConfigFactory.parseString(
            "pcqrses.dynamodb { endpoint = \"http://127.0.0.1:" + port + "\", access-key-id = x, secret-access-key = y }")
        .withFallback(ConfigFactory.parseResources("command-api.conf")));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CommandApi.provisionDynamoDbTables(config))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Cannot provision the DynamoDB tables")
        .hasMessageContaining("http://127.0.0.1:" + port)
        .hasMessageNotContaining("secret");
  }
}
