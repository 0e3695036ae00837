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
}
