package dev.pcqrses.apps.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pcqrses.adapters.http.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * What the tests of ops/ share: where the repository's ops/ files are, the Prometheus binaries (and
 * what happens where they are missing), running a process, and reading the PromQL out of the alert
 * rules and the Grafana dashboards.
 */
final class Ops {
  private Ops() {}

  /** CI sets it: a missing Prometheus then fails the tests instead of skipping them. */
  static final String REQUIRE_ENV = "PCQRSES_REQUIRE_PROMETHEUS";

  /** The repository root: the first directory above the module's that holds ops/prometheus. */
  static Path repoRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("ops/prometheus/prometheus.yml"))) {
        return p;
      }
    }
    throw new IllegalStateException("ops/prometheus/prometheus.yml not found above " + Path.of("").toAbsolutePath());
  }

  static Path prometheusDir() {
    return repoRoot().resolve("ops/prometheus");
  }

  static Path alertsFile() {
    return prometheusDir().resolve("alerts.yml");
  }

  static List<Path> ruleTestFiles() {
    return list(prometheusDir().resolve("tests"), ".test.yml");
  }

  static List<Path> dashboards() {
    return list(repoRoot().resolve("ops/grafana"), ".json");
  }

  private static List<Path> list(Path dir, String suffix) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------- binaries

  /**
   * The executable {@code name} on the PATH. Where there is none the calling test is skipped with a
   * notice, or fails when {@value #REQUIRE_ENV}{@code =true} (CI), so CI can never skip it.
   */
  static Path requireBinary(String name) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty()) {
        Path candidate = Path.of(dir, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    String why = name + " is not on the PATH (Debian/Ubuntu: apt-get install prometheus)";
    if ("true".equalsIgnoreCase(System.getenv(REQUIRE_ENV))) {
      throw new IllegalStateException(why + ", and " + REQUIRE_ENV + "=true requires it");
    }
    System.err.println("NOTICE: skipping a Prometheus test: " + why);
    return Assumptions.abort(why);
  }

  /** The exit code and the combined output of a finished process. */
  record Run(List<String> command, int exitCode, String output) {
    String describe() {
      return "$ " + String.join(" ", command) + "\n(exit " + exitCode + ")\n" + output;
    }
  }

  /** Runs {@code command} in {@code directory} to its end (at most {@code timeoutSeconds}). */
  static Run run(Path directory, long timeoutSeconds, List<String> command) {
    try {
      Path out = Files.createTempFile("pcqrses-ops-run", ".txt");
      try {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
            .redirectOutput(out.toFile()).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
          return new Run(command, -1, "timed out after " + timeoutSeconds + " s\n" + Files.readString(out));
        }
        return new Run(command, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------- rules file

  private static final Pattern EXPR_KEY = Pattern.compile("^(\\s*)(?:- )?expr:\\s*(.*)$");
  private static final Pattern RECORD = Pattern.compile("^\\s*(?:- )?record:\\s*(\\S+)\\s*$");
  private static final Pattern ALERT = Pattern.compile("^\\s*(?:- )?alert:\\s*(\\S+)\\s*$");
  private static final Pattern GROUP = Pattern.compile("^\\s*- name:\\s*(\\S+)\\s*$");

  /**
   * The {@code expr} of every rule in a rules file: plain scalars on the key's line, or block
   * scalars ({@code |}, {@code >}) on the more indented lines below it. Comments are dropped.
   */
  static List<String> ruleExpressions(Path rulesFile) {
    List<String> lines = readLines(rulesFile);
    List<String> exprs = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = EXPR_KEY.matcher(lines.get(i));
      if (!m.matches()) {
        continue;
      }
      String rest = m.group(2).trim();
      if (rest.startsWith("|") || rest.startsWith(">")) {
        int keyIndent = m.group(1).length() + (lines.get(i).trim().startsWith("- ") ? 2 : 0);
        StringBuilder block = new StringBuilder();
        while (i + 1 < lines.size()
            && (lines.get(i + 1).isBlank() || indent(lines.get(i + 1)) > keyIndent)) {
          block.append(lines.get(++i).trim()).append('\n');
        }
        exprs.add(block.toString().trim());
      } else {
        exprs.add(unquote(rest));
      }
    }
    return exprs;
  }

  /** Names defined by {@code record:} rules: series of our own making, not the apps' metrics. */
  static Set<String> recordedNames(Path rulesFile) {
    return matches(rulesFile, RECORD);
  }

  static Set<String> alertNames(Path rulesFile) {
    return matches(rulesFile, ALERT);
  }

  static Set<String> groupNames(Path rulesFile) {
    return matches(rulesFile, GROUP);
  }

  private static Set<String> matches(Path file, Pattern pattern) {
    Set<String> names = new LinkedHashSet<>();
    for (String line : readLines(file)) {
      Matcher m = pattern.matcher(line);
      if (m.matches()) {
        names.add(unquote(m.group(1)));
      }
    }
    return names;
  }

  private static List<String> readLines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int indent(String line) {
    int n = 0;
    while (n < line.length() && line.charAt(n) == ' ') {
      n++;
    }
    return n;
  }

  private static String unquote(String s) {
    if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }

  // ---------------------------------------------------------------- dashboards

  /** Every PromQL expression of a dashboard: panel targets (rows' nested panels too) and query variables. */
  static List<String> dashboardExpressions(Path dashboard) {
    JsonNode root;
    try {
      root = Http.JSON.readTree(dashboard.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> exprs = new ArrayList<>();
    collectPanelExpressions(root.path("panels"), exprs);
    for (JsonNode variable : root.path("templating").path("list")) {
      if ("query".equals(variable.path("type").asText())) {
        JsonNode query = variable.path("query");
        exprs.add(query.isTextual() ? query.asText() : query.path("query").asText());
      }
    }
    return exprs;
  }

  private static void collectPanelExpressions(JsonNode panels, List<String> exprs) {
    for (JsonNode panel : panels) {
      for (JsonNode target : panel.path("targets")) {
        if (target.hasNonNull("expr")) {
          exprs.add(target.get("expr").asText());
        }
      }
      collectPanelExpressions(panel.path("panels"), exprs);
    }
  }

  /** A dashboard expression with Grafana's variables replaced, as Prometheus would receive it. */
  static String withGrafanaVariables(String expr) {
    return expr.replace("$__rate_interval", "1m").replace("$__interval", "1m").replace("$__range", "1h")
        .replaceAll("\\$\\{?application}?", ".*");
  }

  // ---------------------------------------------------------------- PromQL

  /** Series that Prometheus makes itself rather than scrapes. */
  static final Set<String> PROMETHEUS_SERIES =
      Set.of("up", "ALERTS", "ALERTS_FOR_STATE", "scrape_duration_seconds", "scrape_samples_scraped",
          "scrape_samples_post_metric_relabeling", "scrape_series_added");

  private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
      "ignoring", "group_left", "group_right", "inf", "nan", "atan2");

  /**
   * The metric (series) names an expression selects: what is left once strings, label matchers,
   * ranges, grouping label lists, numbers, durations, functions and keywords are taken out.
   * Grafana's {@code label_values(selector, label)} counts as its selector.
   */
  static Set<String> metricNames(String expr) {
    String s = expr;
    s = s.replaceAll("(?m)#.*$", " ");
    s = s.replaceAll("\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'|`[^`]*`", "\"\"");
    s = s.replaceAll("label_values\\(\\s*([^,()]*?)\\s*,\\s*[A-Za-z_][A-Za-z0-9_]*\\s*\\)", " $1 ");
    s = s.replaceAll("label_values\\(\\s*[A-Za-z_][A-Za-z0-9_]*\\s*\\)", " ");
    s = s.replaceAll("\\$\\{[^}]*}|\\$[A-Za-z0-9_]+", " ");
    s = s.replaceAll("\\{[^}]*}", " ");
    s = s.replaceAll("\\[[^]]*]", " ");
    s = s.replaceAll("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
    s = s.replaceAll("\\b(?:\\d+(?:ms|s|m|h|d|w|y))+\\b", " ");
    s = s.replaceAll("(?<![A-Za-z0-9_:])(?:0[xX][0-9a-fA-F]+|\\d*\\.?\\d+(?:[eE][+-]?\\d+)?)", " ");
    Set<String> names = new TreeSet<>();
    Matcher m = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]*").matcher(s);
    while (m.find()) {
      String name = m.group();
      int next = m.end();
      while (next < s.length() && Character.isWhitespace(s.charAt(next))) {
        next++;
      }
      boolean isFunction = next < s.length() && s.charAt(next) == '(';
      if (!isFunction && !KEYWORDS.contains(name.toLowerCase(Locale.ROOT))) {
        names.add(name);
      }
    }
    return Collections.unmodifiableSet(names);
  }
}
