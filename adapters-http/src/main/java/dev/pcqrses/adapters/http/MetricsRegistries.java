package dev.pcqrses.adapters.http;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmCompilationMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmHeapPressureMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The Prometheus registry of an app, with JVM and process meters bound. */
public final class MetricsRegistries {
  private MetricsRegistries() {}

  /** A registry whose every meter carries {@code application=<name>}. */
  public static PrometheusMeterRegistry prometheus(String application) {
    return prometheus(application, true);
  }

  /**
   * A registry whose every meter carries {@code application=<name>}; when {@code enabled} is false
   * ({@code pcqrses.metrics.enabled}), it accepts no meter, so that every meter is a no-op and
   * {@code /metrics} is empty (for measuring what instrumentation costs).
   */
  public static PrometheusMeterRegistry prometheus(String application, boolean enabled) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    if (!enabled) {
      registry.config().meterFilter(MeterFilter.deny());
    }
    registry.config().commonTags("application", application);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new JvmInfoMetrics().bindTo(registry);
    new JvmCompilationMetrics().bindTo(registry);
    new JvmHeapPressureMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    return registry;
  }
}
