package dev.pcqrses.ports.in;

/**
 * What the edge knows about the request behind a use case call.
 *
 * @param correlationId the request's correlation id (from {@code X-Correlation-ID} or generated)
 */
public record RequestContext(String correlationId) {
  /** For callers without a request (tests, tools). */
  public static final RequestContext NONE = new RequestContext(null);
}
