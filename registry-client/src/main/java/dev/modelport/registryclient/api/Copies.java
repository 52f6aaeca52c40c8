package dev.modelport.registryclient.api;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Null-tolerant defensive copies for the records of this package. */
final class Copies {
  private Copies() {}

  static <T> List<T> list(List<T> values) {
    return values == null ? List.of() : List.copyOf(values);
  }

  static <V> Map<String, V> map(Map<String, V> values) {
    return values == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(values));
  }
}
