package dev.pcqrses.adapters.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.util.concurrent.TimeUnit;

/**
 * Times every request: {@code http.server.requests} by method, route (the matched route, never the
 * raw path, so cardinality stays bounded), status and outcome.
 */
final class HttpMetrics implements HttpHandler {
  static final AttachmentKey<String> ROUTE = AttachmentKey.create(String.class);

  private static final java.time.Duration[] BUCKETS = LatencyBuckets.latency();

  private final HttpHandler next;
  private final MeterRegistry registry;

  HttpMetrics(HttpHandler next, MeterRegistry registry) {
    this.next = next;
    this.registry = registry;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    long start = System.nanoTime();
    exchange.addExchangeCompleteListener((ex, nextListener) -> {
      try {
        int status = ex.getStatusCode();
        String route = ex.getAttachment(ROUTE);
        Timer.builder("http.server.requests")
            .description("HTTP requests served")
            .tag("method", method(ex.getRequestMethod().toString()))
            .tag("route", route == null ? "UNMATCHED" : route)
            .tag("status", Integer.toString(status))
            .tag("outcome", outcome(status))
            .serviceLevelObjectives(BUCKETS)
            .register(registry)
            .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      } finally {
        nextListener.proceed();
      }
    });
    next.handleRequest(exchange);
  }

  private static final java.util.Set<String> KNOWN_METHODS =
      java.util.Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

  /** Clients can send any method name; only the standard ones become tag values. */
  private static String method(String method) {
    return KNOWN_METHODS.contains(method) ? method : "OTHER";
  }

  private static String outcome(int status) {
    if (status < 200) {
      return "INFORMATIONAL";
    }
    if (status < 300) {
      return "SUCCESS";
    }
    if (status < 400) {
      return "REDIRECTION";
    }
    return status < 500 ? "CLIENT_ERROR" : "SERVER_ERROR";
  }
}
