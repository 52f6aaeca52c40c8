package dev.modelport.protocol.tensor;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Generators of tensors of every datatype for property tests. */
public final class TensorArbitraries {

  private TensorArbitraries() {}

  /** Shapes of rank 0 to 3 with dimensions 0 to 4 (so empty tensors are common). */
  public static Arbitrary<long[]> shapes() {
    return Arbitraries.longs().between(0, 4).array(long[].class).ofMaxSize(3);
  }

  /**
   * Tensors of {@code type} with arbitrary shapes and values; when {@code jsonSafe}, floats are
   * finite and BYTES are valid UTF-8 (the values JSON can carry), otherwise any bits.
   */
  public static Arbitrary<Tensor> tensors(DataType type, boolean jsonSafe) {
    return shapes()
        .flatMap(
            shape ->
                data(type, (int) Tensor.elementCount(shape), jsonSafe)
                    .map(data -> new Tensor("t", type, shape, data)));
  }

  /** Tensors of any datatype. */
  public static Arbitrary<Tensor> anyTensor(boolean jsonSafe) {
    return Arbitraries.of(DataType.values()).flatMap(type -> tensors(type, jsonSafe));
  }

  /** A primitive array of {@code n} values of {@code type}. */
  public static Arbitrary<Object> data(DataType type, int n, boolean jsonSafe) {
    switch (type) {
      case BOOL:
        return Arbitraries.of(true, false).list().ofSize(n).map(TensorArbitraries::booleans);
      case UINT8:
      case INT8:
        return Arbitraries.bytes().array(byte[].class).ofSize(n).map(a -> a);
      case UINT16:
      case INT16:
        return Arbitraries.shorts().array(short[].class).ofSize(n).map(a -> a);
      case FP16:
        return halves(jsonSafe).array(short[].class).ofSize(n).map(a -> a);
      case UINT32:
      case INT32:
        return Arbitraries.integers().array(int[].class).ofSize(n).map(a -> a);
      case UINT64:
      case INT64:
        return Arbitraries.longs().array(long[].class).ofSize(n).map(a -> a);
      case FP32:
        return floats(jsonSafe).array(float[].class).ofSize(n).map(a -> a);
      case FP64:
        return doubles(jsonSafe).array(double[].class).ofSize(n).map(a -> a);
      case BYTES:
        return (jsonSafe ? utf8Strings() : Arbitraries.bytes().array(byte[].class).ofMaxSize(12))
            .array(byte[][].class)
            .ofSize(n)
            .map(a -> a);
      default:
        throw new AssertionError(type);
    }
  }

  /** Any half bits, with zeros, extremes and (unless jsonSafe) NaN and infinities favoured. */
  public static Arbitrary<Short> halves(boolean jsonSafe) {
    Arbitrary<Short> special =
        jsonSafe
            ? Arbitraries.of(
                (short) 0x0000,
                (short) 0x8000,
                (short) 0x7BFF,
                (short) 0xFBFF,
                (short) 0x0001,
                (short) 0x8001,
                (short) 0x0400,
                (short) 0x03FF)
            : Arbitraries.of(
                (short) 0x7C00,
                (short) 0xFC00,
                (short) 0x7E00,
                (short) 0x7C01,
                (short) 0xFE00,
                (short) 0x8000);
    Arbitrary<Short> any = Arbitraries.shorts();
    if (jsonSafe) {
      any = any.filter(h -> !Float16.isNonFinite(h));
    }
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, any), net.jqwik.api.Tuple.of(1, special));
  }

  /** Any float bits (all exponents, subnormals), with zeros and extremes favoured. */
  public static Arbitrary<Float> floats(boolean jsonSafe) {
    Arbitrary<Float> bits = Arbitraries.integers().map(Float::intBitsToFloat);
    Arbitrary<Float> special =
        Arbitraries.of(
            0f,
            -0f,
            Float.MAX_VALUE,
            -Float.MAX_VALUE,
            Float.MIN_VALUE,
            -Float.MIN_VALUE,
            Float.MIN_NORMAL,
            1f,
            -1f,
            0.1f);
    if (jsonSafe) {
      bits = bits.filter(Float::isFinite);
    } else {
      special =
          Arbitraries.oneOf(
              special, Arbitraries.of(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY));
    }
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, bits), net.jqwik.api.Tuple.of(1, special));
  }

  /** Any double bits, with zeros and extremes favoured. */
  public static Arbitrary<Double> doubles(boolean jsonSafe) {
    Arbitrary<Double> bits = Arbitraries.longs().map(Double::longBitsToDouble);
    Arbitrary<Double> special =
        Arbitraries.of(
            0d,
            -0d,
            Double.MAX_VALUE,
            -Double.MAX_VALUE,
            Double.MIN_VALUE,
            -Double.MIN_VALUE,
            Double.MIN_NORMAL,
            1d,
            0.1d);
    if (jsonSafe) {
      bits = bits.filter(Double::isFinite);
    } else {
      special =
          Arbitraries.oneOf(
              special,
              Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
    }
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, bits), net.jqwik.api.Tuple.of(1, special));
  }

  /** UTF-8 bytes of strings that survive a UTF-8 round trip (no lone surrogates). */
  public static Arbitrary<byte[]> utf8Strings() {
    return Arbitraries.strings()
        .ofMaxLength(8)
        .map(
            s ->
                new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)
                    .getBytes(StandardCharsets.UTF_8));
  }

  private static boolean[] booleans(List<Boolean> values) {
    boolean[] out = new boolean[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }
}
