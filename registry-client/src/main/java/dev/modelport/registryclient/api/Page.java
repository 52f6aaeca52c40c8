package dev.modelport.registryclient.api;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param items the items of this page
 * @param offset index of the first item in the whole listing
 * @param limit the page size that was asked for
 * @param total number of items in the whole listing
 */
public record Page<T>(List<T> items, int offset, int limit, long total) {
  public Page {
    items = Copies.list(items);
  }

  /** Whether items after this page exist. */
  public boolean hasMore() {
    return offset + items.size() < total;
  }
}
