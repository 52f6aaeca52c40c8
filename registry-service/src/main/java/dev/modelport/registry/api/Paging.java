package dev.modelport.registry.api;

import dev.modelport.registry.error.InvalidInputException;

/** Validated {@code offset} and {@code limit} query parameters (limit 1..500, default 50). */
public record Paging(int offset, int limit) {
  public static final int MAX_LIMIT = 500;

  /** Parses the query parameters' text: a non-numeric value is a 400 naming the parameter. */
  public static Paging of(String offset, String limit) {
    return of(QueryParams.integer("offset", offset), QueryParams.integer("limit", limit));
  }

  public static Paging of(Integer offset, Integer limit) {
    int o = offset == null ? 0 : offset;
    int l = limit == null ? 50 : limit;
    if (o < 0) {
      throw new InvalidInputException("offset", "must not be negative");
    }
    if (l < 1 || l > MAX_LIMIT) {
      throw new InvalidInputException("limit", "must be between 1 and " + MAX_LIMIT);
    }
    return new Paging(o, l);
  }
}
