package dev.modelport.protocol.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.protocol.testing.GeneratedCases;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class Float16Test {

  @Test
  void everyHalfValueSurvivesARoundTripThroughFloat() {
    for (int bits = 0; bits <= 0xFFFF; bits++) {
      short h = (short) bits;
      float f = Float16.toFloat(h);
      if (Float16.isNaN(h)) {
        assertThat(Float.isNaN(f)).as("NaN %04x", bits).isTrue();
        assertThat(Float16.isNaN(Float16.fromFloat(f))).isTrue();
      } else {
        assertThat(Float16.fromFloat(f)).as("half %04x -> %s", bits, f).isEqualTo(h);
      }
    }
  }

  @Test
  void knownValuesConvertExactly() {
    assertThat(Float16.toFloat((short) 0x3C00)).isEqualTo(1f);
    assertThat(Float16.toFloat((short) 0xC000)).isEqualTo(-2f);
    assertThat(Float16.toFloat((short) 0x7BFF)).isEqualTo(65504f);
    assertThat(Float16.toFloat((short) 0x0001)).isEqualTo(0x1p-24f);
    assertThat(Float16.toFloat((short) 0x0400)).isEqualTo(0x1p-14f);
    assertThat(Float16.toFloat((short) 0x7C00)).isEqualTo(Float.POSITIVE_INFINITY);
    assertThat(Float16.toFloat((short) 0xFC00)).isEqualTo(Float.NEGATIVE_INFINITY);
    assertThat(Float.floatToRawIntBits(Float16.toFloat((short) 0x8000))).isEqualTo(0x8000_0000);
  }

  @Test
  void tiesRoundToEven() {
    // 1 + 2^-11 lies halfway between 1 (mantissa 0, even) and 1 + 2^-10 (odd): stays 1.
    assertThat(Float16.fromFloat(1f + 0x1p-11f)).isEqualTo((short) 0x3C00);
    // 1 + 3 * 2^-11 lies halfway between 1 + 2^-10 (odd) and 1 + 2^-9 (even): goes up.
    assertThat(Float16.fromFloat(1f + 3 * 0x1p-11f)).isEqualTo((short) 0x3C02);
    // Just above the halfway point rounds up.
    assertThat(Float16.fromFloat(Math.nextUp(1f + 0x1p-11f))).isEqualTo((short) 0x3C01);
  }

  @Test
  void overflowBecomesInfinityAndUnderflowBecomesSignedZero() {
    assertThat(Float16.fromFloat(65519.99f)).isEqualTo((short) 0x7BFF);
    assertThat(Float16.fromFloat(65520f)).isEqualTo((short) 0x7C00);
    assertThat(Float16.fromFloat(-1e10f)).isEqualTo((short) 0xFC00);
    assertThat(Float16.fromFloat(0x1p-25f)).isEqualTo((short) 0x0000); // tie with 0: even
    assertThat(Float16.fromFloat(Math.nextUp(0x1p-25f))).isEqualTo((short) 0x0001);
    assertThat(Float16.fromFloat(-0x1p-26f)).isEqualTo((short) 0x8000);
    assertThat(Float16.fromFloat(-0f)).isEqualTo((short) 0x8000);
    assertThat(Float16.fromFloat(Float.MIN_VALUE)).isEqualTo((short) 0x0000);
  }

  @Test
  void subnormalRoundingCarriesIntoTheSmallestNormal() {
    float justBelowMinNormal = 0x1p-14f - 0x1p-26f;
    assertThat(Float16.fromFloat(justBelowMinNormal)).isEqualTo((short) 0x0400);
  }

  @Test
  void nanStaysNanAndInfinityKeepsItsSign() {
    assertThat(Float16.isNaN(Float16.fromFloat(Float.NaN))).isTrue();
    assertThat(Float16.isNaN(Float16.fromFloat(Float.intBitsToFloat(0x7F80_0001)))).isTrue();
    assertThat(Float16.fromFloat(Float.POSITIVE_INFINITY)).isEqualTo((short) 0x7C00);
    assertThat(Float16.fromFloat(Float.NEGATIVE_INFINITY)).isEqualTo((short) 0xFC00);
  }

  /**
   * For 2000 generated finite floats below 65520 in magnitude (the range that rounds to a finite
   * half), the half chosen is no farther than its neighbours, and an exact tie goes to the even
   * mantissa.
   */
  @TestFactory
  Stream<DynamicTest> fromFloatPicksTheNearestHalfWithTiesToEven() {
    GeneratedCases<Float> cases =
        GeneratedCases.generate(
            "Float16Test.fromFloatPicksTheNearestHalfWithTiesToEven",
            2000,
            Float16Test::roundableFloat);
    return cases.check(
        Float16Test::roundsToTheNearestHalfWithTiesToEven,
        floats ->
            assertThat(floats)
                .as("generated floats")
                .anyMatch(f -> f < 0)
                .anyMatch(f -> f > 0)
                .anyMatch(Float16Test::isTie)
                .anyMatch(f -> Math.abs(f) < 0x1p-14f && f != 0)
                .anyMatch(f -> Math.abs(f) > 32768f)
                .filteredOn(Float16Test::isTie)
                .hasSizeGreaterThanOrEqualTo(100));
  }

  private static void roundsToTheNearestHalfWithTiesToEven(float f) {
    assertThat(Float.isFinite(f) && Math.abs(f) < 65520f).as("generated %s", f).isTrue();
    short h = Float16.fromFloat(f);
    double error = Math.abs((double) Float16.toFloat(h) - f);
    // The neighbours of h in magnitude (same sign) are no closer.
    for (int delta : new int[] {-1, 1}) {
      int neighbour = (h & 0x7FFF) + delta;
      if (neighbour < 0 || neighbour > 0x7BFF) {
        continue;
      }
      double other = Math.abs((double) Float16.toFloat((short) ((h & 0x8000) | neighbour)) - f);
      assertThat(error).isLessThanOrEqualTo(other);
      if (error == other) {
        assertThat(h & 1).as("tie goes to the even mantissa").isZero();
      }
    }
  }

  /**
   * A finite float with magnitude below 65520: a quarter any such bits, a quarter exact midpoints
   * between adjacent halves (ties), a quarter one ulp either side of a midpoint, an eighth exact
   * halves and an eighth edge values (zeros, the float and half extremes, the subnormal borders).
   */
  private static float roundableFloat(SplittableRandom random) {
    float sign = random.nextBoolean() ? 1f : -1f;
    switch (random.nextInt(8)) {
      case 0:
      case 1:
        while (true) {
          float f = Float.intBitsToFloat(random.nextInt());
          if (Float.isFinite(f) && Math.abs(f) < 65520f) {
            return f;
          }
        }
      case 2:
      case 3:
        return sign * midpoint(random);
      case 4:
      case 5:
        float tie = midpoint(random);
        return sign * (random.nextBoolean() ? Math.nextUp(tie) : Math.nextDown(tie));
      case 6:
        return sign * Float16.toFloat((short) random.nextInt(0x7C00));
      default:
        return sign * EDGES.get(random.nextInt(EDGES.size()));
    }
  }

  private static final List<Float> EDGES =
      List.of(
          0f,
          Float.MIN_VALUE,
          Float.MIN_NORMAL,
          0x1p-25f,
          0x1p-24f,
          0x1p-14f,
          0x1p-14f - 0x1p-26f,
          1f,
          65504f,
          65519.99f,
          Math.nextDown(65520f));

  /**
   * The exact midpoint between a random finite half magnitude and the next one up (below 65520).
   */
  private static float midpoint(SplittableRandom random) {
    int low = random.nextInt(0x7BFF);
    return (Float16.toFloat((short) low) + Float16.toFloat((short) (low + 1))) / 2;
  }

  /** True if {@code |f|} lies exactly halfway between two adjacent halves. */
  private static boolean isTie(float f) {
    float magnitude = Math.abs(f);
    return magnitude != 0
        && Float16.fromFloat(Math.nextDown(magnitude)) != Float16.fromFloat(Math.nextUp(magnitude));
  }
}
