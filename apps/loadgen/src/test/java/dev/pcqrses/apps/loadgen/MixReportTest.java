package dev.pcqrses.apps.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pcqrses.apps.loadgen.GraphQLClient.Reply;
import dev.pcqrses.apps.loadgen.Mix.Op;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class MixReportTest {
  private static JsonNode json(String text) throws Exception {
    return GraphQLClient.JSON.readTree(text);
  }

  @Test
  void errorsAreKeyedByTransportFailureHttpStatusOrGraphQLCode() throws Exception {
    assertThat(Reply.errorKey(200, json("{\"data\":{\"createUserAccount\":{\"id\":\"X\"}}}"), null)).isNull();
    assertThat(Reply.errorKey(200, json("{\"data\":{\"getUserAccount\":null}}"), null)).isNull();
    assertThat(Reply.errorKey(200, json("{\"errors\":[{\"message\":\"m\",\"extensions\":{\"code\":\"ALREADY_DELETED\"}}],"
        + "\"data\":{\"deleteUserAccount\":null}}"), null)).isEqualTo("graphql:ALREADY_DELETED");
    assertThat(Reply.errorKey(200, json("{\"errors\":[{\"message\":\"m\"}]}"), null)).isEqualTo("graphql:NO_CODE");
    assertThat(Reply.errorKey(200, json("{\"errors\":[]}"), null)).isNull();
    assertThat(Reply.errorKey(503, null, null)).isEqualTo("http:503");
    assertThat(Reply.errorKey(200, null, null)).isEqualTo("invalid:NOT_JSON");
    assertThat(Reply.errorKey(0, null, new CompletionException(new ConnectException("refused"))))
        .isEqualTo("transport:ConnectException");
    assertThat(Reply.errorKey(0, null, new HttpTimeoutException("timed out"))).isEqualTo("transport:HttpTimeoutException");
  }

  @Test
  void anOperationsReportHasCountsErrorsAndPercentiles() {
    MixRun.OpStats s = new MixRun.OpStats();
    for (int i = 1; i <= 100; i++) {
      s.scheduled.increment();
      s.ok.increment();
      s.latency.recordNanos(i * 1_000_000L);
    }
    s.scheduled.add(4);
    s.error("graphql:NOT_FOUND");
    s.error("http:503");
    s.error("http:503");
    s.dropped.increment();
    s.found.add(90);
    s.notFound.add(10);

    Map<String, Object> get = s.report(Op.GET, 10.0);
    assertThat(get).containsKeys("scheduled", "ok", "ok_per_second", "errors", "errors_by_key", "dropped",
        "skipped_no_account", "found", "not_found", "latency");
    assertThat(get).containsEntry("scheduled", 104L).containsEntry("ok", 100L).containsEntry("ok_per_second", 10.0)
        .containsEntry("errors", 3L).containsEntry("dropped", 1L).containsEntry("found", 90L);
    assertThat(get.get("errors_by_key")).isEqualTo(Map.of("graphql:NOT_FOUND", 1L, "http:503", 2L));
    @SuppressWarnings("unchecked")
    Map<String, Object> latency = (Map<String, Object>) get.get("latency");
    assertThat(latency).containsKeys("count", "p50_ms", "p90_ms", "p99_ms", "p999_ms", "max_ms", "mean_ms");
    assertThat((double) latency.get("p50_ms")).isBetween(49.9, 50.1);
    assertThat((double) latency.get("max_ms")).isBetween(99.9, 100.1);

    assertThat(s.report(Op.RENAME, 10.0)).doesNotContainKeys("found", "not_found");
  }

  @Test
  void theReadableSummaryComesFromTheReport() throws Exception {
    MixRun.OpStats create = new MixRun.OpStats();
    create.scheduled.add(2);
    create.ok.add(2);
    create.latency.recordNanos(12_000_000);
    MixRun.OpStats get = new MixRun.OpStats();
    get.scheduled.add(1);
    get.error("transport:ConnectException");
    MixRun.Visibility visibility = new MixRun.Visibility();
    visibility.sampled.add(1);
    visibility.visible.add(1);
    visibility.fromStart.recordNanos(180_000_000);
    visibility.fromAnswer.recordNanos(170_000_000);
    MixRun.Config config = new MixRun.Config(Mix.parse("create:1,get:1"), 100, 32, 256, Duration.ofSeconds(10),
        Duration.ofSeconds(5), 10, 0.1, Duration.ofMillis(10), Duration.ofSeconds(30), 1);

    Map<String, Object> report = new LinkedHashMap<>();
    report.put("mode", "mix");
    report.put("model", "open");
    report.put("target_rate_per_s", 100.0);
    report.put("max_outstanding", 256);
    report.put("mix", config.mix().asMap());
    report.put("duration_s", 10.0);
    report.put("warmup_s", 5.0);
    Map<String, Object> operations = new LinkedHashMap<>();
    operations.put("create", create.report(Op.CREATE, 10));
    operations.put("get", get.report(Op.GET, 10));
    Map<String, Object> total = new LinkedHashMap<>(create.report(Op.CREATE, 10));
    report.put("total", total);
    report.put("operations", operations);
    report.put("visibility", visibility.report(config));
    report.put("generator", Map.of("schedule_lag", new Latencies().summary(), "peak_outstanding", 3));

    String text = MixRun.render(report);
    assertThat(text).contains("open model, target 100.0/s").contains("create").contains("get")
        .contains("get errors: {transport:ConnectException=1}")
        .contains("1 sampled, 1 visible").contains("from the command's intended start: p50 180").contains("peak 3 outstanding");
    assertThat(text.lines().filter(l -> l.startsWith("all ")).findFirst()).isPresent();
    // and the report serialises as JSON as it is
    JsonNode back = json(GraphQLClient.JSON.writeValueAsString(report));
    assertThat(back.at("/operations/get/errors_by_key/transport:ConnectException").asLong()).isEqualTo(1);
    assertThat(back.at("/visibility/lag_from_start/p50_ms").asDouble()).isBetween(179.9, 180.1);
  }
}
