package dev.pcqrses.apps.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ops/prometheus as promtool sees it: the configuration and rules load, and the rules' unit tests
 * (ops/prometheus/tests/*.test.yml) pass. Skipped with a notice where promtool is not installed,
 * unless {@code PCQRSES_REQUIRE_PROMETHEUS=true} (CI).
 */
class PrometheusRulesTest {
  static Path promtool;
  static Path root;

  @BeforeAll
  static void promtool() {
    promtool = Ops.requireBinary("promtool");
    root = Ops.repoRoot();
  }

  @Test
  void the_configuration_is_valid() {
    assertSucceeds(List.of(promtool.toString(), "check", "config", "ops/prometheus/prometheus.yml"));
  }

  @Test
  void the_rules_are_valid() {
    assertSucceeds(List.of(promtool.toString(), "check", "rules", "ops/prometheus/alerts.yml"));
  }

  @Test
  void the_rule_unit_tests_pass() {
    List<Path> tests = Ops.ruleTestFiles();
    assertThat(tests).as("ops/prometheus/tests/*.test.yml").isNotEmpty();
    List<String> command = new ArrayList<>(List.of(promtool.toString(), "test", "rules"));
    tests.forEach(t -> command.add(root.relativize(t).toString()));
    assertSucceeds(command);
  }

  @Test
  void every_alert_has_a_unit_test() throws Exception {
    Set<String> tested = new TreeSet<>();
    Pattern alertname = Pattern.compile("alertname:\\s*(\\S+)");
    for (Path test : Ops.ruleTestFiles()) {
      Matcher m = alertname.matcher(Files.readString(test));
      while (m.find()) {
        tested.add(m.group(1));
      }
    }
    assertThat(tested).as("alerts tested in ops/prometheus/tests").containsAll(Ops.alertNames(Ops.alertsFile()));
  }

  private static void assertSucceeds(List<String> command) {
    Ops.Run run = Ops.run(root, 120, command);
    System.out.println(run.describe());
    assertThat(run.exitCode()).as(run.describe()).isZero();
  }
}
