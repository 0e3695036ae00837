package dev.pcqrses.adapters.pekko;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Pekko's logging as pcqrses-pekko.conf sets it up (through SLF4J into logback): dead letters are
 * logged, at most 10 of them; PEKKO_LOG_LEVEL=DEBUG shows Pekko's debug lines only when logback's
 * org.apache.pekko logger allows them too (logback-base.xml sets both from the same variable).
 */
class PekkoLoggingTest {
  final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  final Logger pekko = (Logger) LoggerFactory.getLogger("org.apache.pekko");
  final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  Level pekkoLevelBefore;
  ActorSystem<Void> system;

  @BeforeEach
  void capture() {
    pekkoLevelBefore = pekko.getLevel();
    captured.setContext(root.getLoggerContext());
    captured.start();
    root.addAppender(captured);
  }

  @AfterEach
  void release() {
    TestPekko.stop(system);
    root.detachAppender(captured);
    pekko.setLevel(pekkoLevelBefore);
  }

  private List<ILoggingEvent> events(Predicate<ILoggingEvent> which) {
    synchronized (captured) {
      return new ArrayList<>(captured.list).stream().filter(which).toList();
    }
  }

  @Test
  void dead_letters_to_a_stopped_actor_are_logged_up_to_the_limit_of_10() throws Exception {
    system = ActorSystem.create(Behaviors.empty(), "deadletters", TestPekko.config("pekko.actor.provider = local"));
    assertThat(system.settings().config().getInt("pekko.log-dead-letters")).isEqualTo(10);
    assertThat(system.settings().config().getBoolean("pekko.log-dead-letters-during-shutdown")).isTrue();

    ActorRef<String> gone = system.systemActorOf(Behaviors.<String>stopped(), "gone", Props.empty());
    TestProbe<Object> probe = TestProbe.create(system);
    probe.expectTerminated(gone, Duration.ofSeconds(10));
    for (int i = 1; i <= 15; i++) {
      gone.tell("message " + i);
    }

    Predicate<ILoggingEvent> deadLetter = e -> e.getFormattedMessage().contains("was not delivered");
    await().atMost(Duration.ofSeconds(10)).until(() -> events(deadLetter).size() >= 10);
    Thread.sleep(500); // time for an 11th, which must not come
    List<ILoggingEvent> logged = events(deadLetter);
    assertThat(logged).hasSize(10).allSatisfy(e -> {
      assertThat(e.getLevel()).isEqualTo(Level.INFO);
      assertThat(e.getLoggerName()).startsWith("org.apache.pekko.");
      assertThat(e.getFormattedMessage()).contains("Message [java.lang.String] to Actor[pekko://deadletters/system/gone#");
    });
    assertThat(logged.get(0).getFormattedMessage()).contains("[1] dead letters encountered");
    assertThat(logged.get(9).getFormattedMessage())
        .contains("[10] dead letters encountered, no more dead letters will be logged");
  }

  @Test
  void pekko_debug_lines_need_both_pekko_loglevel_and_the_logback_logger() {
    String line = "a Pekko debug line";
    Predicate<ILoggingEvent> debugLine = e -> e.getLevel() == Level.DEBUG && e.getFormattedMessage().equals(line);

    // PEKKO_LOG_LEVEL=DEBUG: pekko.loglevel from pcqrses-pekko.conf, and the logger as logback-base.xml sets it.
    pekko.setLevel(Level.DEBUG);
    system = ActorSystem.create(Behaviors.empty(), "debug", TestPekko.config("PEKKO_LOG_LEVEL = DEBUG\npekko.actor.provider = local"));
    assertThat(system.settings().config().getString("pekko.loglevel")).isEqualTo("DEBUG");
    Adapter.toClassic(system).log().debug(line);
    await().atMost(Duration.ofSeconds(10)).until(() -> !events(debugLine).isEmpty());
    assertThat(events(debugLine).get(0).getLoggerName()).startsWith("org.apache.pekko.");
    TestPekko.stop(system);

    // Pekko at DEBUG, logback's org.apache.pekko at INFO: Pekko's Slf4jLoggingFilter asks logback, nothing comes.
    synchronized (captured) {
      captured.list.clear();
    }
    pekko.setLevel(Level.INFO);
    system = ActorSystem.create(Behaviors.empty(), "debug2", TestPekko.config("PEKKO_LOG_LEVEL = DEBUG\npekko.actor.provider = local"));
    assertThat(Adapter.toClassic(system).log().isDebugEnabled()).isFalse();
    Adapter.toClassic(system).log().debug(line);
    TestPekko.stop(system);

    // logback at DEBUG, pekko.loglevel INFO (the default): Pekko does not emit it either.
    pekko.setLevel(Level.DEBUG);
    system = ActorSystem.create(Behaviors.empty(), "debug3", TestPekko.config("pekko.actor.provider = local"));
    assertThat(system.settings().config().getString("pekko.loglevel")).isEqualTo("INFO");
    assertThat(Adapter.toClassic(system).log().isDebugEnabled()).isFalse();
    Adapter.toClassic(system).log().debug(line);
    TestPekko.stop(system);
    assertThat(events(debugLine)).isEmpty();
  }
}
