package dev.pcqrses.clustertests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The query side is stateless: one query-api instance stopped with SIGTERM goes through the graceful
 * stop (readiness 503 first, then refusals with 503, then exit 0), and a client of the other one
 * sees no error at all meanwhile.
 */
class QueryApiStopIT {
  @Test
  void a_query_api_stops_gracefully_and_a_client_of_the_other_sees_no_error() throws Exception {
    TestCluster cluster = TestCluster.get();
    AppProcess stopping = cluster.queryApis.get(0);
    AppProcess other = cluster.queryApis.get(1);

    Api.Reply created = Api.graphql(cluster.commandNodes.get(0).baseUrl(), Api.CREATE,
        Api.createInput("Stateless", "Query", "stateless@example.com"), Duration.ofSeconds(15));
    assertThat(created.ok()).as(created.describe()).isTrue();
    String id = created.json().at("/data/createUserAccount/id").asText();
    Poll.until(Duration.ofSeconds(20), () -> "the account visible through " + other, () -> !Api.graphql(
        other.baseUrl(), Api.GET, Map.of("id", id), Duration.ofSeconds(5)).json().at("/data/getUserAccount").isNull(),
        () -> "");

    AtomicLong answered = new AtomicLong();
    ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
    Thread client = new Thread(() -> {
      int i = 0;
      // Stopped by a flag, not by interrupting it: an interrupted request would count as an error.
      while (!done.get()) {
        Api.Reply r = (i++ % 2 == 0)
            ? Api.graphql(other.baseUrl(), Api.GET, Map.of("id", id), Duration.ofSeconds(10))
            : Api.graphql(other.baseUrl(), Api.LIST, Map.of("n", 5), Duration.ofSeconds(10));
        if (r.ok()) {
          answered.incrementAndGet();
        } else {
          errors.add(r.describe());
        }
        Poll.pause(java.time.Duration.ofMillis(20)); // pacing of the client (about 40 requests/s)
      }
    }, "query-client");
    client.setDaemon(true);
    client.start();
    try {
      Poll.until(Duration.ofSeconds(30), () -> "the client answered 50 times", () -> answered.get() >= 50, errors::toString);

      int exit;
      long exited;
      try (ShutdownObserver observer = new ShutdownObserver(stopping, Api.GET, Map.of("id", id)).sigterm()) {
        exit = stopping.awaitExit(Duration.ofSeconds(60));
        exited = System.nanoTime();
        observer.close();
        System.out.println("[query-stop] " + observer.describe(exit, exited));
        assertThat(observer.unexpected).as("what %s answered while stopping", stopping).isNull();
        assertThat(observer.readinessFailedNanos).as("readiness turned 503 before the exit").isPositive();
        if (observer.firstRefusedNanos != 0) {
          assertThat(observer.firstRefusedNanos).as("readiness failed before requests were refused")
              .isGreaterThan(observer.readinessFailedNanos);
          assertThat(observer.refusedWithRetryAfter).as("the refusal carries Retry-After").isTrue();
        }
      }
      assertThat(exit).as("%s exit code after SIGTERM\n%s", stopping, stopping.logTail(30)).isZero();

      long before = answered.get();
      Poll.until(Duration.ofSeconds(30), () -> "50 more answers after the stop", () -> answered.get() >= before + 50,
          errors::toString);
    } finally {
      done.set(true);
      client.join(30_000);
    }
    System.out.printf(Locale.ROOT, "[query-stop] client of %s: %d answers, %d errors while %s stopped%n",
        other.name, answered.get(), errors.size(), stopping.name);
    assertThat(List.copyOf(errors)).as("errors seen by the client of %s", other).isEmpty();
    cluster.ensureHealthy();
  }
}
