package dev.modelport.serving.events;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import dev.modelport.protocol.codec.RawTensorCodec;
import dev.modelport.protocol.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Writes an answered inference as the bytes of its protobuf {@code InferenceEvent}, the same bytes
 * as {@link InferenceEventEncoder#encode}{@code .toByteArray()}, without building the message: the
 * fields go straight into a buffer this writer keeps and reuses, tensor contents included, and the
 * only allocation per event is the returned array. The buffer grows to the largest event written
 * (at most the size limit given). Not thread-safe: one writer per sender thread.
 */
final class InferenceEventWriter {

  // field numbers of inference_event.proto
  private static final int EVENT_MODEL = 1;
  private static final int EVENT_VERSION = 2;
  private static final int EVENT_REQUEST_ID = 3;
  private static final int EVENT_TIMESTAMP = 4;
  private static final int EVENT_INPUTS = 5;
  private static final int EVENT_OUTPUTS = 6;
  private static final int EVENT_ROUTE = 7;
  private static final int EVENT_LATENCY = 8;
  private static final int EVENT_TRACEPARENT = 9;
  private static final int TENSOR_NAME = 1;
  private static final int TENSOR_DATATYPE = 2;
  private static final int TENSOR_SHAPE = 3;
  private static final int TENSOR_RAW = 4;

  private byte[] buffer = new byte[4096];

  /**
   * The encoded event of {@code inference}, or null when it would be larger than {@code maxBytes}
   * (found from the sizes, before anything is written).
   */
  byte[] write(CompletedInference inference, int maxBytes) {
    String version = inference.version().toString();
    long size =
        stringSize(EVENT_MODEL, inference.model())
            + stringSize(EVENT_VERSION, version)
            + stringSize(EVENT_REQUEST_ID, inference.requestId())
            + int64Size(EVENT_TIMESTAMP, inference.timestampMicros())
            + tensorsSize(EVENT_INPUTS, inference.inputs())
            + tensorsSize(EVENT_OUTPUTS, inference.outputs())
            + stringSize(EVENT_ROUTE, inference.route())
            + int64Size(EVENT_LATENCY, inference.latencyMicros())
            + stringSize(EVENT_TRACEPARENT, inference.traceparent());
    if (size > maxBytes) {
      return null;
    }
    int total = (int) size;
    if (buffer.length < total) {
      buffer = new byte[(int) Math.min(maxBytes, Math.max(total, 2L * buffer.length))];
    }
    Segment out = new Segment(buffer, 0, total);
    try {
      out.string(EVENT_MODEL, inference.model());
      out.string(EVENT_VERSION, version);
      out.string(EVENT_REQUEST_ID, inference.requestId());
      out.int64(EVENT_TIMESTAMP, inference.timestampMicros());
      for (Tensor t : inference.inputs()) {
        out.tensor(EVENT_INPUTS, t);
      }
      for (Tensor t : inference.outputs()) {
        out.tensor(EVENT_OUTPUTS, t);
      }
      out.string(EVENT_ROUTE, inference.route());
      out.int64(EVENT_LATENCY, inference.latencyMicros());
      out.string(EVENT_TRACEPARENT, inference.traceparent());
    } catch (IOException e) {
      throw new IllegalStateException("the event's computed size was too small", e);
    }
    if (out.position() != total) {
      throw new IllegalStateException("event size " + total + " but wrote " + out.position());
    }
    return Arrays.copyOf(buffer, total);
  }

  private static long stringSize(int field, String value) {
    return value.isEmpty() ? 0 : CodedOutputStream.computeStringSize(field, value);
  }

  private static long int64Size(int field, long value) {
    return value == 0 ? 0 : CodedOutputStream.computeInt64Size(field, value);
  }

  private static long tensorsSize(int field, List<Tensor> tensors) {
    long size = 0;
    for (Tensor t : tensors) {
      long body = tensorSize(t);
      size += CodedOutputStream.computeTagSize(field) + varintSize(body) + body;
    }
    return size;
  }

  private static long tensorSize(Tensor t) {
    long size =
        stringSize(TENSOR_NAME, t.name()) + stringSize(TENSOR_DATATYPE, t.datatype().name());
    long shape = shapeSize(t.shape());
    if (shape > 0) {
      size += CodedOutputStream.computeTagSize(TENSOR_SHAPE) + varintSize(shape) + shape;
    }
    long raw = RawTensorCodec.rawSize(t);
    if (raw > 0) {
      size += CodedOutputStream.computeTagSize(TENSOR_RAW) + varintSize(raw) + raw;
    }
    return size;
  }

  private static long shapeSize(long[] shape) {
    long size = 0;
    for (long d : shape) {
      size += CodedOutputStream.computeInt64SizeNoTag(d);
    }
    return size;
  }

  private static int varintSize(long value) {
    return CodedOutputStream.computeUInt64SizeNoTag(value);
  }

  /**
   * A protobuf writer over the buffer that lets {@link RawTensorCodec} write tensor contents in
   * place: it writes through a {@link CodedOutputStream} and starts a new one after each tensor's
   * contents. Fields with proto3 default values are left out, as the generated code does.
   */
  private static final class Segment {
    private final byte[] bytes;
    private final int end;
    private int start;
    private CodedOutputStream out;

    Segment(byte[] bytes, int start, int end) {
      this.bytes = bytes;
      this.start = start;
      this.end = end;
      this.out = CodedOutputStream.newInstance(bytes, start, end - start);
    }

    int position() {
      return start + out.getTotalBytesWritten();
    }

    void string(int field, String value) throws IOException {
      if (!value.isEmpty()) {
        out.writeString(field, value);
      }
    }

    void int64(int field, long value) throws IOException {
      if (value != 0) {
        out.writeInt64(field, value);
      }
    }

    void tensor(int field, Tensor t) throws IOException {
      out.writeTag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED);
      out.writeUInt64NoTag(tensorSize(t));
      string(TENSOR_NAME, t.name());
      string(TENSOR_DATATYPE, t.datatype().name());
      long[] shape = t.shape();
      long shapeBytes = shapeSize(shape);
      if (shapeBytes > 0) {
        out.writeTag(TENSOR_SHAPE, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt64NoTag(shapeBytes);
        for (long d : shape) {
          out.writeInt64NoTag(d);
        }
      }
      long raw = RawTensorCodec.rawSize(t);
      if (raw > 0) {
        out.writeTag(TENSOR_RAW, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt64NoTag(raw);
        int at = position();
        RawTensorCodec.encode(t, ByteBuffer.wrap(bytes, at, (int) raw));
        start = at + (int) raw;
        out = CodedOutputStream.newInstance(bytes, start, end - start);
      }
    }
  }
}
