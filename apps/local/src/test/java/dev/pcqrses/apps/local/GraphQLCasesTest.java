package dev.pcqrses.apps.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pcqrses.adapters.http.Http;
import graphql.introspection.IntrospectionQuery;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of the handed file (src/test/resources/cases/graphql-cases.json, copied verbatim from
 * the team's shared cases) against the real system over HTTP. A case without a check fails, so a
 * new case cannot be skipped by accident.
 */
class GraphQLCasesTest {
  static final TestSystem sys = TestSystem.shared();

  static Stream<Arguments> cases() throws IOException {
    try (InputStream in = GraphQLCasesTest.class.getResourceAsStream("/cases/graphql-cases.json")) {
      JsonNode all = Http.JSON.readTree(in);
      List<Arguments> cases = new ArrayList<>();
      all.forEach(c -> cases.add(Arguments.of(c.get("name").asText(), c)));
      return cases.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void handed_case(String name, JsonNode c) {
    Http api = "command".equals(c.get("api").asText()) ? sys.command : sys.query;
    String body = c.get("body").asText();
    switch (name) {
      case "create-japanese-names" -> {
        Http.Response r = api.postJson("/api/graphql", body);
        assertThat(r.status()).isEqualTo(200);
        String id = r.json().at("/data/createUserAccount/id").asText();
        assertThat(id).matches("[0-9A-HJKMNP-TV-Z]{26}");
        JsonNode account = sys.awaitFirstName(id, "太郎");
        assertThat(account.path("lastName").asText()).isEqualTo("山田");
      }
      case "create-invalid-email", "create-empty-first-name", "create-blank-last-name", "create-name-101-chars",
          "create-missing-input" -> refusedAndNothingStored(api, body, "VALIDATION_ERROR");
      case "create-name-100-emoji" -> {
        Http.Response r = api.postJson("/api/graphql", body);
        assertThat(r.json().has("errors")).as(r.body()).isFalse();
        String id = r.json().at("/data/createUserAccount/id").asText();
        String sent = "😀".repeat(100);
        assertThat(sys.awaitFirstName(id, sent).path("firstName").asText()).isEqualTo(sent);
      }
      case "rename-unknown-id" -> {
        refusedAndNothingStored(api, body, "NOT_FOUND");
        assertThat(sys.journalRowsOf("UserAccount|01JAAAAAAAAAAAAAAAAAAAAAAA")).isZero();
      }
      case "rename-malformed-id" -> refusedAndNothingStored(api, body, "VALIDATION_ERROR");
      case "delete-twice" -> {
        String id = sys.create("Del", "Twice", "del@example.com");
        assertThat(sys.delete(id).json().has("errors")).isFalse();
        Http.Response second = sys.delete(id);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.errorCode()).isEqualTo("ALREADY_DELETED");
        sys.awaitGone(id);
      }
      case "rename-after-delete" -> {
        String id = sys.create("Ren", "After", "ren@example.com");
        sys.delete(id);
        long events = sys.journalRowsOf("UserAccount|" + id);
        assertThat(sys.rename(id, "New", "Name").errorCode()).isEqualTo("ALREADY_DELETED");
        assertThat(sys.journalRowsOf("UserAccount|" + id)).isEqualTo(events).isEqualTo(2);
      }
      case "malformed-json-body" -> {
        Http.Response r = api.postJson("/api/graphql", body);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("errors").isArray()).isTrue();
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
      }
      case "not-json-content" -> {
        assertThat(api.postJson("/api/graphql", body).status()).isEqualTo(400);
        assertThat(api.post("/api/graphql", body, Map.of("Content-Type", "text/plain")).status()).isEqualTo(400);
        assertThat(api.post("/api/graphql", body, Map.of()).status()).isEqualTo(400);
      }
      case "body-over-limit" -> {
        sys.awaitProjectionIdle();
        TestSystem.Stored before = sys.stored();
        String huge = "a".repeat(5 * 1024 * 1024);
        Http.Response r = api.graphql(TestSystem.CREATE, Map.of("input",
            Map.of("firstName", huge, "lastName", "Lee", "emailAddress", "ann@example.com")));
        assertThat(r.status()).isEqualTo(413);
        assertThat(sys.stored()).isEqualTo(before);
      }
      case "deep-nested-query" -> {
        long start = System.nanoTime();
        Http.Response r = api.postJson("/api/graphql", body);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.errorCode()).isEqualTo("QUERY_TOO_COMPLEX");
        Http.Response introspection = api.graphql(IntrospectionQuery.INTROSPECTION_QUERY, Map.of());
        assertThat(introspection.json().has("errors")).as(introspection.body()).isFalse();
        assertThat(introspection.json().at("/data/__schema/types").size()).isGreaterThan(5);
      }
      case "search-sql-text" -> {
        Http.Response r = api.postJson("/api/graphql", body);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().at("/data/searchUserAccounts").size()).isZero();
        assertThat(sys.queryLong("SELECT count(*) FROM pg_tables WHERE tablename = 'user_accounts'")).isEqualTo(1);
      }
      case "search-percent-is-literal" -> {
        String percent = sys.create("100%", "Pure", "pct@example.com");
        String plain = sys.create("Plain", "Name", "plain@example.com");
        sys.awaitFirstName(percent, "100%");
        sys.awaitFirstName(plain, "Plain");
        Http.Response r = api.postJson("/api/graphql", body);
        List<String> ids = new ArrayList<>();
        r.json().at("/data/searchUserAccounts").forEach(a -> ids.add(a.path("id").asText()));
        assertThat(ids).contains(percent).doesNotContain(plain);
      }
      case "get-unknown-id" -> {
        Http.Response r = api.postJson("/api/graphql", body);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().has("errors")).isFalse();
        assertThat(r.json().at("/data/getUserAccount").isNull()).isTrue();
      }
      default -> fail("no check written for the handed case \"" + name + "\": add one");
    }
  }

  /** The request is answered with {@code code} (HTTP 200) and neither journal nor read model changes. */
  private static void refusedAndNothingStored(Http api, String body, String code) {
    sys.awaitProjectionIdle();
    TestSystem.Stored before = sys.stored();
    Http.Response r = api.postJson("/api/graphql", body);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.errorCode()).as(r.body()).isEqualTo(code);
    assertThat(r.body()).doesNotContain("Exception");
    // A refused command is refused before anything is written; a late write would show here.
    sys.awaitProjectionIdle();
    assertThat(sys.stored()).isEqualTo(before);
  }
}
