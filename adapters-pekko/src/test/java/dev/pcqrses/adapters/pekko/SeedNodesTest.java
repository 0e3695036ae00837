package dev.pcqrses.adapters.pekko;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pcqrses.adapters.pekko.runtime.PekkoRuntime;
import dev.pcqrses.adapters.pekko.runtime.SeedNodes;
import org.junit.jupiter.api.Test;

/** PEKKO_CLUSTER_SEED_NODES: a comma-separated string parsed into addresses, checked before anything starts. */
class SeedNodesTest {
  static final String SYSTEM = "pcqrses-command-api";

  @Test
  void a_comma_separated_list_becomes_the_seed_nodes_in_order() {
    assertThat(SeedNodes.parse(" pekko://pcqrses-command-api@127.0.0.1:25520 ,pekko://pcqrses-command-api@127.0.0.1:25521",
        SYSTEM)).containsExactly("pekko://pcqrses-command-api@127.0.0.1:25520", "pekko://pcqrses-command-api@127.0.0.1:25521");
    assertThat(SeedNodes.parse("", SYSTEM)).isEmpty();
    assertThat(SeedNodes.parse("  ", SYSTEM)).isEmpty();
    assertThat(SeedNodes.parse(null, SYSTEM)).isEmpty();
  }

  @Test
  void malformed_entries_are_refused_naming_the_variable() {
    for (String bad : new String[] {"127.0.0.1:25520", "pekko://pcqrses-command-api@127.0.0.1",
        "akka://pcqrses-command-api@127.0.0.1:25520", "pekko://pcqrses-command-api@127.0.0.1:25520,",
        "pekko://other-system@127.0.0.1:25520", "pekko://pcqrses-command-api@127.0.0.1:0", "garbage"}) {
      assertThatThrownBy(() -> SeedNodes.parse(bad, SYSTEM)).as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("PEKKO_CLUSTER_SEED_NODES (pcqrses.cluster.seed-nodes) = \"" + bad + "\": ");
    }
    assertThatThrownBy(() -> SeedNodes.parse("pekko://other-system@127.0.0.1:25520", SYSTEM))
        .hasMessageContaining("names the ActorSystem \"other-system\", but this node's is \"pcqrses-command-api\"");
  }

  @Test
  void a_malformed_list_stops_the_start_before_an_actor_system_exists() {
    assertThatThrownBy(() -> PekkoRuntime.start("seed-test", TestPekko.config(
            "pcqrses.cluster.seed-nodes = \"pekko://seed-test@localhost\""), TestPekko.journal()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PEKKO_CLUSTER_SEED_NODES");
  }
}
