package dev.pcqrses.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.pcqrses.adapters.http.graphql.GraphQLEndpoint;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Backpressure over real loopback HTTP: with two requests held in flight (by a GraphQL field that
 * completes only when the test says so, standing in for slow work behind the API), the third is
 * refused at once with 503 UNAVAILABLE and Retry-After, and capacity comes back when they finish.
 */
class InFlightLimitTest {
  @Test
  void a_request_over_the_limit_is_refused_at_once_and_capacity_returns() throws Exception {
    CompletableFuture<String> release = new CompletableFuture<>();
    GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(
        new SchemaParser().parse("type Query { held: String }"),
        RuntimeWiring.newRuntimeWiring()
            .type("Query", t -> t.dataFetcher("held", env -> release.thenApply(v -> v)))
            .build());
    HttpServerSettings settings = HttpServerSettings.fromConfig(ConfigFactory.parseString("max-in-flight = 2")
        .withFallback(ConfigFactory.defaultReference().getConfig("pcqrses.http-defaults")));
    PrometheusMeterRegistry metrics = MetricsRegistries.prometheus("in-flight-test");
    HttpServer server = HttpServer.builder(settings)
        .graphql(new GraphQLEndpoint(schema, 10, 100, 10, metrics))
        .metrics(metrics)
        .start();
    try {
      HttpClient client = HttpClient.newHttpClient();
      HttpRequest held = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/graphql"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ held }\"}"))
          .build();
      List<CompletableFuture<HttpResponse<String>>> first = List.of(
          client.sendAsync(held, HttpResponse.BodyHandlers.ofString()),
          client.sendAsync(held, HttpResponse.BodyHandlers.ofString()));
      Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() ->
          metrics.get("pcqrses.http.in.flight").gauge().value() == 2);

      HttpResponse<String> refused = client.send(held, HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.headers().firstValue("Retry-After")).contains("1");
      assertThat(Http.JSON.readTree(refused.body()).at("/errors/0/extensions/code").asText()).isEqualTo("UNAVAILABLE");
      assertThat(first).noneMatch(CompletableFuture::isDone); // refused while both were still held
      assertThat(metrics.get("pcqrses.http.rejected").counter().count()).isEqualTo(1);

      release.complete("done");
      for (CompletableFuture<HttpResponse<String>> response : first) {
        assertThat(response.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      }
      Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() ->
          metrics.get("pcqrses.http.in.flight").gauge().value() == 0);
      HttpResponse<String> after = client.send(held, HttpResponse.BodyHandlers.ofString());
      assertThat(after.statusCode()).isEqualTo(200);
      assertThat(Http.JSON.readTree(after.body()).at("/data/held").asText()).isEqualTo("done");
    } finally {
      release.complete("done");
      server.stop(Duration.ofSeconds(5));
    }
  }
}
