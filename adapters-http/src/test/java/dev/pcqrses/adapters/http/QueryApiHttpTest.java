package dev.pcqrses.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.f4b6a3.ulid.UlidCreator;
import com.typesafe.config.ConfigFactory;
import dev.pcqrses.adapters.http.graphql.GraphQLEndpoint;
import dev.pcqrses.adapters.http.graphql.QueryApiSchema;
import dev.pcqrses.adapters.postgres.JooqReadModelReader;
import dev.pcqrses.adapters.postgres.ReadModelTransactions;
import dev.pcqrses.adapters.postgres.SharedPostgres;
import dev.pcqrses.domain.useraccount.EmailAddress;
import dev.pcqrses.domain.useraccount.EventId;
import dev.pcqrses.domain.useraccount.EventMetadata;
import dev.pcqrses.domain.useraccount.FirstName;
import dev.pcqrses.domain.useraccount.LastName;
import dev.pcqrses.domain.useraccount.UserAccountCreated;
import dev.pcqrses.domain.useraccount.UserAccountId;
import dev.pcqrses.ports.in.JournalRecord;
import dev.pcqrses.ports.service.UserAccountProjector;
import dev.pcqrses.ports.service.UserAccountQueryService;
import graphql.introspection.IntrospectionQuery;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP edge over real loopback HTTP, in front of the real query stack on PostgreSQL. */
class QueryApiHttpTest {
  static final AtomicBoolean DEPENDENCY_UP = new AtomicBoolean(true);
  static HttpServer server;
  static Http http;
  static PrometheusMeterRegistry metrics;

  @BeforeAll
  static void start() {
    SharedPostgres pg = SharedPostgres.get();
    HttpServerSettings settings = HttpServerSettings.fromConfig(
        ConfigFactory.defaultReference().getConfig("pcqrses.http-defaults"));
    metrics = MetricsRegistries.prometheus("query-api-test");
    server = HttpServer.builder(settings)
        .graphql(new GraphQLEndpoint(QueryApiSchema.create(new UserAccountQueryService(
            new JooqReadModelReader(pg.dataSource()))), settings.maxQueryDepth(), settings.maxQueryComplexity(), 100, metrics))
        .readiness(HealthCheck.immediate("database", () -> pg.dataSource().isRunning()))
        .readiness(HealthCheck.immediate("switch", DEPENDENCY_UP::get))
        .metrics(metrics)
        .start();
    http = new Http(server.baseUrl());
  }

  @AfterAll
  static void stop() {
    server.stop(java.time.Duration.ofSeconds(5));
  }

  static UserAccountId projectAccount(String first, String last) {
    UserAccountId id = new UserAccountId(UlidCreator.getMonotonicUlid().toString());
    UserAccountCreated created = new UserAccountCreated(new EventId(UlidCreator.getMonotonicUlid().toString()), id,
        new FirstName(first), new LastName(last), new EmailAddress("x@example.com"),
        Instant.parse("2026-12-03T10:15:30.123Z"), EventMetadata.NONE);
    new ReadModelTransactions(SharedPostgres.get().dataSource()).inTransaction(w ->
        new UserAccountProjector(w).project(new JournalRecord(id.persistenceId(), 1, created)));
    return id;
  }

  @Test
  void answers_a_query_with_the_contract_fields() {
    UserAccountId id = projectAccount("太郎", "山田");
    Http.Response r = http.graphql("query G($id: String!) { getUserAccount(userAccountId: $id) "
        + "{ id firstName lastName fullName createdAt updatedAt } }", Map.of("id", id.value()));
    assertThat(r.status()).isEqualTo(200);
    JsonNode account = r.json().path("data").path("getUserAccount");
    assertThat(account.path("id").asText()).isEqualTo(id.value());
    assertThat(account.path("fullName").asText()).isEqualTo("太郎 山田");
    assertThat(account.path("createdAt").asText()).isEqualTo("2026-12-03T10:15:30.123Z");
    assertThat(r.json().has("errors")).isFalse();
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
  }

  @Test
  void an_unknown_id_is_null_and_a_malformed_one_a_validation_error() {
    Http.Response unknown = http.graphql("query G($id: String!) { getUserAccount(userAccountId: $id) { id } }",
        Map.of("id", "01JAAAAAAAAAAAAAAAAAAAAAAA"));
    assertThat(unknown.json().path("data").path("getUserAccount").isNull()).isTrue();
    assertThat(unknown.json().has("errors")).isFalse();

    Http.Response malformed = http.graphql("query G($id: String!) { getUserAccount(userAccountId: $id) { id } }",
        Map.of("id", "abc"));
    assertThat(malformed.status()).isEqualTo(200);
    assertThat(malformed.errorCode()).isEqualTo("VALIDATION_ERROR");
    assertThat(malformed.json().at("/errors/0/extensions/violations/0/field").asText()).isEqualTo("userAccountId");
    assertThat(malformed.json().at("/errors/0/path/0").asText()).isEqualTo("getUserAccount");
  }

  @Test
  void request_level_problems_are_4xx_json_without_internals() {
    Http.Response truncated = http.postJson("/api/graphql", "{\"query\": \"mutation { createUserAccount(");
    assertThat(truncated.status()).isEqualTo(400);
    assertThat(truncated.errorCode()).isEqualTo("BAD_REQUEST");
    assertThat(truncated.body()).doesNotContain("Exception").doesNotContain("at com.").doesNotContain("at dev.");

    assertThat(http.postJson("/api/graphql", "hello").status()).isEqualTo(400);
    assertThat(http.post("/api/graphql", "hello", Map.of("Content-Type", "text/plain")).status()).isEqualTo(400);
    assertThat(http.postJson("/api/graphql", "[1,2]").status()).isEqualTo(400);
    assertThat(http.postJson("/api/graphql", "{\"query\": 42}").status()).isEqualTo(400);
    assertThat(http.postJson("/api/graphql", "{\"query\": \"{ apiVersion }\", \"variables\": [1]}").status()).isEqualTo(400);
    assertThat(http.postJson("/api/graphql", "{\"query\": \"{a}\", \"query\": \"{b}\"}").status()).isEqualTo(400);
    // Valid JSON, but not declared as JSON: what a cross-site form post looks like.
    Http.Response form = http.post("/api/graphql", "{\"query\": \"{ __typename }\"}",
        Map.of("Content-Type", "application/x-www-form-urlencoded"));
    assertThat(form.status()).isEqualTo(415);
    assertThat(form.errorCode()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
  }

  @Test
  void a_body_over_the_limit_gets_413() {
    String hugeName = "a".repeat(5 * 1024 * 1024);
    Http.Response r = http.postJson("/api/graphql",
        "{\"query\": \"query { searchUserAccounts(searchTerm: \\\"" + hugeName + "\\\") { id } }\"}");
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.errorCode()).isEqualTo("PAYLOAD_TOO_LARGE");
  }

  @Test
  void a_chunked_body_over_the_limit_gets_413_too() {
    byte[] big = ("{\"query\": \"{ searchUserAccounts(searchTerm: \\\"" + "b".repeat(1_200_000) + "\\\") { id } }\"}")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    // An input stream of unknown length makes the client send Transfer-Encoding: chunked.
    Http.Response r = http.postStream("/api/graphql", () -> new java.io.ByteArrayInputStream(big),
        Map.of("Content-Type", "application/json"));
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.errorCode()).isEqualTo("PAYLOAD_TOO_LARGE");
  }

  @Test
  void only_one_json_object_sent_as_json_is_a_request() {
    assertThat(http.postJson("/api/graphql", "{\"query\": \"{ __typename }\"} xyz").status()).isEqualTo(400);
    assertThat(http.postJson("/api/graphql", "{\"query\": \"{ __typename }\"}{\"query\": \"{ __typename }\"}")
        .status()).isEqualTo(400);
    // Without a media type a browser can send it cross-site with no preflight: refused.
    Http.Response untyped = http.post("/api/graphql", "{\"query\": \"{ __typename }\"}", Map.of());
    assertThat(untyped.status()).isEqualTo(415);
    assertThat(untyped.errorCode()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    assertThat(http.post("/api/graphql", "{\"query\": \"{ __typename }\"}",
        Map.of("Content-Type", "application/json; charset=utf-8")).status()).isEqualTo(200);
  }

  @Test
  void messages_speak_graphql_not_java() {
    Http.Response list = http.graphql("query($id: String!) { getUserAccount(userAccountId: $id) { id } }",
        Map.of("id", java.util.List.of("x")));
    assertThat(list.errorCode()).isEqualTo("VALIDATION_ERROR");
    assertThat(list.json().at("/errors/0/message").asText()).contains("'list'").doesNotContain("ArrayList");
    Http.Response object = http.graphql("query($id: String!) { getUserAccount(userAccountId: $id) { id } }",
        Map.of("id", Map.of("a", 1)));
    assertThat(object.json().at("/errors/0/message").asText()).doesNotContain("LinkedHashMap").doesNotContain("HashMap");
    Http.Response literal = http.graphql("{ getUserAccount(userAccountId: 123) { id } }", Map.of());
    assertThat(literal.errorCode()).isEqualTo("VALIDATION_ERROR");
    assertThat(literal.json().at("/errors/0/message").asText()).contains("123").doesNotContain("IntValue");
    Http.Response syntax = http.get("/api/graphql?query=%C3%28");
    assertThat(syntax.body()).doesNotContain("ANTLR");
    // Not valid HTTP (java.net.URI refuses to send it): the server's parser answers a bare 400.
    assertThat(rawGet("/api/graphql?query=%ZZ")).startsWith("HTTP/1.1 400");
  }

  /** A GET sent byte for byte over a socket, for requests that HTTP client libraries refuse to build. */
  private static String rawGet(String pathAndQuery) {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void emoji_are_returned_as_utf8_not_as_escaped_surrogates() {
    UserAccountId id = projectAccount("😀", "Smile");
    Http.Response r = http.graphql("query($id: String!) { getUserAccount(userAccountId: $id) { firstName } }",
        Map.of("id", id.value()));
    assertThat(r.body()).contains("😀").doesNotContainIgnoringCase("\\ud83d");
  }

  @Test
  void graphql_syntax_and_schema_errors_carry_codes() {
    assertThat(http.graphql("query { getUserAccount(", Map.of()).errorCode()).isEqualTo("GRAPHQL_PARSE_FAILED");
    assertThat(http.graphql("query { noSuchField }", Map.of()).errorCode()).isEqualTo("VALIDATION_ERROR");
    assertThat(http.graphql("query G($id: String!) { getUserAccount(userAccountId: $id) { id } }", Map.of())
        .errorCode()).isEqualTo("VALIDATION_ERROR");
    assertThat(http.graphql("query G($n: Int) { getUserAccounts(first: $n) { items { id } } }", Map.of("n", "x"))
        .errorCode()).isEqualTo("VALIDATION_ERROR");
  }

  @Test
  void refuses_deep_queries_quickly_but_runs_graphiql_introspection() {
    String deep = "{ __schema { types { fields { type { " + "ofType { ".repeat(40) + "name" + " }".repeat(40)
        + " } } } } }";
    long start = System.nanoTime();
    Http.Response r = http.graphql(deep, Map.of());
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.errorCode()).as(r.body()).isEqualTo("QUERY_TOO_COMPLEX");
    assertThat(r.json().path("data").isMissingNode() || r.json().path("data").isNull()).isTrue();
    assertThat(millis).as("answered without executing").isLessThan(5_000);

    Http.Response introspection = http.graphql(IntrospectionQuery.INTROSPECTION_QUERY, Map.of());
    assertThat(introspection.json().has("errors")).as(introspection.body()).isFalse();
    assertThat(introspection.json().at("/data/__schema/queryType/name").asText()).isEqualTo("Query");
  }

  @Test
  void refuses_wide_shallow_queries_over_the_complexity_limit_that_the_depth_limit_lets_through() {
    // Depth 4, far below the depth limit; 120 aliases x 3 fields = 360 fields, over the 300 allowed.
    StringBuilder wide = new StringBuilder("{");
    for (int i = 0; i < 120; i++) {
      wide.append(" a").append(i).append(": getUserAccounts(first: 1) { items { id } }");
    }
    Http.Response refused = http.graphql(wide.append(" }").toString(), Map.of());
    assertThat(refused.status()).isEqualTo(200);
    assertThat(refused.errorCode()).as(refused.body()).isEqualTo("QUERY_TOO_COMPLEX");
    assertThat(refused.json().path("data").isMissingNode() || refused.json().path("data").isNull()).isTrue();

    Http.Response allowed = http.graphql("{ a: getUserAccounts(first: 1) { items { id } } b: getUserAccounts(first: 1) { items { id } } }",
        Map.of());
    assertThat(allowed.json().has("errors")).as(allowed.body()).isFalse();
  }

  @Test
  void queries_also_work_over_get() {
    UserAccountId id = projectAccount("Get", "Request");
    Http.Response r = http.get("/api/graphql?query=" + Http.param("query G($id: String!) { getUserAccount(userAccountId: $id) { fullName } }")
        + "&variables=" + Http.param("{\"id\":\"" + id.value() + "\"}"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().at("/data/getUserAccount/fullName").asText()).isEqualTo("Get Request");
    assertThat(http.get("/api/graphql").status()).isEqualTo(400);
    assertThat(http.get("/api/graphql?query=x&variables=" + Http.param("[1]")).status()).isEqualTo(400);
  }

  @Test
  void correlation_ids_are_echoed_when_safe_and_replaced_otherwise() {
    Http.Response given = http.get("/health/live", Map.of("X-Correlation-ID", "req-123.abc:7"));
    assertThat(given.headers().firstValue("X-Correlation-ID")).contains("req-123.abc:7");
    Http.Response unsafe = http.get("/health/live", Map.of("X-Correlation-ID", "bad value\twith tab"));
    assertThat(unsafe.headers().firstValue("X-Correlation-ID")).hasValueSatisfying(v ->
        assertThat(v).isNotEqualTo("bad value\twith tab").matches("[0-9a-f-]{36}"));
    Http.Response none = http.get("/health/live");
    assertThat(none.headers().firstValue("X-Correlation-ID")).hasValueSatisfying(v -> assertThat(v).hasSize(36));
  }

  @Test
  void readiness_follows_the_dependencies() {
    assertThat(http.get("/health/live").status()).isEqualTo(200);
    Http.Response ready = http.get("/health/ready");
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.json().at("/checks/database").asText()).isEqualTo("UP");
    DEPENDENCY_UP.set(false);
    try {
      Http.Response down = http.get("/health/ready");
      assertThat(down.status()).isEqualTo(503);
      assertThat(down.json().at("/checks/switch").asText()).isEqualTo("DOWN");
    } finally {
      DEPENDENCY_UP.set(true);
    }
  }

  @Test
  void unknown_paths_and_methods_get_json_errors() {
    Http.Response notFound = http.get("/nope");
    assertThat(notFound.status()).isEqualTo(404);
    assertThat(notFound.errorCode()).isEqualTo("ENDPOINT_NOT_FOUND");
    assertThat(notFound.json().at("/errors/0/message").asText()).contains("/api/graphql").contains("/health/ready");
    assertThat(http.method("PUT", "/api/graphql").status()).isEqualTo(405);
    assertThat(http.method("DELETE", "/health/ready").status()).isEqualTo(405);
  }

  @Test
  void metrics_are_served_in_prometheus_text_format() {
    http.get("/health/live");
    Http.Response r = http.get("/metrics");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
    assertThat(r.body())
        .contains("http_server_requests_seconds_count{application=\"query-api-test\",method=\"GET\",outcome=\"SUCCESS\",route=\"/health/live\",status=\"200\"}")
        .contains("jvm_memory_used_bytes");
    // Invented methods do not create series of their own.
    http.method("BREW", "/api/graphql");
    http.method("ZZZ1", "/api/graphql");
    String scrape = http.get("/metrics").body();
    assertThat(scrape).doesNotContain("BREW").doesNotContain("ZZZ1").contains("method=\"OTHER\"");
  }

  @Test
  void graphql_operations_are_timed_by_type_root_fields_and_outcome_and_errors_counted_by_code() {
    http.graphql("query MetricsNamed($id: String!) { getUserAccount(userAccountId: $id) { id } }",
        Map.of("id", "01JAAAAAAAAAAAAAAAAAAAAAAA"));
    String before = http.get("/metrics").body();
    http.graphql("query MetricsBad($id: String!) { getUserAccount(userAccountId: $id) { id } }", Map.of("id", "abc"));
    http.graphql("query { getUserAccount(userAccountId: \"01JAAAAAAAAAAAAAAAAAAAAAAA\") { nope } }", Map.of());
    http.graphql("query Broken { getUserAccount(", Map.of());

    String scrape = http.get("/metrics").body();
    assertThat(scrape)
        .contains("graphql_requests_seconds_count{application=\"query-api-test\",operation_name=\"getUserAccount\","
            + "operation_type=\"query\",outcome=\"success\"}")
        .contains("graphql_requests_seconds_bucket{application=\"query-api-test\",operation_name=\"getUserAccount\"")
        .contains("graphql_errors_total{application=\"query-api-test\",code=\"VALIDATION_ERROR\","
            + "operation_name=\"getUserAccount\",operation_type=\"query\"}")
        // Refused before execution: type and name are unknown.
        .contains("graphql_errors_total{application=\"query-api-test\",code=\"VALIDATION_ERROR\","
            + "operation_name=\"unknown\",operation_type=\"unknown\"}")
        .contains("graphql_errors_total{application=\"query-api-test\",code=\"GRAPHQL_PARSE_FAILED\","
            + "operation_name=\"unknown\",operation_type=\"unknown\"}")
        .doesNotContain("MetricsNamed").doesNotContain("MetricsBad");
    // The server-side error series of every root field exist before any such error, at zero.
    assertThat(before).contains("graphql_errors_total{application=\"query-api-test\",code=\"UNAVAILABLE\","
        + "operation_name=\"searchUserAccounts\",operation_type=\"query\"} 0.0");
  }

  @Test
  void client_chosen_operation_names_do_not_create_series() {
    for (int i = 0; i < 130; i++) {
      http.graphql("query Flood" + i + " { __typename }", Map.of());
    }
    String scrape = http.get("/metrics").body();
    assertThat(scrape).doesNotContain("Flood")
        .contains("graphql_requests_seconds_count{application=\"query-api-test\",operation_name=\"__typename\","
            + "operation_type=\"query\",outcome=\"success\"}");
  }
}
