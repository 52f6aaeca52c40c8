package dev.modelport.protocol.tensor;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/**
 * The tensor datatypes of the Open Inference Protocol v2, with the primitive array that holds their
 * elements in a {@link Tensor}.
 *
 * <p>Unsigned types are held in the signed primitive of the same width and read as unsigned ({@code
 * UINT8} in {@code byte[]}, {@code UINT16} in {@code short[]}, {@code UINT32} in {@code int[]},
 * {@code UINT64} in {@code long[]}); {@code FP16} is held as its IEEE 754 half bits in {@code
 * short[]}; {@code BYTES} elements are {@code byte[][]}, one array per element.
 */
public enum DataType {
  BOOL(1, boolean[].class),
  UINT8(1, byte[].class),
  UINT16(2, short[].class),
  UINT32(4, int[].class),
  UINT64(8, long[].class),
  INT8(1, byte[].class),
  INT16(2, short[].class),
  INT32(4, int[].class),
  INT64(8, long[].class),
  FP16(2, short[].class),
  FP32(4, float[].class),
  FP64(8, double[].class),
  /** Variable-length elements; raw form is a 4-byte little-endian length before each element. */
  BYTES(-1, byte[][].class);

  private final int byteSize;
  private final Class<?> arrayType;

  DataType(int byteSize, Class<?> arrayType) {
    this.byteSize = byteSize;
    this.arrayType = arrayType;
  }

  /**
   * True when a tensor of this type may hold its elements as raw little-endian bytes (see {@link
   * Tensor#isRaw()}): every fixed-width numeric type; not {@link #BOOL} (its bytes must be checked
   * to be 0 or 1) nor {@link #BYTES}.
   */
  public boolean hasRawForm() {
    return this != BOOL && this != BYTES;
  }

  /** Bytes per element in the raw little-endian form, or -1 for {@link #BYTES}. */
  public int byteSize() {
    return byteSize;
  }

  /** The primitive array class that holds this type's elements in a {@link Tensor}. */
  public Class<?> arrayType() {
    return arrayType;
  }

  /** True for the unsigned integer types. */
  public boolean isUnsigned() {
    return this == UINT8 || this == UINT16 || this == UINT32 || this == UINT64;
  }

  /**
   * Parses a protocol datatype name ("FP32", case-insensitive).
   *
   * @throws IllegalArgumentException naming the value and the accepted names
   */
  @JsonCreator
  public static DataType parse(String name) {
    if (name == null) {
      throw new IllegalArgumentException("datatype is missing");
    }
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown datatype '"
              + name
              + "'; expected one of BOOL, UINT8, UINT16, UINT32, UINT64,"
              + " INT8, INT16, INT32, INT64, FP16, FP32, FP64, BYTES");
    }
  }
}
