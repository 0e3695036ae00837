package dev.pcqrses.adapters.http;

import java.time.Duration;
import java.util.List;

/**
 * The start-up check of nested timeouts: each layer must give up before the layer around it
 * (database statement &lt; actor ask &lt; HTTP request &lt; shutdown), or callers see the outer
 * timeout with no useful error while the inner work carries on.
 */
public final class TimeoutLayers {
  /** One timeout, named by its configuration key. */
  public record Layer(String key, Duration value) {}

  private TimeoutLayers() {}

  public static Layer layer(String key, Duration value) {
    return new Layer(key, value);
  }

  /**
   * @param innerToOuter the layers, innermost first
   * @throws IllegalArgumentException naming the keys and values of the first pair out of order
   */
  public static void check(List<Layer> innerToOuter) {
    for (int i = 1; i < innerToOuter.size(); i++) {
      Layer inner = innerToOuter.get(i - 1);
      Layer outer = innerToOuter.get(i);
      if (inner.value().compareTo(outer.value()) >= 0) {
        throw new IllegalArgumentException("Timeouts must grow outwards: " + inner.key() + " (" + inner.value().toMillis()
            + " ms) must be shorter than " + outer.key() + " (" + outer.value().toMillis() + " ms)");
      }
    }
  }
}
