package dev.pcqrses.adapters.http.logging;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.slf4j.MDC;

/**
 * The real logback-base.xml (through an app-style logback.xml) in a fresh LoggerContext, with the
 * "environment" given as context properties (looked up before the process environment). The only
 * change: the console appender writes into memory instead of System.out, behind the same async
 * appender and encoder.
 */
final class ConfiguredLogging implements AutoCloseable {
  static final String APP_CONFIG = "logging/app-logback.xml";

  final LoggerContext context = new LoggerContext();
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();

  ConfiguredLogging(Map<String, String> environment) throws JoranException {
    this(APP_CONFIG, environment);
  }

  ConfiguredLogging(String configResource, Map<String, String> environment) throws JoranException {
    context.setName("under-test");
    context.setMDCAdapter(MDC.getMDCAdapter());
    environment.forEach(context::putProperty);
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(ConfiguredLogging.class.getClassLoader().getResource(configResource));
    AsyncAppender async = (AsyncAppender) root().getAppender("async");
    if (async != null) {
      ((ConsoleAppender<ILoggingEvent>) async.getAppender("console")).setOutputStream(console);
    }
  }

  Logger root() {
    return context.getLogger(Logger.ROOT_LOGGER_NAME);
  }

  Logger logger(String name) {
    return context.getLogger(name);
  }

  /** Stops logging (the async queue drains first) and returns the lines written to the console. */
  List<String> stopAndReadConsole() {
    context.stop();
    return console.toString(StandardCharsets.UTF_8).lines().toList();
  }

  /** Status messages of level WARN or ERROR (logback prints them at start-up). */
  List<Status> problems() {
    return context.getStatusManager().getCopyOfStatusList().stream()
        .filter(s -> s.getEffectiveLevel() >= Status.WARN).toList();
  }

  @Override
  public void close() {
    context.stop();
  }
}
