package dev.pcqrses.apps.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pcqrses.adapters.http.Http;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus scraping the running system with the shipped rules: every app is scraped, the
 * metrics the alerts and dashboards build on arrive, the rule groups load and evaluate, and every
 * dashboard expression is PromQL that Prometheus accepts. Skipped with a notice where Prometheus is
 * not installed, unless {@code PCQRSES_REQUIRE_PROMETHEUS=true} (CI).
 */
class PrometheusScrapeTest {
  static final Duration DEADLINE = Duration.ofSeconds(60);

  @TempDir
  static Path dir;

  static Process prometheus;
  static Path log;
  static Http api;
  static TestSystem sys;

  @BeforeAll
  static void start_prometheus_on_the_system() throws IOException {
    Path binary = Ops.requireBinary("prometheus");
    sys = TestSystem.shared();

    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, config(Map.of(
        "command-api", sys.system.commandApiUrl(),
        "query-api", sys.system.queryApiUrl(),
        "read-model-updater", sys.system.readModelUpdaterUrl())), StandardCharsets.UTF_8);
    int port = Ops.freePort();
    log = dir.resolve("prometheus.log");
    prometheus = new ProcessBuilder(binary.toString(),
        "--config.file=" + config,
        "--storage.tsdb.path=" + dir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port)
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Runtime.getRuntime().addShutdownHook(new Thread(PrometheusScrapeTest::stopPrometheus, "prometheus-stop"));
    api = new Http("http://127.0.0.1:" + port);

    awaitWithLog("Prometheus ready", () -> assertThat(api.get("/-/ready").status()).isEqualTo(200));

    // Traffic, so that the command, projection and pool meters have something to show.
    String id = sys.create("Prom", "Scrape", "prom.scrape@example.com");
    sys.awaitFirstName(id, "Prom");
    sys.rename(id, "Prometheus", "Scrape");
    sys.delete(id);
    sys.awaitGone(id);
  }

  /** The shipped configuration, with the apps' real ports, a 1 s interval and the shipped rules. */
  static String config(Map<String, String> apps) {
    StringBuilder yml = new StringBuilder()
        .append("global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1s\n")
        .append("rule_files:\n  - '").append(Ops.alertsFile()).append("'\n")
        .append("scrape_configs:\n");
    new TreeMap<>(apps).forEach((job, url) -> {
      URI uri = URI.create(url);
      yml.append("  - job_name: ").append(job).append('\n')
          .append("    metrics_path: /metrics\n")
          .append("    static_configs:\n")
          .append("      - targets: ['").append(uri.getHost()).append(':').append(uri.getPort()).append("']\n");
    });
    return yml.toString();
  }

  @AfterAll
  static void stopPrometheus() {
    Process p = prometheus;
    if (p != null && p.isAlive()) {
      p.destroy();
      try {
        if (!p.waitFor(15, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    }
  }

  @Test
  void every_app_is_scraped_and_the_metrics_of_alerts_and_dashboards_arrive() {
    awaitWithLog("scraped data", () -> {
      assertThat(labelValues(query("up == 1"), "job"))
          .containsExactlyInAnyOrder("command-api", "query-api", "read-model-updater");
      assertThat(labelValues(query("http_server_requests_seconds_count"), "application"))
          .containsExactlyInAnyOrder("command-api", "query-api", "read-model-updater");
      assertThat(labelValues(query("jvm_memory_used_bytes"), "application"))
          .containsExactlyInAnyOrder("command-api", "query-api", "read-model-updater");
      assertThat(labelValues(query("hikaricp_connections_max"), "pool")).isNotEmpty();
      assertThat(query("pcqrses_projection_events_total")).isNotEmpty();
      // Our traffic went through the projection and reached Prometheus.
      assertThat(query("sum(pcqrses_projection_events_total{result=\"applied\"}) > 0")).isNotEmpty();
    });
  }

  @Test
  void the_rule_groups_load_and_evaluate_without_errors() {
    Set<String> groups = Ops.groupNames(Ops.alertsFile());
    assertThat(groups).isNotEmpty();
    awaitWithLog("rule groups evaluated", () -> {
          JsonNode body = api.get("/api/v1/rules").json();
          assertThat(body.path("status").asText()).isEqualTo("success");
          Set<String> loaded = new TreeSet<>();
          List<String> unhealthy = new ArrayList<>();
          int rules = 0;
          for (JsonNode group : body.at("/data/groups")) {
            loaded.add(group.path("name").asText());
            for (JsonNode rule : group.path("rules")) {
              rules++;
              if (!"ok".equals(rule.path("health").asText())) {
                unhealthy.add(rule.path("name").asText() + ": " + rule.path("health").asText() + " "
                    + rule.path("lastError").asText(""));
              }
            }
          }
          assertThat(loaded).containsExactlyInAnyOrderElementsOf(groups);
          assertThat(rules).isEqualTo(Ops.ruleExpressions(Ops.alertsFile()).size());
          assertThat(unhealthy).as("rules whose last evaluation was not ok").isEmpty();
        });
  }

  @Test
  void every_dashboard_expression_is_valid_promql() {
    List<String> invalid = new ArrayList<>();
    int checked = 0;
    for (Path dashboard : Ops.dashboards()) {
      for (String expr : Ops.dashboardExpressions(dashboard)) {
        if (expr.startsWith("label_values(")) {
          continue; // a Grafana function; its selector is checked by DashboardMetricsTest
        }
        checked++;
        Http.Response r = api.get("/api/v1/query?query=" + Http.param(Ops.withGrafanaVariables(expr)));
        if (r.status() != 200 || !"success".equals(r.json().path("status").asText())) {
          invalid.add(dashboard.getFileName() + ": " + expr + "\n    -> " + r.body());
        }
      }
    }
    assertThat(checked).isPositive();
    assertThat(invalid).as("dashboard expressions Prometheus refuses").isEmpty();
  }

  /**
   * Polls {@code assertion} until it holds (deadline {@link #DEADLINE}); fails at once when Prometheus
   * exits. Either failure carries Prometheus's log, which goes with the temporary directory.
   */
  static void awaitWithLog(String what, ThrowingRunnable assertion) {
    try {
      await(what).atMost(DEADLINE).pollInterval(Duration.ofMillis(200))
          .failFast("Prometheus exited", () -> !prometheus.isAlive())
          .ignoreExceptions()
          .untilAsserted(assertion);
    } catch (RuntimeException e) {
      throw new AssertionError(what + ": " + e.getMessage() + "\n--- Prometheus log ---\n" + prometheusLog(), e);
    }
  }

  /** The result vector of an instant query. */
  static JsonNode query(String promql) {
    Http.Response r = api.get("/api/v1/query?query=" + Http.param(promql));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().path("status").asText()).as(r.body()).isEqualTo("success");
    return r.json().at("/data/result");
  }

  static Set<String> labelValues(JsonNode result, String label) {
    Set<String> values = new TreeSet<>();
    result.forEach(series -> values.add(series.path("metric").path(label).asText()));
    return values;
  }

  static String prometheusLog() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
