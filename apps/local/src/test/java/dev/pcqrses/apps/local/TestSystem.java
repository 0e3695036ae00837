package dev.pcqrses.apps.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.pcqrses.adapters.http.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

/**
 * The whole local system, really started (embedded PostgreSQL, the three apps over loopback HTTP),
 * shared by the system tests of this JVM, plus the helpers they need.
 */
final class TestSystem {
  private static TestSystem shared;

  final LocalSystem system;
  final Path dataDirectory;
  final Http command;
  final Http query;
  final Http updater;

  private TestSystem(LocalSystem system, Path dataDirectory) {
    this.system = system;
    this.dataDirectory = dataDirectory;
    this.command = new Http(system.commandApiUrl());
    this.query = new Http(system.queryApiUrl());
    this.updater = new Http(system.readModelUpdaterUrl());
  }

  /** The system shared by the tests of this JVM, started on first use. */
  static synchronized TestSystem shared() {
    if (shared == null) {
      shared = start(newDataDirectory(), true);
      Runtime.getRuntime().addShutdownHook(new Thread(shared.system::close, "test-system-stop"));
    }
    return shared;
  }

  /** A system of its own on {@code dataDirectory}; the caller closes it. */
  static TestSystem start(Path dataDirectory, boolean startEmpty) {
    return new TestSystem(LocalSystem.start(overrides(dataDirectory, startEmpty)), dataDirectory);
  }

  static Config overrides(Path dataDirectory, boolean startEmpty) {
    return ConfigFactory.parseMap(Map.of(
        "pcqrses.local.data-dir", dataDirectory.toString(),
        "pcqrses.local.start-empty", startEmpty,
        "pcqrses.local.postgres-port", 0,
        "pcqrses.command-api.http.port", 0,
        "pcqrses.query-api.http.port", 0,
        "pcqrses.read-model-updater.http.port", 0));
  }

  static Path newDataDirectory() {
    try {
      return Files.createTempDirectory("pcqrses-system-test").resolve("data");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static final String CREATE = "mutation C($input: CreateUserAccountInput!) { createUserAccount(input: $input) { id } }";
  static final String RENAME = "mutation R($input: RenameUserAccountInput!) { renameUserAccount(input: $input) { id } }";
  static final String DELETE = "mutation D($input: DeleteUserAccountInput!) { deleteUserAccount(input: $input) { id } }";
  static final String GET = "query G($id: String!) { getUserAccount(userAccountId: $id) "
      + "{ id firstName lastName fullName createdAt updatedAt } }";

  /** Creates an account through the command API and returns its id. */
  String create(String firstName, String lastName, String email) {
    Http.Response r = command.graphql(CREATE,
        Map.of("input", Map.of("firstName", firstName, "lastName", lastName, "emailAddress", email)));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    String id = r.json().at("/data/createUserAccount/id").asText(null);
    assertThat(id).as(r.body()).isNotNull();
    return id;
  }

  Http.Response rename(String id, String firstName, String lastName) {
    return command.graphql(RENAME,
        Map.of("input", Map.of("userAccountId", id, "firstName", firstName, "lastName", lastName)));
  }

  Http.Response delete(String id) {
    return command.graphql(DELETE, Map.of("input", Map.of("userAccountId", id)));
  }

  /** The account as the query API shows it (a JSON null when there is none). */
  JsonNode get(String id) {
    Http.Response r = query.graphql(GET, Map.of("id", id));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().has("errors")).as(r.body()).isFalse();
    return r.json().at("/data/getUserAccount");
  }

  /** Waits until the query side shows the account and {@code firstName} (projection lag). */
  JsonNode awaitFirstName(String id, String firstName) {
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
        .until(() -> firstName.equals(get(id).path("firstName").asText(null)));
    return get(id);
  }

  void awaitGone(String id) {
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> get(id).isNull());
  }

  /** Waits until every journaled event is in the read model, so that counts stand still. */
  void awaitProjectionIdle() {
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> queryLong(
        "SELECT (SELECT count(*) FROM event_journal) - (SELECT coalesce(sum(last_sequence_nr), 0) FROM user_accounts)")
        == 0);
  }

  /** What is stored: journal rows and read-model rows. */
  record Stored(long journalRows, long readModelRows) {}

  Stored stored() {
    return new Stored(queryLong("SELECT count(*) FROM event_journal"), queryLong("SELECT count(*) FROM user_accounts"));
  }

  long journalRowsOf(String persistenceId) {
    try (Connection c = connection(); var s = c.prepareStatement("SELECT count(*) FROM event_journal WHERE persistence_id = ?")) {
      s.setString(1, persistenceId);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  long queryLong(String sql) {
    try (Connection c = connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  Connection connection() throws SQLException {
    return DriverManager.getConnection(system.postgresJdbcUrl(), "postgres", "");
  }

  /** The sum of a counter over its series in a Prometheus scrape, filtered by one label. */
  static double counterSum(String scrape, String metric, String label, String value) {
    double sum = 0;
    for (String line : scrape.split("\n")) {
      if (line.startsWith(metric + "{") && line.contains(label + "=\"" + value + "\"")) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }
}
