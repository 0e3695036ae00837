package dev.pcqrses.clustertests;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Watches one app while it stops: polls its readiness and sends it a request every 50 ms, and
 * notes when readiness first failed, when a request was first refused (503 {@code UNAVAILABLE}
 * with {@code Retry-After}), and whether any request failed otherwise before the listener closed.
 * It sees the stop sequence from outside, as a load balancer and a client would.
 */
final class ShutdownObserver implements AutoCloseable {
  private final AppProcess app;
  private final String query;
  private final Map<String, Object> variables;
  private final long signalled;
  private final Thread thread;
  private final Thread readiness;
  private volatile boolean closed;
  volatile long readinessFailedNanos;
  volatile long firstRefusedNanos;
  volatile long connectionClosedNanos;
  volatile boolean refusedWithRetryAfter;
  volatile int servedWhileNotReady;
  volatile String unexpected;

  ShutdownObserver(AppProcess app, String query, Map<String, Object> variables) {
    this.app = app;
    this.query = query;
    this.variables = variables;
    this.signalled = System.nanoTime();
    thread = new Thread(this::run, "shutdown-observer-" + app.name);
    thread.setDaemon(true);
    readiness = new Thread(this::pollReadiness, "shutdown-readiness-" + app.name);
    readiness.setDaemon(true);
  }

  /** Starts watching and sends SIGTERM. */
  ShutdownObserver sigterm() {
    thread.start();
    readiness.start();
    app.sigterm();
    return this;
  }

  /** Readiness on a thread of its own, every 20 ms: a slow request must not hide its first 503. */
  private void pollReadiness() {
    while (!closed && connectionClosedNanos == 0 && readinessFailedNanos == 0) {
      Api.Reply ready = Api.get(app.baseUrl(), "/health/ready", Duration.ofSeconds(2));
      long now = System.nanoTime();
      if (ready.transportFailure()) {
        return;
      }
      if (ready.status() != 200) {
        readinessFailedNanos = now;
        return;
      }
      Poll.pause(Duration.ofMillis(20));
    }
  }

  private void run() {
    while (!closed && connectionClosedNanos == 0) {
      long now;
      Api.Reply r = Api.graphql(app.baseUrl(), query, variables, Duration.ofSeconds(20));
      now = System.nanoTime();
      if (r.transportFailure()) {
        connectionClosedNanos = now;
        return;
      }
      if (r.status() == 503 && "UNAVAILABLE".equals(r.errorCode())) {
        if (firstRefusedNanos == 0) {
          firstRefusedNanos = now;
          refusedWithRetryAfter = r.headers().keySet().stream().anyMatch(h -> h.equalsIgnoreCase("Retry-After"));
        }
      } else if (r.ok()) {
        if (readinessFailedNanos != 0) {
          servedWhileNotReady++;
        }
        if (firstRefusedNanos != 0 && unexpected == null) {
          unexpected = "served after it had refused: " + r.describe();
        }
      } else if (unexpected == null) {
        unexpected = r.describe();
      }
      // Back to back once readiness has failed, so that the short phase of refusals between the end
      // of the waits and the closed listener is not missed.
      Poll.pause(Duration.ofMillis(readinessFailedNanos == 0 ? 50 : 5));
    }
  }

  String describe(int exitCode, long exitedNanos) {
    return String.format(Locale.ROOT, "%s after SIGTERM: readiness 503 at %s, requests served while not ready: %d, "
            + "first refusal (503 UNAVAILABLE%s) at %s, listener closed at %s, exit %d at %.2f s",
        app.name, at(readinessFailedNanos), servedWhileNotReady, refusedWithRetryAfter ? ", Retry-After" : "",
        at(firstRefusedNanos), at(connectionClosedNanos), exitCode, (exitedNanos - signalled) / 1e9);
  }

  private String at(long nanos) {
    return nanos == 0 ? "never seen" : String.format(Locale.ROOT, "%.2f s", (nanos - signalled) / 1e9);
  }

  @Override
  public void close() {
    closed = true;
    try {
      readiness.join(30_000);
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
