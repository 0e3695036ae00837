package dev.pcqrses.adapters.pekko.logging;

import java.util.Map;
import org.slf4j.MDC;

/**
 * Fields put into the logging context (MDC) of the current thread for one piece of work, and
 * removed when it closes, so that nothing leaks into the next message handled on a pooled thread.
 * Use with try-with-resources.
 */
public final class LogContext implements AutoCloseable {
  private final String[] keys;

  private LogContext(String[] keys) {
    this.keys = keys;
  }

  /** Puts {@code fields}, and {@code optionalKey} when {@code optionalValue} is not null. */
  public static LogContext of(Map<String, String> fields, String optionalKey, String optionalValue) {
    String[] keys = new String[fields.size() + (optionalValue == null ? 0 : 1)];
    int i = 0;
    for (Map.Entry<String, String> field : fields.entrySet()) {
      MDC.put(field.getKey(), field.getValue());
      keys[i++] = field.getKey();
    }
    if (optionalValue != null) {
      MDC.put(optionalKey, optionalValue);
      keys[i] = optionalKey;
    }
    return new LogContext(keys);
  }

  @Override
  public void close() {
    for (String key : keys) {
      MDC.remove(key);
    }
  }
}
