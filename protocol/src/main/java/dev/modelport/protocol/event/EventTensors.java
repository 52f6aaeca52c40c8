package dev.modelport.protocol.event;

import com.google.protobuf.UnsafeByteOperations;
import dev.modelport.protocol.codec.RawTensorCodec;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.protocol.tensor.TensorFormatException;
import dev.modelport.protocol.tensor.TensorLimits;
import dev.modelport.protocol.tensor.TensorRole;

/**
 * Converts between {@link Tensor} and the {@link EventTensor} of an {@link InferenceEvent} (raw
 * little-endian contents, see {@link RawTensorCodec}). Stateless and thread-safe.
 */
public final class EventTensors {

  private EventTensors() {}

  /** The event form of {@code tensor}; the raw bytes are a new array owned by the message. */
  public static EventTensor toEvent(Tensor tensor) {
    EventTensor.Builder b =
        EventTensor.newBuilder()
            .setName(tensor.name())
            .setDatatype(tensor.datatype().name())
            .setRawContents(UnsafeByteOperations.unsafeWrap(RawTensorCodec.encode(tensor)));
    for (long d : tensor.shape()) {
      b.addShape(d);
    }
    return b.build();
  }

  /**
   * The tensor of an event, checked like any received tensor.
   *
   * @param role whether the event tensor was an input or an output, for messages
   * @throws TensorFormatException if the datatype is unknown or the bytes do not fit the shape
   */
  public static Tensor fromEvent(EventTensor event, TensorRole role, TensorLimits limits) {
    DataType type;
    try {
      type = DataType.parse(event.getDatatype());
    } catch (IllegalArgumentException e) {
      throw new TensorFormatException(role, event.getName(), e.getMessage());
    }
    long[] shape = new long[event.getShapeCount()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = event.getShape(i);
    }
    return RawTensorCodec.decode(
        role, event.getName(), type, shape, event.getRawContents().asReadOnlyByteBuffer(), limits);
  }
}
