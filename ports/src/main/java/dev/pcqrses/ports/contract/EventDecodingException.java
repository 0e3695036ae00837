package dev.pcqrses.ports.contract;

/** Bytes that are not an event of the contract: unknown manifest, bad JSON, missing or bad field. */
public final class EventDecodingException extends RuntimeException {
  public EventDecodingException(String message) {
    super(message);
  }

  public EventDecodingException(String message, Throwable cause) {
    super(message, cause);
  }
}
