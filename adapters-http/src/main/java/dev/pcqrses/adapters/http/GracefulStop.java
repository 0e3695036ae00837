package dev.pcqrses.adapters.http;

import dev.pcqrses.adapters.http.graphql.ErrorCode;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts requests in flight; once a stop begins, refuses new ones with a JSON 503
 * ({@code UNAVAILABLE}, {@code Retry-After}) so that clients and load balancers retry elsewhere,
 * and lets {@link #awaitDrained} wait for the ones in flight.
 */
final class GracefulStop implements HttpHandler {
  private final HttpHandler next;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final AtomicLong inFlight = new AtomicLong();
  private final Object drained = new Object();

  GracefulStop(HttpHandler next) {
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (stopping.get()) {
      exchange.setPersistent(false);
      exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
      JsonResponses.error(exchange, 503, ErrorCode.UNAVAILABLE, "This server is stopping; retry on another");
      return;
    }
    inFlight.incrementAndGet();
    // A request that finishes while the server stops closes its connection, so that the client does
    // not send its next request down a connection about to be closed under it.
    exchange.addResponseCommitListener(ex -> {
      if (stopping.get()) {
        ex.setPersistent(false);
      }
    });
    exchange.addExchangeCompleteListener((ex, nextListener) -> {
      try {
        if (inFlight.decrementAndGet() == 0) {
          synchronized (drained) {
            drained.notifyAll();
          }
        }
      } finally {
        nextListener.proceed();
      }
    });
    next.handleRequest(exchange);
  }

  /** New requests get 503 from now on. */
  void stopAccepting() {
    stopping.set(true);
  }

  /** Requests being handled now. */
  long inFlight() {
    return inFlight.get();
  }

  boolean stopping() {
    return stopping.get();
  }

  /** Waits until no request is in flight, at most {@code timeout}; true when drained. */
  boolean awaitDrained(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (drained) {
      while (inFlight.get() > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        drained.wait(Math.max(1, left / 1_000_000));
      }
    }
    return true;
  }
}
