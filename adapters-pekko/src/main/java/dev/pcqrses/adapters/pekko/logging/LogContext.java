package dev.pcqrses.adapters.pekko.logging;

import java.util.Map;
import org.slf4j.MDC;

/**
 * Fields put into the logging context (MDC) of the current thread for one piece of work; closing
 * it puts back what was there before (usually nothing), so that nothing leaks into the next
 * message handled on a pooled thread and an enclosing scope keeps its fields. Use with
 * try-with-resources.
 */
public final class LogContext implements AutoCloseable {
  private final String[] keys;
  private final String[] previous;

  private LogContext(String[] keys, String[] previous) {
    this.keys = keys;
    this.previous = previous;
  }

  /** Puts {@code fields}, and {@code optionalKey} when {@code optionalValue} is not null. */
  public static LogContext of(Map<String, String> fields, String optionalKey, String optionalValue) {
    int size = fields.size() + (optionalValue == null ? 0 : 1);
    String[] keys = new String[size];
    String[] previous = new String[size];
    int i = 0;
    for (Map.Entry<String, String> field : fields.entrySet()) {
      keys[i] = field.getKey();
      previous[i++] = put(field.getKey(), field.getValue());
    }
    if (optionalValue != null) {
      keys[i] = optionalKey;
      previous[i] = put(optionalKey, optionalValue);
    }
    return new LogContext(keys, previous);
  }

  private static String put(String key, String value) {
    String before = MDC.get(key);
    MDC.put(key, value);
    return before;
  }

  @Override
  public void close() {
    for (int i = keys.length - 1; i >= 0; i--) {
      if (previous[i] == null) {
        MDC.remove(keys[i]);
      } else {
        MDC.put(keys[i], previous[i]);
      }
    }
  }
}
