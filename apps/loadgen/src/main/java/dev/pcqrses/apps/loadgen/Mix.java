package dev.pcqrses.apps.loadgen;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The operations of the {@code mix} mode and their weights, parsed from {@code --mix}, e.g.
 * {@code create:20,rename:30,delete:5,get:45}. Weights are relative (they need not add up to 100);
 * operations left out have weight 0.
 */
record Mix(Map<Op, Integer> weights) {
  /** The operations the mix can send. */
  enum Op {
    /** {@code createUserAccount} (command API). */
    CREATE,
    /** {@code renameUserAccount} of a live account (command API). */
    RENAME,
    /** {@code deleteUserAccount} of a live account (command API). */
    DELETE,
    /** {@code getUserAccount} of a live account (query API). */
    GET,
    /** {@code searchUserAccounts} for a last name (query API). */
    SEARCH;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    boolean isCommand() {
      return this == CREATE || this == RENAME || this == DELETE;
    }
  }

  static final String DEFAULT = "create:20,rename:30,delete:5,get:45";

  Mix {
    EnumMap<Op, Integer> copy = new EnumMap<>(Op.class);
    for (Op op : Op.values()) {
      int w = weights.getOrDefault(op, 0);
      if (w < 0) {
        throw new IllegalArgumentException("--mix: negative weight for " + op.label());
      }
      copy.put(op, w);
    }
    if (copy.values().stream().mapToLong(Integer::longValue).sum() == 0) {
      throw new IllegalArgumentException("--mix: every weight is 0");
    }
    weights = Collections.unmodifiableMap(copy);
  }

  /** Parses {@code op:weight,op:weight,...}; each operation at most once. */
  static Mix parse(String text) {
    EnumMap<Op, Integer> weights = new EnumMap<>(Op.class);
    for (String part : text.split(",")) {
      String p = part.trim();
      int colon = p.indexOf(':');
      if (colon <= 0 || colon == p.length() - 1) {
        throw new IllegalArgumentException("--mix: expected op:weight, got '" + p + "' (ops: create, rename, delete, get, search)");
      }
      Op op;
      try {
        op = Op.valueOf(p.substring(0, colon).trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--mix: unknown operation '" + p.substring(0, colon).trim()
            + "' (ops: create, rename, delete, get, search)");
      }
      int weight;
      try {
        weight = Integer.parseInt(p.substring(colon + 1).trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--mix: weight of " + op.label() + " is not a whole number: '" + p + "'");
      }
      if (weights.put(op, weight) != null) {
        throw new IllegalArgumentException("--mix: " + op.label() + " given twice");
      }
    }
    return new Mix(weights);
  }

  long totalWeight() {
    return weights.values().stream().mapToLong(Integer::longValue).sum();
  }

  /**
   * The operation for a uniform draw {@code u} in [0, 1): the operations in declaration order take
   * consecutive slices of [0, 1) as wide as their share of the total weight.
   */
  Op choose(double u) {
    if (!(u >= 0 && u < 1)) {
      throw new IllegalArgumentException("u must be in [0, 1): " + u);
    }
    double point = u * totalWeight();
    long cumulative = 0;
    Op last = null;
    for (Map.Entry<Op, Integer> e : weights.entrySet()) {
      if (e.getValue() == 0) {
        continue;
      }
      cumulative += e.getValue();
      last = e.getKey();
      if (point < cumulative) {
        return last;
      }
    }
    return last; // only reached through rounding at the very top of the range
  }

  /** Whether the mix renames, deletes, gets or searches, i.e. needs accounts to aim at. */
  boolean needsAccounts() {
    return weights.get(Op.RENAME) + weights.get(Op.DELETE) + weights.get(Op.GET) > 0;
  }

  /** The weights as {@code {"create": 20, ...}}, zero weights left out. */
  Map<String, Integer> asMap() {
    Map<String, Integer> m = new LinkedHashMap<>();
    weights.forEach((op, w) -> {
      if (w > 0) {
        m.put(op.label(), w);
      }
    });
    return m;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    asMap().forEach((op, w) -> b.append(b.isEmpty() ? "" : ",").append(op).append(':').append(w));
    return b.toString();
  }
}
