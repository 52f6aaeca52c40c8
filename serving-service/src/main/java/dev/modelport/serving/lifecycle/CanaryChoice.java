package dev.modelport.serving.lifecycle;

import java.nio.charset.StandardCharsets;
import java.util.random.RandomGenerator;

/**
 * Decides per request whether the canary answers. A request with a routing key always lands on the
 * same side (a stable hash of the key, mod 100, below the weight); one without draws from the
 * random generator, which tests seed to be reproducible. Thread-safe when the generator is (the
 * service passes a {@link java.util.Random}).
 */
public final class CanaryChoice {

  private final RandomGenerator random;

  public CanaryChoice(RandomGenerator random) {
    this.random = random;
  }

  /** True when the canary answers this request. */
  public boolean toCanary(int weightPercent, String routeKey) {
    if (weightPercent <= 0) {
      return false;
    }
    if (weightPercent >= 100) {
      return true;
    }
    int bucket = routeKey == null ? random.nextInt(100) : bucket(routeKey);
    return bucket < weightPercent;
  }

  /** The key's bucket 0..99: FNV-1a of its UTF-8 bytes, stable across processes and releases. */
  static int bucket(String routeKey) {
    int hash = 0x811c9dc5;
    for (byte b : routeKey.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x01000193;
    }
    return Math.floorMod(hash, 100);
  }
}
