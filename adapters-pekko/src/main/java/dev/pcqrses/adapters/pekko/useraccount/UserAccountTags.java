package dev.pcqrses.adapters.pekko.useraccount;

/**
 * Spreads account streams over a fixed number of tag slices, so that several projections can read
 * the journal in parallel while every stream stays in one slice (its order is kept).
 */
public final class UserAccountTags {
  private static final String PREFIX = "user-account-";

  private UserAccountTags() {}

  /** The slice of a stream: stable across JVMs (String.hashCode is specified). */
  public static int sliceOf(String persistenceId, int slices) {
    return Math.floorMod(persistenceId.hashCode(), slices);
  }

  /** The tag of a stream's events. */
  public static String tagFor(String persistenceId, int slices) {
    return tag(sliceOf(persistenceId, slices));
  }

  /** The tag of one slice. */
  public static String tag(int slice) {
    return PREFIX + slice;
  }
}
