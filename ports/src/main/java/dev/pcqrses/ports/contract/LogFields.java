package dev.pcqrses.ports.contract;

/**
 * The names of the context fields (MDC keys) that log lines carry, shared by every adapter so that
 * one query finds all lines of a request, on the write side and on the read side. Part of the
 * operational contract: log pipelines index these names (docs/logging.md).
 */
public final class LogFields {
  private LogFields() {}

  /** The request's correlation id ({@code X-Correlation-ID}, or generated), also in event metadata. */
  public static final String CORRELATION_ID = "correlation_id";
  /** The account a command or event is about. */
  public static final String USER_ACCOUNT_ID = "user_account_id";
  /** The command type: {@code create}, {@code rename}, {@code delete}. */
  public static final String COMMAND = "command";
  /** The event type, on lines about one event (e.g. {@code UserAccountCreated}). */
  public static final String EVENT = "event";
  /** The path of the actor whose work the line belongs to. */
  public static final String ACTOR_PATH = "actor_path";
}
