package dev.pcqrses.adapters.http.graphql;

import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an exception thrown by a data fetcher into a GraphQL error without internals: dependency
 * trouble (pool exhausted, connection lost, statement timeout) becomes {@code UNAVAILABLE}, anything
 * else {@code INTERNAL_ERROR}. The stack trace goes to the log with the correlation id, never to
 * the client.
 */
final class ApiExceptionHandler implements DataFetcherExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @Override
  public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(DataFetcherExceptionHandlerParameters p) {
    Throwable failure = unwrap(p.getException());
    String correlationId = p.getDataFetchingEnvironment().getGraphQlContext().get(RequestContexts.CORRELATION_ID);
    ApiError error;
    if (isTransient(failure)) {
      log.warn("Dependency unavailable while fetching {} (correlation id {}): {}", p.getPath(), correlationId,
          failure.toString());
      error = ApiError.of(ErrorCode.UNAVAILABLE, "A dependency is unavailable; retry later",
          java.util.Map.of("retryable", true));
    } else {
      log.error("Unexpected failure while fetching {} (correlation id {})", p.getPath(), correlationId, failure);
      error = ApiError.of(ErrorCode.INTERNAL_ERROR,
          "Internal error" + (correlationId == null ? "" : "; reference " + correlationId));
    }
    return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult()
        .error(error.at(p.getSourceLocation(), p.getPath()))
        .build());
  }

  private static Throwable unwrap(Throwable t) {
    Throwable current = t;
    while (current instanceof CompletionException && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  /** Failures that say "try again later" rather than "there is a bug". */
  static boolean isTransient(Throwable t) {
    for (Throwable cause = t; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLTransientException || cause instanceof TimeoutException) {
        return true;
      }
      if (cause instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        // 08: connection exception; 57014: statement timeout; 53: insufficient resources; 57P: shutdown
        if (state.startsWith("08") || state.equals("57014") || state.startsWith("53") || state.startsWith("57P")) {
          return true;
        }
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }
}
