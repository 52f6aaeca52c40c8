package dev.modelport.protocol.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * Seeded, reproducible generated cases for a {@code @TestFactory}: one {@link DynamicTest} per
 * case, checking one property.
 *
 * <p>A run draws one seed, {@code -Dmodelport.test.seed=S} if set, else a random one; every factory
 * prints it to standard output (the surefire {@code *-output.txt}). Case {@code i} is generated
 * from its own {@link SplittableRandom} seeded with {@code mix(S, i)}, so it does not depend on the
 * other cases: {@code -Dmodelport.test.seed=S} reproduces every case, and adding {@code
 * -Dmodelport.test.case=I} generates and checks case {@code I} alone. Display names and failure
 * messages carry the seed and the case.
 *
 * @param <T> the generated value
 */
public final class GeneratedCases<T> {

  /** System property that fixes the seed. */
  public static final String SEED_PROPERTY = "modelport.test.seed";

  /** System property that restricts a run to one case index. */
  public static final String CASE_PROPERTY = "modelport.test.case";

  private static final long RUN_SEED = runSeed();

  private final String property;
  private final long seed;
  private final List<Integer> indices;
  private final List<T> values;
  private final boolean single;

  private GeneratedCases(
      String property, long seed, List<Integer> indices, List<T> values, boolean single) {
    this.property = property;
    this.seed = seed;
    this.indices = indices;
    this.values = values;
    this.single = single;
  }

  /**
   * Generates {@code count} cases (or only the one named by {@value #CASE_PROPERTY}) and prints the
   * seed.
   *
   * @param property the property's name, for output and messages
   * @param generator draws one value from the case's random source
   */
  public static <T> GeneratedCases<T> generate(
      String property, int count, Function<SplittableRandom, T> generator) {
    String only = System.getProperty(CASE_PROPERTY);
    boolean single = only != null && !only.isBlank();
    return generate(
        property,
        single
            ? List.of(Integer.parseInt(only.trim()))
            : IntStream.range(0, count).boxed().toList(),
        generator,
        single);
  }

  /**
   * Generates all {@code count} cases whatever {@value #CASE_PROPERTY} says (for checks over a
   * whole sample) and prints the seed.
   */
  public static <T> GeneratedCases<T> sample(
      String property, int count, Function<SplittableRandom, T> generator) {
    return generate(property, IntStream.range(0, count).boxed().toList(), generator, false);
  }

  private static <T> GeneratedCases<T> generate(
      String property,
      List<Integer> indices,
      Function<SplittableRandom, T> generator,
      boolean single) {
    List<T> values = new ArrayList<>(indices.size());
    for (int i : indices) {
      values.add(generator.apply(new SplittableRandom(mix(RUN_SEED, i))));
    }
    System.out.printf(
        "%s: %d generated cases, seed=%d (rerun with -D%s=%d [-D%s=<case>])%n",
        property, values.size(), RUN_SEED, SEED_PROPERTY, RUN_SEED, CASE_PROPERTY);
    return new GeneratedCases<>(property, RUN_SEED, indices, List.copyOf(values), single);
  }

  /** The seed of this run. */
  public long seed() {
    return seed;
  }

  /** The generated values, in case order. */
  public List<T> values() {
    return values;
  }

  /** One dynamic test per case, checking {@code check} on the case's value. */
  public Stream<DynamicTest> check(ThrowingConsumer<? super T> check) {
    return IntStream.range(0, values.size())
        .mapToObj(
            k -> {
              int index = indices.get(k);
              T value = values.get(k);
              String where = "seed=" + seed + " case=" + index;
              String rerun = rerunSeed() + " -D" + CASE_PROPERTY + "=" + index;
              return DynamicTest.dynamicTest(
                  where + ": " + value,
                  () -> run(where + " input=" + value, rerun, () -> check.accept(value)));
            });
  }

  /**
   * Like {@link #check(ThrowingConsumer)}, followed by one more dynamic test that runs {@code
   * coverage} on all the generated values (skipped when only one case is run), so a generator that
   * stops producing some kind of value fails the factory.
   */
  public Stream<DynamicTest> check(
      ThrowingConsumer<? super T> check, Consumer<? super List<T>> coverage) {
    if (single) {
      return check(check);
    }
    String where = "seed=" + seed;
    DynamicTest covered =
        DynamicTest.dynamicTest(
            where + ": coverage of " + values.size() + " cases",
            () -> run(where + " coverage", rerunSeed(), () -> coverage.accept(values)));
    return Stream.concat(check(check), Stream.of(covered));
  }

  private String rerunSeed() {
    return "-D" + SEED_PROPERTY + "=" + seed;
  }

  private void run(String where, String rerun, Executable body) throws Throwable {
    try {
      body.execute();
    } catch (AssertionError | Exception e) {
      throw new AssertionError(
          property + " failed: " + where + " (rerun with " + rerun + ")\n" + e.getMessage(), e);
    }
  }

  private static long runSeed() {
    String fixed = System.getProperty(SEED_PROPERTY);
    return fixed == null || fixed.isBlank()
        ? ThreadLocalRandom.current().nextLong()
        : Long.parseLong(fixed.trim());
  }

  /** A well-mixed seed for case {@code index} (SplitMix64 finaliser). */
  private static long mix(long seed, int index) {
    long z = seed + (index + 1L) * 0x9E37_79B9_7F4A_7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
    return z ^ (z >>> 31);
  }
}
