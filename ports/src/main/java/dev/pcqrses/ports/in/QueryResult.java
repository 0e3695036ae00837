package dev.pcqrses.ports.in;

import dev.pcqrses.domain.Violation;
import java.util.List;

/** The answer to a query: a value, or the rules its arguments broke. */
public sealed interface QueryResult<T> {

  record Ok<T>(T value) implements QueryResult<T> {}

  record Invalid<T>(List<Violation> violations) implements QueryResult<T> {
    public Invalid {
      violations = List.copyOf(violations);
    }
  }
}
