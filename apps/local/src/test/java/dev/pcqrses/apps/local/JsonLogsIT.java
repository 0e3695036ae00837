package dev.pcqrses.apps.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged local jar, started as a user starts it, with its real logging configuration (JSON
 * lines on stdout): one request's correlation id is on the lines of the command side and of the
 * read side, and no e-mail address sent by this test appears in any line, even at DEBUG.
 */
class JsonLogsIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Pattern URL = Pattern.compile("(command|query) API .*?:\\s+(http://\\S+)/api/graphql");
  static final String CORRELATION_ID = "abc-" + UUID.randomUUID();
  static final String EMAIL = "json.leak-check+it@example.org";
  static final String EMAIL_IN_BAD_INPUT = "Leak.Check@Example.ORG";

  static Process process;
  static Path stdout;
  static Path stderr;
  static final HttpClient http = HttpClient.newHttpClient();
  static String commandUrl;
  static String queryUrl;

  @BeforeAll
  static void start() throws Exception {
    Path jar = Path.of("target/pcqrses-local.jar").toAbsolutePath();
    assertThat(jar).as("the packaged jar (mvn package)").exists();
    Path dir = Files.createTempDirectory("pcqrses-json-logs");
    stdout = dir.resolve("stdout.log");
    stderr = dir.resolve("stderr.log");
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toString(), "--fresh", "--data-dir=" + dir.resolve("data"))
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("LOG_") || k.startsWith("PEKKO_LOG"));
    env.putAll(Map.of("COMMAND_API_PORT", "0", "QUERY_API_PORT", "0", "READ_MODEL_UPDATER_PORT", "0",
        "PCQRSES_LOCAL_POSTGRES_PORT", "0", "LOG_FORMAT", "json", "LOG_LEVEL_PCQRSES", "DEBUG"));
    process = builder.start();
    Awaitility.await().atMost(120, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200)).until(() -> {
      assertThat(process.isAlive()).as("the local system exited: %s", read(stderr)).isTrue();
      return read(stdout).contains("pcqrses is ready");
    });
    Matcher m = URL.matcher(read(stdout));
    while (m.find()) {
      if (m.group(1).equals("command")) {
        commandUrl = m.group(2);
      } else {
        queryUrl = m.group(2);
      }
    }
    assertThat(commandUrl).isNotNull();
    assertThat(queryUrl).isNotNull();
  }

  @AfterAll
  static void stop() throws Exception {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  static JsonNode graphql(String base, String query, Map<String, Object> variables, String correlationId)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/graphql"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query, "variables", variables))));
    if (correlationId != null) {
      request.header("X-Correlation-ID", correlationId);
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  /** Every JSON line printed so far (the startup banner is the only other text on stdout). */
  static List<JsonNode> jsonLines() throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(stdout, StandardCharsets.UTF_8)) {
      if (line.startsWith("{")) {
        lines.add(JSON.readTree(line)); // throws if a line that looks like JSON is not
      }
    }
    return lines;
  }

  @Test
  void one_correlation_id_finds_the_write_and_the_read_and_no_address_is_ever_logged() throws Exception {
    JsonNode created = graphql(commandUrl,
        "mutation C($input: CreateUserAccountInput!) { createUserAccount(input: $input) { id } }",
        Map.of("input", Map.of("firstName", "Json", "lastName", "Lines", "emailAddress", EMAIL)), CORRELATION_ID);
    String id = created.at("/data/createUserAccount/id").asText();
    assertThat(id).as(created.toString()).hasSize(26);
    // Bad input that contains an address: refused, and still not logged.
    JsonNode refused = graphql(commandUrl,
        "mutation C($input: CreateUserAccountInput!) { createUserAccount(input: $input) { id } }",
        Map.of("input", Map.of("firstName", "", "lastName", "x", "emailAddress", "to " + EMAIL_IN_BAD_INPUT + " please")),
        "bad-" + CORRELATION_ID);
    assertThat(refused.at("/errors/0/extensions/code").asText()).isEqualTo("VALIDATION_ERROR");
    Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> !graphql(queryUrl,
        "query G($id: String!) { getUserAccount(userAccountId: $id) { id } }", Map.of("id", id), null)
        .at("/data/getUserAccount").isNull());

    // The read side logs at DEBUG after the commit; wait for its line rather than for time.
    Awaitility.await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> {
      List<JsonNode> ours = jsonLines().stream()
          .filter(l -> CORRELATION_ID.equals(l.path("correlation_id").asText(null))).toList();
      assertThat(ours).as("lines of the command side")
          .anySatisfy(l -> assertThat(l.path("logger_name").asText()).contains("useraccount"));
      assertThat(ours).as("lines of the read side")
          .anySatisfy(l -> assertThat(l.path("logger_name").asText()).contains("projection"));
      assertThat(ours).allSatisfy(l -> {
        assertThat(l.has("@timestamp")).isTrue();
        assertThat(l.has("level")).isTrue();
      });
      assertThat(ours).filteredOn(l -> l.path("logger_name").asText().contains("UserAccountEntity"))
          .isNotEmpty()
          .allSatisfy(l -> {
            assertThat(l.path("user_account_id").asText()).isEqualTo(id);
            assertThat(l.path("command").asText()).isEqualTo("create");
            assertThat(l.path("actor_path").asText()).contains(id);
          });
    });

    stop();
    String everything = read(stdout) + read(stderr);
    assertThat(everything).as("stdout and stderr")
        .doesNotContainIgnoringCase(EMAIL)
        .doesNotContainIgnoringCase(EMAIL_IN_BAD_INPUT)
        .doesNotContainIgnoringCase("json.leak-check");
    // The asynchronous appender was flushed on exit: the last lines of the shutdown are there.
    assertThat(jsonLines()).extracting(l -> l.path("message").asText()).contains("command-api stopped");
  }
}
