package dev.pcqrses.apps.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The README as a new user follows it: the packaged local jar started as its quick start says (on
 * the default ports), then the "Try it" block run by bash exactly as printed, then Ctrl-C
 * (SIGTERM): the JVM exits 0 and the embedded PostgreSQL is gone with it.
 */
class ReadmeQuickStartIT {
  static final Path README = Path.of("../../README.md");
  static final List<Integer> DEFAULT_PORTS = List.of(18080, 18082, 18084, 15432);

  /** The first {@code ```bash} block after {@code ## Try it}. */
  static String tryItBlock() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    int section = readme.indexOf("\n## Try it");
    assertThat(section).as("README has a 'Try it' section").isPositive();
    Matcher block = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertThat(block.find(section)).as("a bash block in 'Try it'").isTrue();
    return block.group(1);
  }

  @Test
  void the_try_it_examples_answer_as_described_and_ctrl_c_stops_everything() throws Exception {
    for (int port : DEFAULT_PORTS) {
      try (ServerSocket ignored = new ServerSocket(port)) {
        // free
      } catch (IOException e) {
        throw new AssertionError("port " + port + " is in use: the README's examples need the default ports", e);
      }
    }
    Path dir = Files.createTempDirectory("pcqrses-readme");
    Path data = dir.resolve("data");
    Path log = dir.resolve("local.log");
    Process system = new ProcessBuilder(java(), "-jar", Path.of("target/pcqrses-local.jar").toAbsolutePath().toString(),
        "--fresh", "--data-dir=" + data)
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      Awaitility.await().atMost(180, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200)).until(() -> {
        assertThat(system.isAlive()).as("the local system exited: %s", Files.readString(log)).isTrue();
        return Files.readString(log).contains("pcqrses is ready");
      });

      Path out = dir.resolve("try-it.out");
      Process bash = new ProcessBuilder("bash", "-e", "-o", "pipefail", "-c", tryItBlock())
          .redirectErrorStream(true).redirectOutput(out.toFile()).start();
      assertThat(bash.waitFor(120, TimeUnit.SECONDS)).as("the examples finish").isTrue();
      String printed = Files.readString(out, StandardCharsets.UTF_8);
      assertThat(bash.exitValue()).as(printed).isZero();

      String id = printed.lines().findFirst().orElse("");
      assertThat(id).as("the first line is the new account's id (a ULID): %s", printed).matches("[0-9A-HJKMNP-TV-Z]{26}");
      assertThat(printed)
          .contains("\"getUserAccount\":{\"id\":\"" + id + "\",\"firstName\":\"Taro\",\"lastName\":\"Yamada\",\"fullName\":\"Taro Yamada\"")
          .contains("{\"data\":{\"renameUserAccount\":{\"id\":\"" + id + "\"}}}")
          .contains("\"hasNextPage\":")
          .contains("\"searchUserAccounts\":[{\"id\":\"" + id + "\",\"fullName\":\"Jiro Tanaka\"}]")
          .contains("{\"data\":{\"deleteUserAccount\":{\"id\":\"" + id + "\"}}}")
          .contains("\"code\":\"ALREADY_DELETED\"")
          .contains("\"code\":\"VALIDATION_ERROR\"")
          .contains("\"getUserAccounts\":{\"items\":[")
          .contains("http_server_requests_seconds_count{")
          .containsIgnoringCase("X-Correlation-ID: try-it-1");
      assertThat(printed.lines().filter(line -> line.startsWith("{\"status\":\"UP\"")).count())
          .as("liveness and both readiness probes answer UP: %s", printed).isEqualTo(3);
      assertThat(printed).doesNotContain("Exception").doesNotContain("\"code\":\"INTERNAL");
    } finally {
      system.destroy(); // SIGTERM, as Ctrl-C's shell would send on a terminal
      if (!system.waitFor(60, TimeUnit.SECONDS)) {
        system.destroyForcibly();
      }
    }
    assertThat(system.exitValue()).as(Files.readString(log)).isZero();
    assertThat(data.resolve("postmaster.pid")).as("PostgreSQL stopped with the JVM").doesNotExist();
    try (ServerSocket ignored = new ServerSocket(15432)) {
      // PostgreSQL's port is free again
    }
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
