package dev.pcqrses.adapters.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An app's stop, in step with a load balancer (design notes §8.4): readiness answers 503 at once →
 * wait the health-check grace period (requests still served) → wait the detach duration → refuse
 * new requests (503 {@code UNAVAILABLE}, {@code Retry-After}, connection closed) → let the requests
 * in flight finish within the shutdown timeout → then the app's own steps, in order (leave the
 * cluster, close pools). One INFO line per phase, with its duration. Runs once: a second caller
 * waits for the first to finish.
 */
public final class GracefulShutdown {
  private static final Logger log = LoggerFactory.getLogger(GracefulShutdown.class);

  /** A step after HTTP has stopped, named in the log. */
  private record Step(String name, Runnable action) {}

  private final String app;
  private final HttpServer http;
  private final ShutdownSettings settings;
  private final List<Step> steps = new ArrayList<>();
  private boolean done;

  private GracefulShutdown(String app, HttpServer http, ShutdownSettings settings) {
    this.app = Objects.requireNonNull(app, "app");
    this.http = Objects.requireNonNull(http, "http");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** The stop sequence of {@code app} (its name in the log) serving on {@code http}. */
  public static GracefulShutdown of(String app, HttpServer http, ShutdownSettings settings) {
    return new GracefulShutdown(app, http, settings);
  }

  /** Adds a step that runs after HTTP has stopped, after the steps added before it. */
  public synchronized GracefulShutdown then(String name, Runnable action) {
    steps.add(new Step(name, action));
    return this;
  }

  /**
   * Runs the sequence (once). A failing step is logged and the next one still runs. Blocks for at
   * most grace period + detach duration + shutdown timeout + what the steps take (each bounds
   * itself).
   */
  public synchronized void run() {
    if (done) {
      return;
    }
    done = true;
    long start = System.nanoTime();
    log.info("{} stopping: phase readiness-down: /health/ready answers 503 from now on", app);
    http.beginShutdown();
    waitPhase("health-check-grace-period", settings.healthCheckGracePeriod(),
        "the load balancer's health checks see this node fail; requests are still served");
    waitPhase("detach-wait-duration", settings.detachWaitDuration(),
        "the load balancer takes this node out of its routing; requests are still served");
    long phase = System.nanoTime();
    HttpServer.StopResult stopped = http.stop(settings.shutdownTimeout());
    log.info("{} phase stop-accepting and drain: new requests refused with 503; {} in {} ms (shutdown-timeout {} ms)",
        app, stopped.drained() ? "every request in flight finished"
            : stopped.inFlight() + " request(s) still in flight were cut", millisSince(phase),
        settings.shutdownTimeout().toMillis());
    for (Step step : steps) {
      long stepStart = System.nanoTime();
      try {
        step.action().run();
        log.info("{} phase {}: done in {} ms", app, step.name(), millisSince(stepStart));
      } catch (RuntimeException e) {
        log.warn("{} phase {} failed after {} ms", app, step.name(), millisSince(stepStart), e);
      }
    }
    log.info("{} stop sequence took {} ms in total", app, millisSince(start));
    log.info("{} stopped", app); // the last line, word for word, that operators and JsonLogsIT look for
  }

  private void waitPhase(String name, Duration duration, String why) {
    if (duration.isZero()) {
      log.info("{} phase {}: 0 ms (no wait configured)", app, name);
      return;
    }
    long start = System.nanoTime();
    try {
      // The point of the phase is to let time pass for the load balancer: nothing to poll here.
      TimeUnit.NANOSECONDS.sleep(duration.toNanos());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.warn("{} phase {} interrupted", app, name);
    }
    log.info("{} phase {}: waited {} ms ({})", app, name, millisSince(start), why);
  }

  private static long millisSince(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
  }
}
