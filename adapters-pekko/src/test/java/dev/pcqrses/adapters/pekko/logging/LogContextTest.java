package dev.pcqrses.adapters.pekko.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class LogContextTest {
  @AfterEach
  void clear() {
    MDC.clear();
  }

  @Test
  void closing_removes_what_it_put_and_restores_what_an_enclosing_scope_had() {
    try (LogContext outer = LogContext.of(Map.of("correlation_id", "outer"), "command", null)) {
      assertThat(MDC.get("command")).isNull();
      try (LogContext inner = LogContext.of(Map.of("user_account_id", "A"), "correlation_id", "inner")) {
        assertThat(MDC.get("correlation_id")).isEqualTo("inner");
        assertThat(MDC.get("user_account_id")).isEqualTo("A");
      }
      assertThat(MDC.get("correlation_id")).isEqualTo("outer");
      assertThat(MDC.get("user_account_id")).isNull();
    }
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
  }
}
