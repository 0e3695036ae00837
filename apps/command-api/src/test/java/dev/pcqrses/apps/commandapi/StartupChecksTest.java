package dev.pcqrses.apps.commandapi;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

/** A configuration whose timeouts do not grow outwards stops the app at once, naming keys and values. */
class StartupChecksTest {

  @Test
  void an_actor_timeout_longer_than_the_http_timeout_stops_the_start() {
    var config = ConfigFactory.load(ConfigFactory.parseString("pcqrses.command-api.actor-timeout = 20s")
        .withFallback(ConfigFactory.parseResources("command-api.conf")));
    assertThatThrownBy(() -> CommandApi.start(config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Timeouts must grow outwards: pcqrses.command-api.actor-timeout (20000 ms) must be shorter than "
            + "pcqrses.command-api.http.request-timeout (10000 ms)");
  }

  @Test
  void a_statement_timeout_longer_than_the_actor_timeout_stops_the_start() {
    var config = ConfigFactory.load(ConfigFactory.parseString("pcqrses.database.statement-timeout = 6s")
        .withFallback(ConfigFactory.parseResources("command-api.conf")));
    assertThatThrownBy(() -> CommandApi.start(config))
        .hasMessageContaining("pcqrses.command-api.database-pool.statement-timeout (6000 ms) must be shorter than "
            + "pcqrses.command-api.actor-timeout (5000 ms)");
  }

  @Test
  void the_apps_own_statement_timeout_counts_too() {
    var config = ConfigFactory.load(ConfigFactory.parseString(
            "pcqrses.command-api.database-pool.statement-timeout = 5s")
        .withFallback(ConfigFactory.parseResources("command-api.conf")));
    assertThatThrownBy(() -> CommandApi.start(config))
        .hasMessageContaining("pcqrses.command-api.database-pool.statement-timeout (5000 ms) must be shorter than "
            + "pcqrses.command-api.actor-timeout (5000 ms)");
  }

  @Test
  void a_shutdown_timeout_shorter_than_the_http_timeout_stops_the_start() {
    var config = ConfigFactory.load(ConfigFactory.parseString("pcqrses.command-api.shutdown-timeout = 9s")
        .withFallback(ConfigFactory.parseResources("command-api.conf")));
    assertThatThrownBy(() -> CommandApi.start(config))
        .hasMessageContaining("pcqrses.command-api.http.request-timeout (10000 ms) must be shorter than "
            + "pcqrses.command-api.shutdown-timeout (9000 ms)");
  }

  @Test
  void on_dynamodb_a_call_timeout_longer_than_the_actor_timeout_stops_the_start() {
    var config = ConfigFactory.load(ConfigFactory.parseString("pcqrses.event-store = dynamodb\n"
            + "pcqrses.dynamodb.call-timeout = 7s")
        .withFallback(ConfigFactory.parseResources("command-api.conf")));
    assertThatThrownBy(() -> CommandApi.start(config))
        .hasMessageContaining("pcqrses.dynamodb.call-timeout (7000 ms) must be shorter than "
            + "pcqrses.command-api.actor-timeout (5000 ms)");
  }

  @Test
  void a_cluster_shutdown_timeout_shorter_than_pekkos_shard_hand_off_stops_the_start() {
    var config = ConfigFactory.load(ConfigFactory.parseString("pcqrses.command-api.cluster-shutdown-timeout = 5s")
        .withFallback(ConfigFactory.parseResources("command-api.conf")));
    assertThatThrownBy(() -> CommandApi.start(config))
        .hasMessage("Timeouts must grow outwards: pekko.coordinated-shutdown.phases.cluster-sharding-shutdown-region.timeout "
            + "(10000 ms) must be shorter than pcqrses.command-api.cluster-shutdown-timeout (5000 ms)");
  }

  @Test
  void a_malformed_seed_node_list_stops_the_start_naming_the_variable() {
    var config = ConfigFactory.load(ConfigFactory.parseString(
            "pcqrses.cluster.seed-nodes = \"pekko://pcqrses-command-api@127.0.0.1:25520,127.0.0.1:25521\"")
        .withFallback(ConfigFactory.parseResources("command-api.conf")));
    assertThatThrownBy(() -> CommandApi.start(config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("PEKKO_CLUSTER_SEED_NODES (pcqrses.cluster.seed-nodes)")
        .hasMessageContaining("\"127.0.0.1:25521\" is not an address like pekko://pcqrses-command-api@host:port");
  }

  @Test
  void negative_load_balancer_waits_stop_the_start() {
    var config = ConfigFactory.load(ConfigFactory.parseString(
            "pcqrses.command-api.load-balancer.detach-wait-duration = -1s")
        .withFallback(ConfigFactory.parseResources("command-api.conf")));
    assertThatThrownBy(() -> CommandApi.start(config)).hasMessageContaining("detach-wait-duration");
  }
}
