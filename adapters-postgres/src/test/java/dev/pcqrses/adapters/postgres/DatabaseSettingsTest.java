package dev.pcqrses.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {
  static Config with(String overrides) {
    return ConfigFactory.parseString(overrides)
        .withFallback(ConfigFactory.defaultReference().getConfig("pcqrses.database"));
  }

  @Test
  void reads_the_reference_defaults() {
    DatabaseSettings s = DatabaseSettings.fromConfig(with(""));
    assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/pcqrses");
    assertThat(s.statementTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(s.pool().maximumSize()).isEqualTo(10);
  }

  @Test
  void accepts_a_postgres_url_with_credentials_and_never_prints_the_password() {
    DatabaseSettings s = DatabaseSettings.fromConfig(
        with("url = \"postgres://app:s%40cret@db.example.com:6543/orders?sslmode=require\""));
    assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6543/orders?sslmode=require");
    assertThat(s.user()).isEqualTo("app");
    assertThat(s.password()).isEqualTo("s@cret");
    assertThat(s.toString()).doesNotContain("s@cret").doesNotContain("s%40cret");
  }

  @Test
  void redacts_passwords_in_jdbc_urls() {
    DatabaseSettings s = DatabaseSettings.fromConfig(with("url = \"jdbc:postgresql://h/db?user=u&password=hunter2\""));
    assertThat(s.redactedUrl()).doesNotContain("hunter2");
  }

  @Test
  void refuses_other_databases_and_impossible_pools_with_a_clear_message() {
    assertThatThrownBy(() -> DatabaseSettings.fromConfig(with("url = \"jdbc:mysql://h/db\"")))
        .hasMessageContaining("jdbc:postgresql");
    assertThatThrownBy(() -> DatabaseSettings.fromConfig(with("pool.minimum-idle = 50")))
        .hasMessageContaining("minimum-idle");
  }
}
