package dev.pcqrses.adapters.http;

import dev.pcqrses.adapters.http.graphql.ErrorCode;
import dev.pcqrses.adapters.http.graphql.GraphQLEndpoint;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server of one app: {@code /api/graphql} (when the app has a GraphQL API),
 * {@code /health/live}, {@code /health/ready} and {@code /metrics}; correlation ids, request
 * metrics, body limit, and a graceful stop that first fails readiness, then drains in-flight
 * requests.
 */
public final class HttpServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

  private final Undertow undertow;
  private final GracefulStop graceful;
  private final AtomicBoolean shuttingDown;
  private final int port;
  private final String host;

  private HttpServer(Undertow undertow, GracefulStop graceful, AtomicBoolean shuttingDown, String host) {
    this.undertow = undertow;
    this.graceful = graceful;
    this.shuttingDown = shuttingDown;
    this.host = host;
    this.port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
  }

  public static Builder builder(HttpServerSettings settings) {
    return new Builder(settings);
  }

  /** The port the server listens on (the configured one, or the one picked for port 0). */
  public int port() {
    return port;
  }

  /** {@code http://host:port}. */
  public String baseUrl() {
    return "http://" + host + ":" + port;
  }

  /** Readiness reports 503 from now on (the load balancer stops sending); requests are still served. */
  public void beginShutdown() {
    shuttingDown.set(true);
  }

  /** How a {@link #stop} ended: whether every request in flight finished, and how many did not. */
  public record StopResult(boolean drained, long inFlight) {}

  /**
   * Refuses new requests (503 {@code UNAVAILABLE}, {@code Retry-After}, connection closed), waits
   * for the ones in flight, then closes the listener. Returns within {@code timeout}: requests still
   * running {@link #WORKER_STOP_TIMEOUT} before it are cut (their worker threads interrupted), even
   * a handler that never returns.
   */
  public StopResult stop(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    beginShutdown();
    graceful.stopAccepting();
    boolean drained = false;
    try {
      drained = graceful.awaitDrained(timeout.minus(WORKER_STOP_TIMEOUT).isNegative() ? Duration.ZERO
          : timeout.minus(WORKER_STOP_TIMEOUT));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    long left = graceful.inFlight();
    if (!drained) {
      log.warn("{} HTTP request(s) still in flight after {} ms; cutting them", left,
          timeout.minus(WORKER_STOP_TIMEOUT).toMillis());
    }
    stopUndertow(deadline);
    return new StopResult(drained, drained ? 0 : left);
  }

  /**
   * Undertow's stop waits for its worker threads for {@link #WORKER_STOP_TIMEOUT} (the server
   * option), then interrupts them; a thread that ignores the interrupt would still hold stop() up in
   * XNIO's shutdown, so it runs on a thread of its own and is waited for until the deadline only.
   */
  private void stopUndertow(long deadlineNanos) {
    Thread stopper = new Thread(undertow::stop, "http-stop-" + port);
    stopper.setDaemon(true);
    stopper.start();
    try {
      stopper.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (stopper.isAlive()) {
      log.warn("The HTTP listener on port {} did not close in time; leaving it to the JVM's exit", port);
    }
  }

  /** Part of a stop's timeout kept for closing the listener and interrupting stuck worker threads. */
  public static final Duration WORKER_STOP_TIMEOUT = Duration.ofSeconds(1);

  @Override
  public void close() {
    stop(Duration.ofSeconds(5));
  }

  /** Assembles and starts a server. */
  public static final class Builder {
    private final HttpServerSettings settings;
    private GraphQLEndpoint graphql;
    private final List<HealthCheck> readiness = new ArrayList<>();
    private PrometheusMeterRegistry metrics;

    private Builder(HttpServerSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Serves this endpoint at {@code /api/graphql}. */
    public Builder graphql(GraphQLEndpoint endpoint) {
      this.graphql = endpoint;
      return this;
    }

    /** Adds a dependency that readiness waits for. */
    public Builder readiness(HealthCheck check) {
      readiness.add(check);
      return this;
    }

    /** Serves this registry at {@code /metrics} and records request metrics into it. */
    public Builder metrics(PrometheusMeterRegistry registry) {
      this.metrics = registry;
      return this;
    }

    public HttpServer start() {
      AtomicBoolean shuttingDown = new AtomicBoolean(false);
      Map<String, HttpHandler> routes = new HashMap<>();
      if (graphql != null) {
        HttpHandler handler = new GraphQLHttpHandler(graphql, settings);
        routes.put("/api/graphql", new InFlightLimit(handler, settings.maxInFlight(), "/api/graphql",
            metrics != null ? metrics : new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
      }
      routes.put("/health/live", getOnly(HealthHandlers.live()));
      routes.put("/health/ready", getOnly(HealthHandlers.ready(List.copyOf(readiness), settings.readinessTimeout(),
          shuttingDown::get)));
      if (metrics != null) {
        PrometheusMeterRegistry registry = metrics;
        routes.put("/metrics", getOnly(exchange -> {
          exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
          exchange.getResponseSender().send(registry.scrape(), StandardCharsets.UTF_8);
        }));
      }
      String known = String.join(", ", new java.util.TreeSet<>(routes.keySet()));
      HttpHandler router = exchange -> route(routes, known, exchange);
      HttpHandler root = metrics == null ? router : new HttpMetrics(router, metrics);
      GracefulStop graceful = new GracefulStop(new CorrelationIds(root));
      Undertow.Builder undertow = Undertow.builder()
          .addHttpListener(settings.port(), settings.host())
          // A hard cap only: the GraphQL handler enforces max-body-size itself and reads (then
          // discards) bodies up to this cap, so that clients get a clean 413. Undertow fixes the cap
          // of a chunked body when the request starts, so it cannot be raised per request.
          .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, GraphQLHttpHandler.MAX_DRAINED_BYTES)
          .setServerOption(UndertowOptions.ALWAYS_SET_DATE, true)
          // Bounds Undertow's stop: worker threads still busy then are interrupted (see stop()).
          .setServerOption(UndertowOptions.SHUTDOWN_TIMEOUT, (int) WORKER_STOP_TIMEOUT.toMillis())
          .setHandler(graceful);
      if (settings.ioThreads() > 0) {
        undertow.setIoThreads(settings.ioThreads());
      }
      if (settings.workerThreads() > 0) {
        undertow.setWorkerThreads(settings.workerThreads());
      }
      Undertow server = undertow.build();
      try {
        server.start();
      } catch (RuntimeException e) {
        // Undertow wraps a BindException; say which address, so that the port's setting is easy to find.
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        throw new IllegalStateException("cannot listen on " + settings.host() + ":" + settings.port() + " for HTTP: "
            + cause.getMessage() + " (another process has the port? set the app's *_PORT variable)", cause);
      }
      HttpServer started = new HttpServer(server, graceful, shuttingDown, settings.host());
      log.info("HTTP server listening on {}", started.baseUrl());
      return started;
    }

    private static void route(Map<String, HttpHandler> routes, String known, HttpServerExchange exchange)
        throws Exception {
      String path = exchange.getRequestPath();
      HttpHandler handler = routes.get(path);
      if (handler == null) {
        JsonResponses.error(exchange, 404, ErrorCode.ENDPOINT_NOT_FOUND, "No such endpoint; this server has " + known);
        return;
      }
      exchange.putAttachment(HttpMetrics.ROUTE, path);
      handler.handleRequest(exchange);
    }

    private static HttpHandler getOnly(HttpHandler handler) {
      return exchange -> {
        if (!Methods.GET.equals(exchange.getRequestMethod()) && !Methods.HEAD.equals(exchange.getRequestMethod())) {
          exchange.getResponseHeaders().put(Headers.ALLOW, "GET");
          JsonResponses.error(exchange, 405, ErrorCode.METHOD_NOT_ALLOWED, "Use GET");
          return;
        }
        handler.handleRequest(exchange);
      };
    }
  }
}
