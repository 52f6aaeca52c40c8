package dev.modelport.protocol.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

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

  @Property(tries = 2000)
  void fromFloatPicksTheNearestHalfWithTiesToEven(@ForAll float f) {
    if (!Float.isFinite(f) || Math.abs(f) >= 65520f) {
      return;
    }
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
}
