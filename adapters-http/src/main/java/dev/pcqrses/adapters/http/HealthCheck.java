package dev.pcqrses.adapters.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** One thing readiness depends on (the database, the journal, the cluster…). */
public interface HealthCheck {
  /** Shown in the readiness response. */
  String name();

  /** Completes with true when the dependency is usable; false or a failure otherwise. */
  CompletionStage<Boolean> check();

  static HealthCheck of(String name, Supplier<CompletionStage<Boolean>> check) {
    return new HealthCheck() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public CompletionStage<Boolean> check() {
        return check.get();
      }
    };
  }

  /** A check that answers at once (e.g. a flag). */
  static HealthCheck immediate(String name, BooleanSupplier check) {
    return of(name, () -> CompletableFuture.completedFuture(check.getAsBoolean()));
  }
}
