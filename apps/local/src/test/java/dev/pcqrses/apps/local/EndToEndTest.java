package dev.pcqrses.apps.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pcqrses.adapters.http.Http;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The main flow over HTTP: command API → journal → projection → query API. */
class EndToEndTest {
  static final TestSystem sys = TestSystem.shared();

  @Test
  void create_rename_delete_as_seen_from_the_query_side() {
    String id = sys.create("Ann", "Lee", "ann.lee@example.com");
    JsonNode created = sys.awaitFirstName(id, "Ann");
    assertThat(created.path("fullName").asText()).isEqualTo("Ann Lee");
    assertThat(created.path("createdAt").asText()).isEqualTo(created.path("updatedAt").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

    Http.Response renamed = sys.rename(id, "  Anne ", "Lee-Smith");
    assertThat(renamed.json().at("/data/renameUserAccount/id").asText()).isEqualTo(id);
    JsonNode after = sys.awaitFirstName(id, "Anne");
    assertThat(after.path("lastName").asText()).isEqualTo("Lee-Smith");
    assertThat(after.path("createdAt").asText()).isEqualTo(created.path("createdAt").asText());
    assertThat(after.path("updatedAt").asText()).isGreaterThan(created.path("updatedAt").asText());

    assertThat(sys.delete(id).json().at("/data/deleteUserAccount/id").asText()).isEqualTo(id);
    sys.awaitGone(id);
    assertThat(sys.rename(id, "Back", "Again").errorCode()).isEqualTo("ALREADY_DELETED");
  }

  @Test
  void the_correlation_id_of_a_request_is_journaled_with_its_event() throws Exception {
    Http.Response r = sys.command.post("/api/graphql", Http.JSON.writeValueAsString(Map.of("query", TestSystem.CREATE,
            "variables", Map.of("input", Map.of("firstName", "Cor", "lastName", "Rel", "emailAddress", "c@example.com")))),
        Map.of("Content-Type", "application/json", "X-Correlation-ID", "e2e-corr-7"));
    assertThat(r.headers().firstValue("X-Correlation-ID")).contains("e2e-corr-7");
    String id = r.json().at("/data/createUserAccount/id").asText();
    try (Connection c = sys.connection();
        PreparedStatement s = c.prepareStatement("SELECT event_payload FROM event_journal WHERE persistence_id = ?")) {
      s.setString(1, "UserAccount|" + id);
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        JsonNode event = Http.JSON.readTree(rs.getBytes(1));
        assertThat(event.at("/metadata/correlationId").asText()).isEqualTo("e2e-corr-7");
        assertThat(event.path("emailAddress").asText()).isEqualTo("c@example.com");
      }
    }
  }

  @Test
  void lists_and_searches_page_by_page() {
    String tag = "Pg" + System.nanoTime();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(sys.create(tag, "Member" + i, "m" + i + "@example.com"));
    }
    for (String id : ids) {
      sys.awaitFirstName(id, tag);
    }
    Http.Response search = sys.query.graphql("query S($t: String!) { searchUserAccounts(searchTerm: $t, first: 10) { id } }",
        Map.of("t", tag.toLowerCase()));
    List<String> found = new ArrayList<>();
    search.json().at("/data/searchUserAccounts").forEach(a -> found.add(a.path("id").asText()));
    assertThat(found).containsExactlyElementsOf(ids);

    List<String> listed = new ArrayList<>();
    String after = null;
    do {
      Map<String, Object> vars = after == null ? Map.of() : Map.of("after", after);
      Http.Response page = sys.query.graphql("query L($after: String) { getUserAccounts(first: 2, after: $after) "
          + "{ items { id } pageInfo { hasNextPage endCursor } } }", vars);
      page.json().at("/data/getUserAccounts/items").forEach(a -> listed.add(a.path("id").asText()));
      after = page.json().at("/data/getUserAccounts/pageInfo/hasNextPage").asBoolean()
          ? page.json().at("/data/getUserAccounts/pageInfo/endCursor").asText() : null;
    } while (after != null);
    assertThat(listed).containsAll(ids).doesNotHaveDuplicates();
    assertThat(listed).isSorted();
  }

  @Test
  void mutations_are_refused_over_get_and_queries_work_over_get() {
    Http.Response mutation = sys.command.get("/api/graphql?query="
        + Http.param("mutation { deleteUserAccount(input: {userAccountId: \"01JAAAAAAAAAAAAAAAAAAAAAAA\"}) { id } }"));
    assertThat(mutation.status()).isEqualTo(405);
    assertThat(mutation.errorCode()).isEqualTo("METHOD_NOT_ALLOWED");
    assertThat(sys.command.get("/api/graphql?query=" + Http.param("{ apiVersion }")).json().at("/data/apiVersion").asText())
        .isEqualTo("1");
  }

  @Test
  void every_app_is_ready_and_serves_metrics() {
    for (Http app : List.of(sys.command, sys.query, sys.updater)) {
      Http.Response ready = app.get("/health/ready");
      assertThat(ready.status()).as(ready.body()).isEqualTo(200);
      assertThat(app.get("/metrics").body()).contains("jvm_memory_used_bytes").contains("hikaricp_connections");
    }
    assertThat(sys.command.get("/health/ready").json().path("checks").toString())
        .contains("database").contains("journal").contains("cluster");
  }
}
