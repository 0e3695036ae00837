package dev.pcqrses.ports.in;

import java.util.List;

/**
 * One page of a keyset-paged listing.
 *
 * @param items       at most the requested number of items, in order
 * @param hasNextPage whether more items follow
 * @param endCursor   pass as {@code after} to read the next page; null when the page is empty
 */
public record Page<T>(List<T> items, boolean hasNextPage, String endCursor) {
  public Page {
    items = List.copyOf(items);
  }
}
