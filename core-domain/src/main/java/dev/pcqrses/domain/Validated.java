package dev.pcqrses.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The result of turning raw input into a value object: either the value, or the rules it broke.
 * Validation failures are values, so that several fields can be checked and reported together.
 */
public sealed interface Validated<T> {

  static <T> Validated<T> valid(T value) {
    return new Valid<>(value);
  }

  static <T> Validated<T> invalid(String field, String message) {
    return new Invalid<>(List.of(new Violation(field, message)));
  }

  /** The violations of all given results, in order; empty when every one is valid. */
  static List<Violation> violationsOf(Validated<?>... results) {
    List<Violation> all = new ArrayList<>();
    for (Validated<?> result : results) {
      if (result instanceof Invalid<?> invalid) {
        all.addAll(invalid.violations());
      }
    }
    return List.copyOf(all);
  }

  boolean isValid();

  /** The value; throws {@link IllegalStateException} when invalid (check first, or use violationsOf). */
  T value();

  <R> Validated<R> map(Function<? super T, ? extends R> f);

  record Valid<T>(T value) implements Validated<T> {
    public Valid {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public boolean isValid() {
      return true;
    }

    @Override
    public <R> Validated<R> map(Function<? super T, ? extends R> f) {
      return new Valid<>(f.apply(value));
    }
  }

  record Invalid<T>(List<Violation> violations) implements Validated<T> {
    public Invalid {
      violations = List.copyOf(violations);
      if (violations.isEmpty()) {
        throw new IllegalArgumentException("an invalid result needs at least one violation");
      }
    }

    @Override
    public boolean isValid() {
      return false;
    }

    @Override
    public T value() {
      throw new IllegalStateException("invalid: " + violations);
    }

    @Override
    public <R> Validated<R> map(Function<? super T, ? extends R> f) {
      return new Invalid<>(violations);
    }
  }
}
