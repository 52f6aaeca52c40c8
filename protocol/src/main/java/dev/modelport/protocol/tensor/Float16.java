package dev.modelport.protocol.tensor;

/**
 * Conversions between {@code float} and IEEE 754 binary16 ("half", the protocol's {@code FP16})
 * bits held in a {@code short}, which Java 17 lacks ({@code Float.float16ToFloat} arrived in 20).
 *
 * <p>{@link #toFloat(short)} is exact. {@link #fromFloat(float)} rounds to nearest, ties to even,
 * like the hardware conversions: values from 65520 up become infinity, values up to 2^-25 become
 * (signed) zero, subnormal halves are produced below 2^-14. NaN stays NaN (quiet, keeping the top
 * payload bits); the sign of zero and infinity is kept. Converting a double through {@code (float)
 * d} first gives the same result as rounding the double directly, because a float carries more than
 * twice a half's precision.
 */
public final class Float16 {

  /** Largest finite half, 65504. */
  public static final float MAX_VALUE = 65504f;

  private Float16() {}

  /** The float with the value of the half bits {@code h} (exact). */
  public static float toFloat(short h) {
    int bits = h & 0xFFFF;
    int sign = (bits & 0x8000) << 16;
    int exp = (bits >>> 10) & 0x1F;
    int mant = bits & 0x3FF;
    if (exp == 0x1F) {
      return Float.intBitsToFloat(sign | 0x7F80_0000 | (mant << 13));
    }
    if (exp == 0) {
      float magnitude = mant * 0x1p-24f; // subnormal (or zero): mant * 2^-24, exact in a float
      return sign == 0 ? magnitude : -magnitude;
    }
    return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
  }

  /** The half bits nearest to {@code f}, ties to even. */
  public static short fromFloat(float f) {
    int bits = Float.floatToRawIntBits(f);
    int sign = (bits >>> 16) & 0x8000;
    int exp = (bits >>> 23) & 0xFF;
    int mant = bits & 0x7F_FFFF;
    if (exp == 0xFF) {
      return (short) (mant == 0 ? sign | 0x7C00 : sign | 0x7E00 | (mant >>> 13));
    }
    int halfExp = exp - 127 + 15;
    if (halfExp >= 0x1F) {
      return (short) (sign | 0x7C00);
    }
    if (halfExp <= 0) {
      if (halfExp < -10) {
        return (short) sign; // below 2^-25: rounds to zero
      }
      // Subnormal half: shift the significand (with its implicit bit) right, rounding.
      return (short) (sign | roundShift(mant | 0x80_0000, 14 - halfExp));
    }
    // Normal: a carry out of the mantissa correctly bumps the exponent (up to infinity).
    return (short) (sign | roundShift((halfExp << 23) | mant, 13));
  }

  /** True if the half bits are a NaN. */
  public static boolean isNaN(short h) {
    return (h & 0x7C00) == 0x7C00 && (h & 0x03FF) != 0;
  }

  /** True if the half bits are positive or negative infinity or NaN. */
  public static boolean isNonFinite(short h) {
    return (h & 0x7C00) == 0x7C00;
  }

  private static int roundShift(int value, int shift) {
    int result = value >>> shift;
    int rest = value & ((1 << shift) - 1);
    int halfway = 1 << (shift - 1);
    if (rest > halfway || (rest == halfway && (result & 1) == 1)) {
      result++;
    }
    return result;
  }
}
