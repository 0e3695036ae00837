package dev.pcqrses.apps.readmodelupdater;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

/** The self-hosted updater reads the PostgreSQL journal; on DynamoDB it refuses to start and says what to use. */
class EventStoreChoiceTest {

  @Test
  void on_dynamodb_the_self_hosted_updater_refuses_to_start_and_points_at_the_lambda() {
    var config = ConfigFactory.load(ConfigFactory.parseString("pcqrses.event-store = dynamodb")
        .withFallback(ConfigFactory.parseResources("read-model-updater.conf")));
    assertThatThrownBy(() -> ReadModelUpdater.start(config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("EVENT_STORE")
        .hasMessageContaining("Lambda function");
  }

  @Test
  void a_statement_timeout_longer_than_the_shutdown_timeout_stops_the_start() {
    var config = ConfigFactory.load(ConfigFactory.parseString(
            "pcqrses.read-model-updater.database-pool.statement-timeout = 20s")
        .withFallback(ConfigFactory.parseResources("read-model-updater.conf")));
    assertThatThrownBy(() -> ReadModelUpdater.start(config))
        .hasMessageContaining("pcqrses.read-model-updater.database-pool.statement-timeout (20000 ms) must be shorter "
            + "than pcqrses.read-model-updater.shutdown-timeout (15000 ms)");
  }
}
