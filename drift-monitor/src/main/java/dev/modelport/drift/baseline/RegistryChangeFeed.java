package dev.modelport.drift.baseline;

import java.util.function.Consumer;

/**
 * The registry's change feed, reduced to what the baseline cache needs: the names of models that
 * changed (a version created, an alias moved, a model deleted).
 */
public interface RegistryChangeFeed extends AutoCloseable {

  /** Starts delivering changed model names to {@code listener} on a feed thread. */
  void start(Consumer<String> listener);

  @Override
  void close();
}
