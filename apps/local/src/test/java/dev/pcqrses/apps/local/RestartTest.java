package dev.pcqrses.apps.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Stop the local system and start it again on the same data: accounts are still there, and the
 * projection resumes from its stored offsets without applying any event twice.
 */
class RestartTest {

  @Test
  void a_restart_on_the_same_data_keeps_accounts_and_projects_nothing_twice() {
    Path data = TestSystem.newDataDirectory();
    List<String> ids;
    TestSystem sys = TestSystem.start(data, true);
    try {
      ids = List.of(sys.create("Kept", "One", "k1@example.com"), sys.create("Kept", "Two", "k2@example.com"),
          sys.create("Kept", "Three", "k3@example.com"));
      sys.rename(ids.get(0), "Renamed", "One");
      sys.awaitFirstName(ids.get(0), "Renamed");
      sys.awaitFirstName(ids.get(2), "Kept");
      sys.awaitProjectionIdle();
    } finally {
      sys.system.close();
    }

    TestSystem second = TestSystem.start(data, false);
    try {
      assertThat(second.get(ids.get(0)).path("fullName").asText()).isEqualTo("Renamed One");
      assertThat(second.get(ids.get(1)).path("fullName").asText()).isEqualTo("Kept Two");
      // A rename only succeeds if the entity recovered its state from the journal.
      assertThat(second.rename(ids.get(1), "Again", "Two").json().has("errors")).isFalse();
      String fresh = second.create("After", "Restart", "after@example.com");
      second.awaitFirstName(fresh, "After");
      second.awaitFirstName(ids.get(1), "Again");

      String scrape = second.updater.get("/metrics").body();
      assertThat(TestSystem.counterSum(scrape, "pcqrses_projection_events_total", "result", "duplicate"))
          .as("events applied twice after the restart").isZero();
      assertThat(TestSystem.counterSum(scrape, "pcqrses_projection_events_total", "result", "applied"))
          .as("only the two new events are projected").isEqualTo(2.0);
    } finally {
      second.system.close();
    }
  }
}
