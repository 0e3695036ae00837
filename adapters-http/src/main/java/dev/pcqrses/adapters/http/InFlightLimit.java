package dev.pcqrses.adapters.http;

import dev.pcqrses.adapters.http.graphql.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Backpressure at the edge: at most {@code limit} requests of a route are in flight on this node;
 * one more is answered at once with 503 {@code UNAVAILABLE} and {@code Retry-After}, instead of
 * queueing until every caller times out. Meters: {@code pcqrses.http.in.flight} and
 * {@code pcqrses.http.rejected}.
 */
final class InFlightLimit implements HttpHandler {
  private final HttpHandler next;
  private final int limit;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Counter rejected;

  InFlightLimit(HttpHandler next, int limit, String route, MeterRegistry registry) {
    this.next = next;
    this.limit = limit;
    Gauge.builder("pcqrses.http.in.flight", inFlight, AtomicInteger::get)
        .description("Requests in flight on this node, per limited route")
        .tag("route", route)
        .register(registry);
    this.rejected = Counter.builder("pcqrses.http.rejected")
        .description("Requests refused with 503 because the route's in-flight limit was reached")
        .tag("route", route)
        .register(registry);
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (inFlight.incrementAndGet() > limit) {
      inFlight.decrementAndGet();
      rejected.increment();
      exchange.setPersistent(false); // the body, if any, is not read
      exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
      JsonResponses.error(exchange, 503, ErrorCode.UNAVAILABLE,
          "This node has " + limit + " requests in flight, its limit; retry shortly or on another node");
      return;
    }
    exchange.addExchangeCompleteListener((ex, nextListener) -> {
      try {
        inFlight.decrementAndGet();
      } finally {
        nextListener.proceed();
      }
    });
    next.handleRequest(exchange);
  }
}
