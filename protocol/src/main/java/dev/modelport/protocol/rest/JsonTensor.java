package dev.modelport.protocol.rest;

import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import java.util.Map;

/**
 * A tensor as the V2 REST API writes it: {@code name}, {@code shape}, {@code datatype}, optional
 * {@code parameters} and {@code data}. Implemented by {@link RequestInput} and {@link
 * ResponseOutput}; their JSON is read and written by {@link JsonTensorDeserializer} and {@link
 * JsonTensorSerializer}, which stream {@code data} to and from a primitive array.
 */
public interface JsonTensor {

  /** Parameter naming the byte length of the tensor's data in the binary part of the body. */
  String BINARY_DATA_SIZE = "binary_data_size";

  String name();

  long[] shape();

  DataType datatype();

  /** Optional parameters (Boolean, Integer, Long, Double or String values); may be null. */
  Map<String, Object> parameters();

  /**
   * The elements in the primitive array of {@link DataType#arrayType()} (or, once read from the
   * binary part of the body, possibly their raw little-endian bytes: see {@link Tensor#data()}), or
   * null when the data travels in the binary part of the body ({@link #BINARY_DATA_SIZE}) and is
   * not yet read.
   */
  Object data();

  /**
   * The elements as a primitive array of {@link DataType#arrayType()} (see {@link
   * Tensor#values()}), or null when not yet read.
   */
  default Object values() {
    return data() == null ? null : toTensor().values();
  }

  /**
   * The tensor.
   *
   * @throws IllegalStateException if the data has not been read
   */
  default Tensor toTensor() {
    if (data() == null) {
      throw new IllegalStateException("tensor '" + name() + "' has no data");
    }
    return new Tensor(name(), datatype(), shape(), data());
  }
}
