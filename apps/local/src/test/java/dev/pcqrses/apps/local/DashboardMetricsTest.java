package dev.pcqrses.apps.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pcqrses.adapters.http.Http;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The metric names that the dashboards (ops/grafana) and the alert rules (ops/prometheus/alerts.yml)
 * build on are ones the running apps expose, and every metric family keeps one set of label keys
 * (Prometheus refuses a second set; Micrometer's registry then drops the meter silently).
 */
class DashboardMetricsTest {
  static final TestSystem sys = TestSystem.shared();
  static final Map<String, Http> APPS = Map.of(
      "command-api", sys.command, "query-api", sys.query, "read-model-updater", sys.updater);

  /** Traffic that touches every kind of meter: each command and outcome, a query, a GraphQL error. */
  @BeforeAll
  static void exercise_the_system() {
    String id = sys.create("Dash", "Board", "dash.board@example.com");
    sys.awaitFirstName(id, "Dash");
    assertThat(sys.rename(id, "Dashi", "Board").status()).isEqualTo(200);
    sys.awaitFirstName(id, "Dashi");
    assertThat(sys.delete(id).status()).isEqualTo(200);
    sys.awaitGone(id);
    // Rejected by the aggregate (the account is deleted), and invalid input: GraphQL errors.
    assertThat(sys.rename(id, "Again", "Board").errorCode()).isEqualTo("ALREADY_DELETED");
    assertThat(sys.command.graphql(TestSystem.CREATE,
        Map.of("input", Map.of("firstName", "", "lastName", "Board", "emailAddress", "not-an-email"))).errorCode())
        .isEqualTo("VALIDATION_ERROR");
  }

  @Test
  void promql_metric_names_are_extracted_without_functions_labels_or_keywords() {
    assertThat(Ops.metricNames("histogram_quantile(0.99, sum by (application, le) "
        + "(rate(pcqrses_commands_seconds_bucket{application=~\"$application\", le!=\"x\"}[$__rate_interval])))"))
        .containsExactly("pcqrses_commands_seconds_bucket");
    assertThat(Ops.metricNames("sum by (a) (rate(x_total{k=\"v}\"}[5m] offset 1h30m)) / on () group_left "
        + "sum(y_count) > 1e3 and z unless w bool == 0.5 or vector(0)"))
        .containsExactly("w", "x_total", "y_count", "z");
    assertThat(Ops.metricNames("label_values(process_uptime_seconds{job=\"a\"}, application)"))
        .containsExactly("process_uptime_seconds");
    assertThat(Ops.metricNames("application:pcqrses_projection_lag_seconds:p99_rate5m > 5"))
        .containsExactly("application:pcqrses_projection_lag_seconds:p99_rate5m");
  }

  @Test
  void every_metric_of_the_dashboards_and_alerts_is_exposed() {
    Map<String, Set<String>> referencedBy = referencedMetrics();
    assertThat(referencedBy).as("metric names found in ops/").hasSizeGreaterThan(20)
        .containsKeys("http_server_requests_seconds_count", "jvm_memory_used_bytes", "hikaricp_connections_pending");
    System.out.println("metric names referenced in ops/: " + referencedBy.keySet());

    // Meters register lazily (a GC pause timer on the first pause after start): poll, with a deadline.
    List<String> missing = new ArrayList<>();
    try {
      await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).until(() -> {
        Set<String> exposed = new TreeSet<>();
        APPS.values().forEach(app -> exposed.addAll(Scrape.parse(app.get("/metrics").body()).sampleNames()));
        missing.clear();
        referencedBy.keySet().stream().filter(name -> !exposed.contains(name)).forEach(missing::add);
        return missing.isEmpty();
      });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      // reported below, with every missing name
    }
    StringBuilder report = new StringBuilder();
    missing.forEach(name -> report.append("\n  ").append(name).append("  (").append(String.join(", ", referencedBy.get(name)))
        .append(")"));
    assertThat(missing).as("metrics referenced in ops/ but exposed by none of the apps:" + report).isEmpty();
  }

  @Test
  void every_metric_family_has_one_set_of_label_keys() {
    Map<String, String> conflicts = new TreeMap<>();
    APPS.forEach((application, app) -> {
      Map<String, Set<Set<String>>> families = Scrape.parse(app.get("/metrics").body()).labelKeySets();
      assertThat(families).as(application + " families").hasSizeGreaterThan(30);
      families.forEach((family, keySets) -> {
        if (keySets.size() > 1) {
          conflicts.put(application + " " + family, keySets.toString());
        }
      });
    });
    assertThat(conflicts).as("families with more than one set of label keys (le and quantile ignored)").isEmpty();
  }

  @Test
  void the_scrape_parser_reads_families_label_keys_and_escaped_values() {
    Scrape scrape = Scrape.parse("""
        # HELP t_seconds a timer
        # TYPE t_seconds histogram
        t_seconds_bucket{a="x, y",b="say \\"hi\\"",le="0.1"} 1
        t_seconds_bucket{a="x",b="}{",le="+Inf"} 1
        t_seconds_count{a="x",b="z"} 1
        t_seconds_sum{a="x",b="z"} 0.5
        # TYPE c_total counter
        c_total{a="x"} 1.0
        c_total{a="x",extra="1"} 2.0
        # TYPE g gauge
        g 3.0
        """);
    assertThat(scrape.sampleNames()).containsExactlyInAnyOrder("t_seconds_bucket", "t_seconds_count", "t_seconds_sum",
        "c_total", "g");
    assertThat(scrape.labelKeySets()).containsOnlyKeys("t_seconds", "c_total", "g");
    assertThat(scrape.labelKeySets().get("t_seconds")).containsExactly(Set.of("a", "b"));
    assertThat(scrape.labelKeySets().get("c_total")).containsExactlyInAnyOrder(Set.of("a"), Set.of("a", "extra"));
    assertThat(scrape.labelKeySets().get("g")).containsExactly(Set.of());
  }

  /** Metric name → the files that reference it; recorded series and Prometheus's own are left out. */
  static Map<String, Set<String>> referencedMetrics() {
    Path alerts = Ops.alertsFile();
    Set<String> ours = new TreeSet<>(Ops.recordedNames(alerts));
    ours.addAll(Ops.PROMETHEUS_SERIES);
    Map<String, Set<String>> referencedBy = new TreeMap<>();
    List<String> alertExprs = Ops.ruleExpressions(alerts);
    assertThat(alertExprs).as("expressions in " + alerts)
        .hasSize(Ops.recordedNames(alerts).size() + Ops.alertNames(alerts).size());
    Map<String, List<String>> sources = new LinkedHashMap<>();
    sources.put("alerts.yml", alertExprs);
    for (Path dashboard : Ops.dashboards()) {
      sources.put(dashboard.getFileName().toString(), Ops.dashboardExpressions(dashboard));
    }
    sources.forEach((file, exprs) -> exprs.forEach(expr -> Ops.metricNames(expr).stream()
        .filter(name -> !ours.contains(name))
        .forEach(name -> referencedBy.computeIfAbsent(name, n -> new TreeSet<>()).add(file))));
    return referencedBy;
  }

  /** A Prometheus text-format scrape: its sample names and, per family, the label key sets seen. */
  record Scrape(Set<String> sampleNames, Map<String, Set<Set<String>>> labelKeySets) {
    static Scrape parse(String text) {
      Set<String> names = new TreeSet<>();
      Map<String, Set<Set<String>>> keySets = new TreeMap<>();
      String family = null;
      for (String line : text.split("\n")) {
        if (line.startsWith("# TYPE ")) {
          family = line.split(" ")[2];
          continue;
        }
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        String name = brace >= 0 && brace < space ? line.substring(0, brace) : line.substring(0, space);
        names.add(name);
        Set<String> keys = brace >= 0 && brace < space ? labelKeys(line, brace) : new TreeSet<>();
        keys.remove("le");
        keys.remove("quantile");
        String of = family != null && name.startsWith(family) ? family : name;
        keySets.computeIfAbsent(of, f -> new java.util.HashSet<>()).add(keys);
      }
      return new Scrape(names, keySets);
    }

    /** The label names of {@code name{k="v",...}}, values read with their escapes. */
    private static Set<String> labelKeys(String line, int brace) {
      Set<String> keys = new TreeSet<>();
      int i = brace + 1;
      while (i < line.length() && line.charAt(i) != '}') {
        int eq = line.indexOf('=', i);
        keys.add(line.substring(i, eq).trim());
        i = eq + 2; // past ="
        while (line.charAt(i) != '"') {
          i += line.charAt(i) == '\\' ? 2 : 1;
        }
        i++; // past the closing quote
        if (line.charAt(i) == ',') {
          i++;
        }
      }
      return keys;
    }
  }
}
