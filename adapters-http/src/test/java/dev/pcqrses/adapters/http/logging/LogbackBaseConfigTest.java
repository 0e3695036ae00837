package dev.pcqrses.adapters.http.logging;

import static dev.pcqrses.adapters.http.logging.EmailMasking.MASK;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.rolling.TimeBasedRollingPolicy;
import ch.qos.logback.core.rolling.helper.CompressionMode;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.util.FileSize;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real base configuration: its switches, levels, rolling file and async appender. */
class LogbackBaseConfigTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void starts_without_warnings_and_with_the_default_levels_in_both_formats() throws Exception {
    for (String format : List.of("json", "text")) {
      try (ConfiguredLogging logging = new ConfiguredLogging(Map.of("LOG_FORMAT", format))) {
        assertThat(logging.problems()).as(format).isEmpty();
        assertThat(logging.root().getLevel()).isEqualTo(Level.INFO);
        assertThat(logging.logger("org.apache.pekko").getLevel()).isEqualTo(Level.INFO);
        assertThat(logging.logger("dev.pcqrses").getLevel()).isNull();
        assertThat(logging.logger("dev.pcqrses").getEffectiveLevel()).isEqualTo(Level.INFO);
        for (String quiet : List.of("io.undertow", "org.xnio", "com.zaxxer.hikari", "org.jooq", "org.postgresql",
            "org.flywaydb", "slick", "io.zonky", "com.amazonaws", "software.amazon")) {
          assertThat(logging.logger(quiet).getLevel()).as(quiet).isEqualTo(Level.WARN);
        }
        AsyncAppender async = (AsyncAppender) logging.root().getAppender("async");
        assertThat(async.getQueueSize()).isEqualTo(8192);
        assertThat(async.isNeverBlock()).isTrue();
        assertThat(async.isIncludeCallerData()).isFalse();
        assertThat(logging.root().getAppender("async-file")).as("no file without LOG_FILE").isNull();
      }
    }
    try (ConfiguredLogging logging = new ConfiguredLogging(Map.of("LOG_FORMAT", "json", "LOG_FILE", ""))) {
      assertThat(logging.problems()).isEmpty();
      assertThat(logging.root().getAppender("async-file")).as("an empty LOG_FILE means none").isNull();
    }
    assertThat(Path.of("LOG_FILE_IS_UNDEFINED")).doesNotExist();
  }

  @Test
  void the_environment_sets_the_levels_and_pekko_debug_lines_get_through() throws Exception {
    Map<String, String> environment = Map.of("LOG_FORMAT", "json", "LOG_LEVEL", "WARN", "PEKKO_LOG_LEVEL", "DEBUG",
        "LOG_LEVEL_PCQRSES", "TRACE", "LOG_LEVEL_HTTP", "ERROR", "LOG_LEVEL_DATABASE", "INFO", "LOG_LEVEL_AWS", "debug",
        "LOG_LEVELS", "dev.pcqrses.adapters.pekko=DEBUG,org.apache.pekko.cluster=INFO");
    List<String> lines;
    try (ConfiguredLogging logging = new ConfiguredLogging(environment)) {
      assertThat(logging.problems()).isEmpty();
      assertThat(logging.root().getLevel()).isEqualTo(Level.WARN);
      assertThat(logging.logger("org.apache.pekko").getLevel()).isEqualTo(Level.DEBUG);
      assertThat(logging.logger("dev.pcqrses").getLevel()).isEqualTo(Level.TRACE);
      assertThat(logging.logger("dev.pcqrses.adapters.pekko").getLevel()).isEqualTo(Level.DEBUG);
      assertThat(logging.logger("org.apache.pekko.cluster").getLevel()).isEqualTo(Level.INFO);
      for (String http : List.of("io.undertow", "org.xnio")) {
        assertThat(logging.logger(http).getLevel()).isEqualTo(Level.ERROR);
      }
      for (String database : List.of("com.zaxxer.hikari", "org.jooq", "org.postgresql", "org.flywaydb", "slick")) {
        assertThat(logging.logger(database).getLevel()).isEqualTo(Level.INFO);
      }
      assertThat(logging.logger("software.amazon.awssdk").getEffectiveLevel()).isEqualTo(Level.DEBUG);

      logging.logger("org.apache.pekko.actor.ActorSystemImpl").debug("pekko debug line");
      logging.logger("org.apache.pekko.cluster.Cluster").debug("cluster debug line");
      logging.logger("some.library").info("library info line");
      lines = logging.stopAndReadConsole();
    }
    assertThat(lines).hasSize(1);
    assertThat(JSON.readTree(lines.get(0)).get("message").asText()).isEqualTo("pekko debug line");
  }

  @Test
  void pekko_level_names_are_understood() throws Exception {
    try (ConfiguredLogging logging = new ConfiguredLogging(Map.of("LOG_FORMAT", "json", "PEKKO_LOG_LEVEL", "WARNING"))) {
      assertThat(logging.problems()).isEmpty();
      assertThat(logging.logger("org.apache.pekko").getLevel()).isEqualTo(Level.WARN);
    }
    try (ConfiguredLogging logging = new ConfiguredLogging(Map.of("LOG_FORMAT", "json", "PEKKO_LOG_LEVEL", "OFF"))) {
      assertThat(logging.logger("org.apache.pekko").getLevel()).isEqualTo(Level.OFF);
    }
  }

  @Test
  void bad_entries_are_reported_and_skipped_and_logging_goes_on() throws Exception {
    List<String> lines;
    List<String> problems;
    try (ConfiguredLogging logging = new ConfiguredLogging(Map.of("LOG_FORMAT", "json", "LOG_LEVEL", "verbose",
        "LOG_LEVELS", "dev.pcqrses=LOUD, just-a-logger-name =INFO ROOT=INHERITED,org.example=warning"))) {
      problems = logging.problems().stream().map(Status::getMessage).toList();
      assertThat(logging.root().getLevel()).as("a bad LOG_LEVEL leaves INFO").isEqualTo(Level.INFO);
      assertThat(logging.logger("dev.pcqrses").getLevel()).isNull();
      assertThat(logging.logger("org.example").getLevel()).isEqualTo(Level.WARN);
      logging.logger("dev.pcqrses.x").info("still logging");
      lines = logging.stopAndReadConsole();
    }
    assertThat(problems).containsExactly(
        "Log levels: ignored 'ROOT=verbose': the level must be one of " + EnvironmentLogLevels.LEVELS,
        "Log levels: ignored 'dev.pcqrses=LOUD': the level must be one of " + EnvironmentLogLevels.LEVELS,
        "Log levels: ignored 'just-a-logger-name': expected logger=LEVEL, e.g. dev.pcqrses=DEBUG",
        "Log levels: ignored '=INFO': expected logger=LEVEL, e.g. dev.pcqrses=DEBUG",
        "Log levels: ignored 'ROOT=INHERITED': the level must be one of " + EnvironmentLogLevels.LEVELS
            + " (not INHERITED for ROOT)");
    assertThat(lines).hasSize(1).allMatch(l -> l.contains("still logging"));
  }

  @Test
  void log_file_adds_a_daily_rolling_gzipped_json_file(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("logs/test-app.json");
    List<String> console;
    try (ConfiguredLogging logging = new ConfiguredLogging(Map.of("LOG_FORMAT", "text", "LOG_FILE", file.toString()))) {
      assertThat(logging.problems()).isEmpty();
      AsyncAppender asyncFile = (AsyncAppender) logging.root().getAppender("async-file");
      assertThat(asyncFile.isNeverBlock()).isTrue();
      RollingFileAppender<?> appender = (RollingFileAppender<?>) asyncFile.getAppender("file");
      assertThat(appender.getFile()).isEqualTo(file.toString());
      SizeAndTimeBasedRollingPolicy<?> policy = (SizeAndTimeBasedRollingPolicy<?>) appender.getRollingPolicy();
      assertThat(policy.getFileNamePattern()).isEqualTo(file + ".%d{yyyy-MM-dd}.%i.gz");
      assertThat(policy.getCompressionMode()).isEqualTo(CompressionMode.GZ);
      assertThat(policy.getMaxHistory()).isEqualTo(30);
      assertThat(field(TimeBasedRollingPolicy.class, "totalSizeCap", policy)).hasToString(FileSize.valueOf("3GB").toString());
      assertThat(field(SizeAndTimeBasedRollingPolicy.class, "maxFileSize", policy)).hasToString(FileSize.valueOf("100MB").toString());

      Logger log = logging.logger("dev.pcqrses.file");
      for (int i = 0; i < 20; i++) {
        log.info("before midnight {} for a.sekret@leaky.example", i);
      }
      Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> lineCount(file) == 20);
      // The next event falls on the next day: the day's file is rolled and compressed.
      policy.getTimeBasedFileNamingAndTriggeringPolicy()
          .setCurrentTime(System.currentTimeMillis() + Duration.ofDays(1).toMillis());
      for (int i = 0; i < 5; i++) {
        log.info("after midnight {} for b.sekret@leaky.example", i);
      }
      console = logging.stopAndReadConsole();
    }
    Path archive = dir.resolve("logs/test-app.json." + LocalDate.now() + ".0.gz");
    assertThat(archive).exists();
    List<String> archived;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
      archived = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    List<String> current = Files.readAllLines(file);
    assertThat(archived).hasSize(20);
    assertThat(current).hasSize(5);
    for (String line : concat(archived, current)) {
      assertThat(JSON.readTree(line).get("message").asText()).endsWith(" for " + MASK);
      assertThat(MaskingCases.leaks(line)).isFalse();
    }
    assertThat(console).as("the console still gets every line, in its own format").hasSize(25)
        .allMatch(l -> !l.startsWith("{") && l.endsWith(" for " + MASK));
  }

  @Test
  void the_async_appender_keeps_every_event_at_a_normal_rate() throws Exception {
    int events = 5000;
    List<String> lines;
    try (ConfiguredLogging logging = new ConfiguredLogging(Map.of("LOG_FORMAT", "json"))) {
      Logger log = logging.logger("dev.pcqrses.rate");
      for (int i = 0; i < events; i++) {
        log.info("event {}", i);
        if (i % 500 == 499) {
          Thread.sleep(5);
        }
      }
      lines = logging.stopAndReadConsole();
    }
    assertThat(lines).hasSize(events);
    for (int i = 0; i < events; i++) {
      assertThat(JSON.readTree(lines.get(i)).get("message").asText()).isEqualTo("event " + i);
    }
  }

  private static Object field(Class<?> owner, String name, Object target) throws ReflectiveOperationException {
    var field = owner.getDeclaredField(name);
    field.setAccessible(true);
    return field.get(target);
  }

  private static long lineCount(Path file) throws IOException {
    return Files.exists(file) ? Files.readAllLines(file).size() : 0;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
