package dev.pcqrses.apps.readmodelupdater;

import static net.logstash.logback.argument.StructuredArguments.raw;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The Lambda artifact's logback.xml (src/lambda, put in the artifact by the shade plugin), loaded
 * as it is: JSON lines written before the logging call returns, addresses masked, levels from the
 * environment.
 */
class LambdaLoggingTest {
  static final Path CONFIG = Path.of("src/lambda/logback.xml");
  static final String MASK = "***@***";

  final LoggerContext context = new LoggerContext();
  final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

  private void configure(Map<String, String> environment) throws Exception {
    context.setMDCAdapter(MDC.getMDCAdapter());
    environment.forEach(context::putProperty);
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(CONFIG.toFile());
    List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
    context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().forEachRemaining(appenders::add);
    assertThat(appenders).as("one console appender, no async one").singleElement().isInstanceOf(ConsoleAppender.class);
    ((ConsoleAppender<ILoggingEvent>) appenders.get(0)).setOutputStream(stdout);
  }

  private List<String> lines() {
    return stdout.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void writes_masked_json_lines_synchronously() throws Exception {
    configure(Map.of());
    assertThat(context.getStatusManager().getCopyOfStatusList()).noneMatch(s -> s.getLevel() >= Status.WARN);
    org.slf4j.Logger log = context.getLogger("dev.pcqrses.adapters.lambda.Handler");
    MDC.put("correlation_id", "c-9");
    MDC.put("jane.doe@example.org", "address as MDC key");
    try {
      log.info("applied event for John.Doe+x@Mail.Example.co.jp;", raw("raw", "{\"e\":\"jim\\u0040example.com\"}"));
    } finally {
      MDC.clear();
    }
    // No stop, no flush: the line is there as soon as the call returns.
    assertThat(lines()).hasSize(1);
    log.error("failed", new IllegalStateException("for ann@example.net",
        new RuntimeException("cause bob@example.com")));
    assertThat(lines()).hasSize(2);

    for (String line : lines()) {
      assertThat(line).doesNotContainIgnoringCase("example");
    }
    JsonNode first = new ObjectMapper().readTree(lines().get(0));
    assertThat(first.get("application").asText()).isEqualTo("read-model-updater-lambda");
    assertThat(first.get("message").asText()).isEqualTo("applied event for " + MASK + ";");
    assertThat(first.get("correlation_id").asText()).isEqualTo("c-9");
    assertThat(first.get(MASK).asText()).isEqualTo("address as MDC key");
    assertThat(first.get("raw").get("e").asText()).isEqualTo(MASK);
    List<String> fields = new ArrayList<>();
    for (Iterator<String> names = first.fieldNames(); names.hasNext();) {
      fields.add(names.next());
    }
    assertThat(fields).contains("@timestamp", "level", "logger_name", "thread_name", "message");
    String stackTrace = new ObjectMapper().readTree(lines().get(1)).get("stack_trace").asText();
    assertThat(stackTrace).contains("IllegalStateException: for " + MASK, "RuntimeException: cause " + MASK);
    context.stop();
  }

  @Test
  void levels_come_from_the_environment() throws Exception {
    configure(Map.of("LOG_LEVEL", "WARN", "LOG_LEVEL_DATABASE", "ERROR", "LOG_LEVELS", "dev.pcqrses.adapters.lambda=DEBUG"));
    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger("com.zaxxer.hikari").getLevel()).isEqualTo(Level.ERROR);
    assertThat(context.getLogger("org.jooq").getLevel()).isEqualTo(Level.ERROR);
    assertThat(context.getLogger("dev.pcqrses.adapters.lambda").getLevel()).isEqualTo(Level.DEBUG);
    context.stop();
  }

  @Test
  void defaults_to_info() throws Exception {
    configure(Map.of());
    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.INFO);
    assertThat(context.getLogger("com.zaxxer.hikari").getLevel()).isEqualTo(Level.WARN);
    context.stop();
  }
}
