package dev.pcqrses.adapters.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /health/live}: the process runs. {@code GET /health/ready}: every dependency answers
 * and the server is not shutting down (a load balancer sends traffic only while this says 200).
 */
final class HealthHandlers {
  private HealthHandlers() {}

  static HttpHandler live() {
    return exchange -> JsonResponses.send(exchange, 200, Map.of("status", "UP"));
  }

  static HttpHandler ready(List<HealthCheck> checks, Duration timeout, BooleanSupplier shuttingDown) {
    return exchange -> {
      if (shuttingDown.getAsBoolean()) {
        JsonResponses.send(exchange, 503, Map.of("status", "DOWN", "reason", "shutting down"));
        return;
      }
      exchange.dispatch(SameThreadExecutor.INSTANCE, () -> runChecks(exchange, checks, timeout));
    };
  }

  private static void runChecks(HttpServerExchange exchange, List<HealthCheck> checks, Duration timeout) {
    List<CompletableFuture<Boolean>> results = new ArrayList<>();
    for (HealthCheck check : checks) {
      CompletableFuture<Boolean> result;
      try {
        result = check.check().toCompletableFuture();
      } catch (RuntimeException e) {
        result = CompletableFuture.completedFuture(false);
      }
      results.add(result.completeOnTimeout(false, timeout.toMillis(), TimeUnit.MILLISECONDS)
          .exceptionally(failure -> false));
    }
    CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).whenComplete((ignored, failure) -> {
      Map<String, String> detail = new LinkedHashMap<>();
      boolean allUp = true;
      for (int i = 0; i < checks.size(); i++) {
        boolean up = Boolean.TRUE.equals(results.get(i).getNow(false));
        allUp &= up;
        detail.put(checks.get(i).name(), up ? "UP" : "DOWN");
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", allUp ? "UP" : "DOWN");
      body.put("checks", detail);
      JsonResponses.send(exchange, allUp ? 200 : 503, body);
    });
  }
}
