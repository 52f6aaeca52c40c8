package dev.modelport.serving.events;

import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Chooses which requests become events: each request of a model independently with the model's
 * sample rate (its own, else the service's). Thread-safe: one {@link RandomGenerator} per thread
 * unless a seeded generator is given (tests), which is then shared under a lock.
 */
public final class EventSampler {

  private final double defaultRate;
  private final Map<String, Double> rates;
  private final RandomGenerator seeded;

  /**
   * @param defaultRate rate of models without their own, 0.0 to 1.0
   * @param rates per-model rates, 0.0 to 1.0
   * @param seed seed for reproducible choices, or null for thread-local randomness
   * @throws IllegalArgumentException naming the property of a rate outside 0.0 to 1.0
   */
  public EventSampler(double defaultRate, Map<String, Double> rates, Long seed) {
    check("modelport.serving.events.sample-rate", defaultRate);
    rates.forEach((m, r) -> check("modelport.serving.events.sample-rates.\"" + m + "\"", r));
    this.defaultRate = defaultRate;
    this.rates = Map.copyOf(rates);
    this.seeded = seed == null ? null : RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
  }

  private static void check(String property, double rate) {
    if (!(rate >= 0.0 && rate <= 1.0)) {
      throw new IllegalArgumentException(property + " must be between 0.0 and 1.0, got " + rate);
    }
  }

  /** The sample rate that applies to {@code model}. */
  public double rate(String model) {
    return rates.getOrDefault(model, defaultRate);
  }

  /** Whether this request of {@code model} becomes an event. */
  public boolean sample(String model) {
    double rate = rate(model);
    if (rate >= 1.0) {
      return true;
    }
    if (rate <= 0.0) {
      return false;
    }
    return nextDouble() < rate;
  }

  private double nextDouble() {
    if (seeded == null) {
      return java.util.concurrent.ThreadLocalRandom.current().nextDouble();
    }
    synchronized (seeded) {
      return seeded.nextDouble();
    }
  }
}
