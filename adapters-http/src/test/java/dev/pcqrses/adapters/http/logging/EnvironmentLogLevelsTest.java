package dev.pcqrses.adapters.http.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import org.junit.jupiter.api.Test;

class EnvironmentLogLevelsTest {
  final LoggerContext context = new LoggerContext();

  private void apply(String levels) {
    EnvironmentLogLevels listener = new EnvironmentLogLevels();
    listener.setContext(context);
    listener.setLevels(levels);
    listener.start();
    assertThat(listener.isStarted()).isTrue();
  }

  @Test
  void entries_apart_by_commas_or_white_space_in_order_case_insensitive() {
    apply(" a.b=debug,\n\tc=WARN  a.b=Trace,, d=error e=off root=error f=all ");
    assertThat(context.getLogger("a.b").getLevel()).isEqualTo(Level.TRACE);
    assertThat(context.getLogger("c").getLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger("d").getLevel()).isEqualTo(Level.ERROR);
    assertThat(context.getLogger("e").getLevel()).isEqualTo(Level.OFF);
    assertThat(context.getLogger("f").getLevel()).isEqualTo(Level.ALL);
    assertThat(context.getLogger("ROOT").getLevel()).isEqualTo(Level.ERROR);
    assertThat(context.getStatusManager().getCopyOfStatusList()).noneMatch(s -> s.getLevel() >= Status.WARN);
  }

  @Test
  void inherited_gives_a_logger_back_its_parents_level_and_nothing_fails() {
    apply("x=DEBUG x=inherited");
    assertThat(context.getLogger("x").getLevel()).isNull();
    apply("");
    apply(null);
    apply("x=");
    assertThat(context.getStatusManager().getCopyOfStatusList()).filteredOn(s -> s.getLevel() >= Status.WARN)
        .extracting(Status::getMessage).containsExactly(
            "Log levels: ignored 'x=': the level must be one of " + EnvironmentLogLevels.LEVELS);
  }
}
