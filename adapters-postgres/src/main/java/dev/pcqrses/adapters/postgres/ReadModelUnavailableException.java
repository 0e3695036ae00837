package dev.pcqrses.adapters.postgres;

/** The read-model database could not be reached or refused the work; retrying later may succeed. */
public final class ReadModelUnavailableException extends RuntimeException {
  public ReadModelUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
