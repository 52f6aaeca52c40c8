package dev.modelport.serving.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Warm-up of a freshly loaded version (the {@code warmup} section of {@code model.yaml}): the
 * version becomes ready only after one engine call per batch size has succeeded.
 *
 * @param enabled false to skip warm-up
 * @param batchSizes batch sizes to run; empty means 1, the preferred sizes and the largest size
 * @param request optional V2 JSON request (a file) to send instead of generated zeros
 */
public record WarmupSettings(boolean enabled, List<Integer> batchSizes, Optional<Path> request) {

  public static final WarmupSettings DEFAULT =
      new WarmupSettings(true, List.of(), Optional.empty());

  public WarmupSettings {
    batchSizes = List.copyOf(batchSizes == null ? List.of() : batchSizes);
    request = request == null ? Optional.empty() : request;
    for (int b : batchSizes) {
      if (b < 1) {
        throw new IllegalArgumentException("warmup: batch size must be at least 1, got " + b);
      }
    }
  }
}
