package dev.pcqrses.apps.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pcqrses.adapters.postgres.EmbeddedPostgresServer;
import org.junit.jupiter.api.Test;

/** Starting the local system twice on one data directory must not harm the one that runs. */
class SecondStartTest {
  static final TestSystem sys = TestSystem.shared();

  @Test
  void a_second_start_on_a_data_directory_in_use_is_refused_and_the_first_keeps_working() {
    assertThatThrownBy(() -> LocalSystem.start(TestSystem.overrides(sys.dataDirectory, false)))
        .isInstanceOf(EmbeddedPostgresServer.DataDirectoryInUseException.class)
        .hasMessageContaining("in use");
    assertThatThrownBy(() -> LocalSystem.start(TestSystem.overrides(sys.dataDirectory, true)))
        .isInstanceOf(EmbeddedPostgresServer.DataDirectoryInUseException.class);

    assertThat(sys.command.get("/health/ready").status()).isEqualTo(200);
    String id = sys.create("Still", "Running", "still@example.com");
    assertThat(sys.awaitFirstName(id, "Still").path("lastName").asText()).isEqualTo("Running");
  }
}
