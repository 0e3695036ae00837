package dev.pcqrses.adapters.http;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import com.zaxxer.hikari.HikariDataSource;
import dev.pcqrses.adapters.http.graphql.GraphQLEndpoint;
import dev.pcqrses.adapters.http.graphql.QueryApiSchema;
import dev.pcqrses.adapters.postgres.DatabaseSettings;
import dev.pcqrses.adapters.postgres.JooqReadModelReader;
import dev.pcqrses.adapters.postgres.PostgresDataSources;
import dev.pcqrses.ports.service.UserAccountQueryService;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A database nobody answers on: the client gets a retryable UNAVAILABLE, never a stack trace or a 500. */
class UnavailableDatabaseTest {

  @Test
  void a_query_while_the_database_is_down_is_unavailable_and_retryable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort(); // free again once closed: nothing listens there
    }
    DatabaseSettings settings = DatabaseSettings.fromConfig(ConfigFactory.parseString(
            "url = \"jdbc:postgresql://127.0.0.1:" + closedPort + "/none\", pool.connection-timeout = 500ms")
        .withFallback(ConfigFactory.defaultReference().getConfig("pcqrses.database")));
    try (HikariDataSource nowhere = PostgresDataSources.create(settings, "nowhere", null)) {
      HttpServerSettings http = HttpServerSettings.fromConfig(
          ConfigFactory.defaultReference().getConfig("pcqrses.http-defaults"));
      HttpServer server = HttpServer.builder(http)
          .graphql(new GraphQLEndpoint(QueryApiSchema.create(new UserAccountQueryService(new JooqReadModelReader(nowhere))),
              15, 300, 10, new SimpleMeterRegistry()))
          .start();
      try {
        Http.Response r = new Http(server.baseUrl()).graphql(
            "query G($id: String!) { getUserAccount(userAccountId: $id) { id } }",
            Map.of("id", "01JAAAAAAAAAAAAAAAAAAAAAAA"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.errorCode()).isEqualTo("UNAVAILABLE");
        assertThat(r.json().at("/errors/0/extensions/retryable").asBoolean()).isTrue();
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("jdbc:");
      } finally {
        server.stop(Duration.ofSeconds(2));
      }
    }
  }

  @Test
  void a_query_while_the_pool_is_exhausted_is_unavailable_after_the_connection_timeout_and_pending_shows_it()
      throws Exception {
    DatabaseSettings settings = dev.pcqrses.adapters.postgres.SharedPostgres.get().settings();
    settings = DatabaseSettings.fromConfig(ConfigFactory.parseString(
            "url = \"" + settings.jdbcUrl() + "\", user = \"" + settings.user() + "\", password = \"\", "
                + "pool.connection-timeout = 1500ms, pool.maximum-size = 1, pool.minimum-idle = 0")
        .withFallback(ConfigFactory.defaultReference().getConfig("pcqrses.database")));
    io.micrometer.prometheusmetrics.PrometheusMeterRegistry metrics = MetricsRegistries.prometheus("pool-test");
    try (HikariDataSource one = PostgresDataSources.create(settings, "saturated", 
        new com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory(metrics))) {
      HttpServer server = HttpServer.builder(HttpServerSettings.fromConfig(
              ConfigFactory.defaultReference().getConfig("pcqrses.http-defaults")))
          .graphql(new GraphQLEndpoint(QueryApiSchema.create(new UserAccountQueryService(new JooqReadModelReader(one))),
              15, 300, 10, metrics))
          .metrics(metrics)
          .start();
      Http http = new Http(server.baseUrl());
      try (java.sql.Connection held = one.getConnection()) { // the pool's only connection, taken
        java.util.concurrent.CompletableFuture<Http.Response> waiting = java.util.concurrent.CompletableFuture.supplyAsync(
            () -> http.graphql("query G($id: String!) { getUserAccount(userAccountId: $id) { id } }",
                Map.of("id", "01JAAAAAAAAAAAAAAAAAAAAAAA")));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() ->
            http.get("/metrics").body().contains("hikaricp_connections_pending{application=\"pool-test\",pool=\"saturated\"} 1.0"));
        Http.Response r = waiting.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.errorCode()).isEqualTo("UNAVAILABLE");
        assertThat(r.json().at("/errors/0/extensions/retryable").asBoolean()).isTrue();
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("jdbc:").doesNotContain("Hikari");
        assertThat(http.get("/metrics").body())
            .contains("hikaricp_connections_timeout_total{application=\"pool-test\",pool=\"saturated\"} 1.0");
      } finally {
        server.stop(Duration.ofSeconds(2));
      }
    }
  }
}
