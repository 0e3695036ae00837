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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The stop sequence over real loopback HTTP: readiness fails first while GraphQL is still served,
 * new requests are refused only after the grace and detach waits, requests in flight finish, and a
 * handler that never returns is cut at the shutdown timeout instead of holding the stop up.
 */
class GracefulShutdownTest {
  static final HttpClient CLIENT = HttpClient.newHttpClient();

  /** A GraphQL API with {@code quick}, {@code held} (answers when {@link #release} completes) and {@code stuck}. */
  static final class Api {
    final CompletableFuture<String> release = new CompletableFuture<>();
    final CountDownLatch never = new CountDownLatch(1);
    final AtomicBoolean giveUp = new AtomicBoolean();
    final PrometheusMeterRegistry metrics = MetricsRegistries.prometheus("shutdown-test");
    final HttpServer server;

    Api() {
      GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(
          new SchemaParser().parse("type Query { quick: String held: String stuck: String }"),
          RuntimeWiring.newRuntimeWiring().type("Query", t -> t
              .dataFetcher("quick", env -> "fast")
              .dataFetcher("held", env -> release.thenApply(v -> v))
              // Blocks its worker thread and ignores interrupts: a handler that never finishes.
              .dataFetcher("stuck", env -> {
                while (!giveUp.get()) {
                  try {
                    never.await();
                  } catch (InterruptedException e) {
                    // ignored on purpose
                  }
                }
                return "released";
              }))
              .build());
      HttpServerSettings settings = HttpServerSettings.fromConfig(
          ConfigFactory.defaultReference().getConfig("pcqrses.http-defaults"));
      server = HttpServer.builder(settings)
          .graphql(new GraphQLEndpoint(schema, 10, 100, 10, metrics))
          .metrics(metrics)
          .start();
    }

    HttpRequest graphql(String field) {
      return HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/graphql"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ " + field + " }\"}"))
          .build();
    }

    int ready() throws Exception {
      return CLIENT.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/health/ready")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    void awaitInFlight(int n) {
      Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> metrics.get("pcqrses.http.in.flight").gauge().value() == n);
    }

    void close() {
      release.complete("done");
      giveUp.set(true);
      never.countDown();
    }
  }

  @Test
  void readiness_fails_first_then_new_requests_are_refused_and_those_in_flight_finish() throws Exception {
    Api api = new Api();
    Duration grace = Duration.ofSeconds(3);
    Duration detach = Duration.ofSeconds(1);
    List<String> steps = new CopyOnWriteArrayList<>();
    try {
      assertThat(api.ready()).isEqualTo(200);
      // Sent before the stop, answered only when released: it must outlive the refusal of new ones.
      CompletableFuture<HttpResponse<String>> held = CLIENT.sendAsync(api.graphql("held"), HttpResponse.BodyHandlers.ofString());
      api.awaitInFlight(1);

      GracefulShutdown shutdown = GracefulShutdown.of("test-api", api.server,
              new ShutdownSettings(grace, detach, Duration.ofSeconds(10)))
          .then("after-http", () -> steps.add("after-http"));
      long start = System.nanoTime();
      CompletableFuture<Void> stopping = CompletableFuture.runAsync(shutdown::run);

      Awaitility.await().atMost(1, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(20)).until(() -> api.ready() == 503);
      // Within the grace period: readiness says 503, GraphQL still answers.
      HttpResponse<String> during = CLIENT.send(api.graphql("quick"), HttpResponse.BodyHandlers.ofString());
      long servedAt = System.nanoTime() - start;
      assertThat(during.statusCode()).isEqualTo(200);
      assertThat(during.body()).contains("fast");
      assertThat(Duration.ofNanos(servedAt)).isLessThan(grace);

      // After grace + detach, a new request is refused at once, telling the client to go elsewhere.
      HttpResponse<String> refused = Awaitility.await().atMost(10, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(50))
          .until(() -> CLIENT.send(api.graphql("quick"), HttpResponse.BodyHandlers.ofString()), r -> r.statusCode() == 503);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(grace.plus(detach));
      assertThat(refused.headers().firstValue("Retry-After")).contains("1");
      assertThat(Http.JSON.readTree(refused.body()).at("/errors/0/extensions/code").asText()).isEqualTo("UNAVAILABLE");
      assertThat(held).isNotDone();
      assertThat(stopping).isNotDone();
      assertThat(steps).isEmpty(); // the app's steps wait for HTTP

      api.release.complete("done");
      HttpResponse<String> finished = held.get(10, TimeUnit.SECONDS);
      assertThat(finished.statusCode()).isEqualTo(200);
      assertThat(finished.body()).contains("done");
      stopping.get(10, TimeUnit.SECONDS);
      assertThat(steps).containsExactly("after-http");
    } finally {
      api.close();
      api.server.stop(Duration.ofSeconds(2));
    }
  }

  @Test
  void a_handler_that_never_finishes_is_cut_at_the_shutdown_timeout_while_a_slow_one_finishes() throws Exception {
    Api api = new Api();
    Duration timeout = Duration.ofSeconds(3);
    try {
      CompletableFuture<HttpResponse<String>> stuck = CLIENT.sendAsync(api.graphql("stuck"), HttpResponse.BodyHandlers.ofString());
      CompletableFuture<HttpResponse<String>> slow = CLIENT.sendAsync(api.graphql("held"), HttpResponse.BodyHandlers.ofString());
      api.awaitInFlight(2);
      // The slow request finishes half a second into the stop.
      CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS).execute(() -> api.release.complete("slow but done"));

      long start = System.nanoTime();
      HttpServer.StopResult result = api.server.stop(timeout);
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(result).isEqualTo(new HttpServer.StopResult(false, 1));
      assertThat(took).isLessThanOrEqualTo(timeout.plusMillis(500)).isGreaterThanOrEqualTo(timeout.minus(HttpServer.WORKER_STOP_TIMEOUT));
      assertThat(slow.get(5, TimeUnit.SECONDS).body()).contains("slow but done");
      // The stuck request's connection is closed by the stop: the client sees an error, not an answer.
      Awaitility.await().atMost(5, TimeUnit.SECONDS).until(stuck::isDone);
      assertThat(stuck).isCompletedExceptionally();
    } finally {
      api.close();
    }
  }
}
