package dev.modelport.protocol.tensor;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Seeded generator of tensors of every datatype for generated-case tests. All randomness comes from
 * the {@link SplittableRandom} it wraps, so the same seed gives the same tensors.
 *
 * <p>Contract: datatypes are uniform; shapes have rank 0 to 3 and dimensions 0 to 4 (so empty
 * tensors are common); about one value in four is a special value (zeros, signed zeros, extremes,
 * subnormals, and, unless {@code jsonSafe}, NaN and infinities), integers favour 0, ±1 and their
 * type's limits. When {@code jsonSafe}, floats are finite and BYTES elements are valid UTF-8 (the
 * values JSON can carry); otherwise any bits, NaN payloads included. Not thread-safe.
 */
public final class TensorGenerator {

  /**
   * Finite halves favoured everywhere: ±0, ±max, ±smallest subnormal, min normal, max subnormal.
   */
  private static final short[] FINITE_HALVES = {
    0x0000, (short) 0x8000, 0x7BFF, (short) 0xFBFF, 0x0001, (short) 0x8001, 0x0400, 0x03FF
  };

  /** Non-finite halves favoured outside JSON: ±infinity, quiet NaNs, a signalling NaN. */
  private static final short[] NON_FINITE_HALVES = {
    0x7C00, (short) 0xFC00, 0x7E00, 0x7C01, (short) 0xFE00
  };

  private static final float[] FINITE_FLOATS = {
    0f,
    -0f,
    Float.MAX_VALUE,
    -Float.MAX_VALUE,
    Float.MIN_VALUE,
    -Float.MIN_VALUE,
    Float.MIN_NORMAL,
    1f,
    -1f,
    0.1f
  };

  private static final double[] FINITE_DOUBLES = {
    0d,
    -0d,
    Double.MAX_VALUE,
    -Double.MAX_VALUE,
    Double.MIN_VALUE,
    -Double.MIN_VALUE,
    Double.MIN_NORMAL,
    1d,
    -1d,
    0.1d
  };

  /** Code points from every UTF-8 length, NUL, controls, and a lone surrogate (becomes '?'). */
  private static final int[][] CODE_POINT_RANGES = {
    {0x00, 0x7F}, {0x80, 0x7FF}, {0x800, 0xFFFF}, {0x10000, 0x10FFFF}, {0xD800, 0xDFFF}
  };

  private final SplittableRandom random;

  /** A generator drawing from {@code random}. */
  public TensorGenerator(SplittableRandom random) {
    this.random = random;
  }

  /** A tensor named "t" of a uniformly chosen datatype. */
  public Tensor anyTensor(boolean jsonSafe) {
    return anyTensor(jsonSafe, EnumSet.allOf(DataType.class));
  }

  /** A tensor named "t" of a datatype chosen uniformly from {@code types}. */
  public Tensor anyTensor(boolean jsonSafe, Set<DataType> types) {
    DataType[] choices = types.toArray(new DataType[0]);
    return tensor(choices[random.nextInt(choices.length)], jsonSafe);
  }

  /** A tensor named "t" of {@code type} with a random shape and values. */
  public Tensor tensor(DataType type, boolean jsonSafe) {
    long[] shape = shape();
    return new Tensor("t", type, shape, data(type, (int) Tensor.elementCount(shape), jsonSafe));
  }

  /** A shape of rank 0 to 3 with dimensions 0 to 4. */
  public long[] shape() {
    long[] shape = new long[random.nextInt(4)];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = random.nextInt(5);
    }
    return shape;
  }

  /** A primitive array of {@code n} values of {@code type} ({@link DataType#arrayType()}). */
  public Object data(DataType type, int n, boolean jsonSafe) {
    switch (type) {
      case BOOL:
        boolean[] booleans = new boolean[n];
        for (int i = 0; i < n; i++) {
          booleans[i] = random.nextBoolean();
        }
        return booleans;
      case UINT8:
      case INT8:
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
          bytes[i] = (byte) integer(Byte.MIN_VALUE, Byte.MAX_VALUE);
        }
        return bytes;
      case UINT16:
      case INT16:
        short[] shorts = new short[n];
        for (int i = 0; i < n; i++) {
          shorts[i] = (short) integer(Short.MIN_VALUE, Short.MAX_VALUE);
        }
        return shorts;
      case FP16:
        short[] halves = new short[n];
        for (int i = 0; i < n; i++) {
          halves[i] = half(jsonSafe);
        }
        return halves;
      case UINT32:
      case INT32:
        int[] ints = new int[n];
        for (int i = 0; i < n; i++) {
          ints[i] = (int) integer(Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        return ints;
      case UINT64:
      case INT64:
        long[] longs = new long[n];
        for (int i = 0; i < n; i++) {
          longs[i] = integer(Long.MIN_VALUE, Long.MAX_VALUE);
        }
        return longs;
      case FP32:
        float[] floats = new float[n];
        for (int i = 0; i < n; i++) {
          floats[i] = float32(jsonSafe);
        }
        return floats;
      case FP64:
        double[] doubles = new double[n];
        for (int i = 0; i < n; i++) {
          doubles[i] = float64(jsonSafe);
        }
        return doubles;
      case BYTES:
        byte[][] elements = new byte[n][];
        for (int i = 0; i < n; i++) {
          elements[i] = jsonSafe ? utf8String() : anyBytes();
        }
        return elements;
      default:
        throw new AssertionError(type);
    }
  }

  /**
   * An integer in {@code [min, max]} (the full range of a two's complement type): one in eight is
   * 0, ±1, min or max, one in eight is small (-16 to 16), the rest any bits of that width.
   */
  public long integer(long min, long max) {
    int pick = random.nextInt(8);
    if (pick == 0) {
      long[] edges = {0, 1, -1, min, max};
      return edges[random.nextInt(edges.length)];
    }
    if (pick == 1) {
      return random.nextInt(-16, 17);
    }
    int width = 64 - Long.numberOfLeadingZeros(max);
    return random.nextLong() >> (63 - width); // the top width + 1 bits, sign-extended
  }

  /** Half bits: one in four from the favoured values; non-finite only unless {@code jsonSafe}. */
  public short half(boolean jsonSafe) {
    if (random.nextInt(4) == 0) {
      int favoured = FINITE_HALVES.length + (jsonSafe ? 0 : NON_FINITE_HALVES.length);
      int i = random.nextInt(favoured);
      return i < FINITE_HALVES.length
          ? FINITE_HALVES[i]
          : NON_FINITE_HALVES[i - FINITE_HALVES.length];
    }
    while (true) {
      short h = (short) random.nextInt(0x10000);
      if (!jsonSafe || !Float16.isNonFinite(h)) {
        return h;
      }
    }
  }

  /**
   * Float bits (all exponents, subnormals): one in four from zeros and extremes, and unless {@code
   * jsonSafe} half of those are NaN (canonical or with a random payload and sign) or ±infinity.
   */
  public float float32(boolean jsonSafe) {
    if (random.nextInt(4) == 0) {
      if (jsonSafe || random.nextBoolean()) {
        return FINITE_FLOATS[random.nextInt(FINITE_FLOATS.length)];
      }
      switch (random.nextInt(4)) {
        case 0:
          return Float.NaN;
        case 1:
          return Float.POSITIVE_INFINITY;
        case 2:
          return Float.NEGATIVE_INFINITY;
        default:
          int payload = 1 + random.nextInt(0x7F_FFFF);
          return Float.intBitsToFloat(
              (random.nextBoolean() ? 0x8000_0000 : 0) | 0x7F80_0000 | payload);
      }
    }
    while (true) {
      float f = Float.intBitsToFloat(random.nextInt());
      if (!jsonSafe || Float.isFinite(f)) {
        return f;
      }
    }
  }

  /** Double bits, favoured values as for {@link #float32(boolean)}. */
  public double float64(boolean jsonSafe) {
    if (random.nextInt(4) == 0) {
      if (jsonSafe || random.nextBoolean()) {
        return FINITE_DOUBLES[random.nextInt(FINITE_DOUBLES.length)];
      }
      switch (random.nextInt(4)) {
        case 0:
          return Double.NaN;
        case 1:
          return Double.POSITIVE_INFINITY;
        case 2:
          return Double.NEGATIVE_INFINITY;
        default:
          long payload = 1 + random.nextLong(0xF_FFFF_FFFF_FFFFL);
          return Double.longBitsToDouble(
              (random.nextBoolean() ? Long.MIN_VALUE : 0) | 0x7FF0_0000_0000_0000L | payload);
      }
    }
    while (true) {
      double d = Double.longBitsToDouble(random.nextLong());
      if (!jsonSafe || Double.isFinite(d)) {
        return d;
      }
    }
  }

  /**
   * UTF-8 bytes of a string of 0 to 8 code points from every UTF-8 length; lone surrogates are
   * drawn too and become '?' on encoding, so the result always survives a UTF-8 round trip.
   */
  public byte[] utf8String() {
    StringBuilder s = new StringBuilder();
    int length = random.nextInt(9);
    for (int i = 0; i < length; i++) {
      int[] range = CODE_POINT_RANGES[random.nextInt(CODE_POINT_RANGES.length)];
      s.appendCodePoint(random.nextInt(range[0], range[1] + 1));
    }
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** 0 to 12 arbitrary bytes. */
  public byte[] anyBytes() {
    byte[] bytes = new byte[random.nextInt(13)];
    random.nextBytes(bytes);
    return bytes;
  }
}
