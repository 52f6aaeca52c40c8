package dev.modelport.serving.events;

import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import java.util.List;
import java.util.Objects;

/**
 * An inference that answered, as the request path hands it to the {@link InferenceEventSink}: the
 * tensors are the request's and the engine's own (immutable by convention, see {@link Tensor}), so
 * handing them over copies nothing.
 *
 * @param model registered model name
 * @param version the version that answered
 * @param route deployment role that served it: {@code primary}, {@code canary} or {@code shadow}
 * @param requestId the client's request id, or one the server generated
 * @param inputs the request's inputs in signature order
 * @param outputs every output of the model, in signature order
 * @param timestampMicros when the inference completed, microseconds since the Unix epoch
 * @param latencyMicros wall time of the inference (queue plus compute)
 * @param traceparent the W3C {@code traceparent} of the request's span when it was sampled, else ""
 *     (the event's field, which drift-monitor links its window span to)
 */
public record CompletedInference(
    String model,
    VersionNumber version,
    String route,
    String requestId,
    List<Tensor> inputs,
    List<Tensor> outputs,
    long timestampMicros,
    long latencyMicros,
    String traceparent) {

  /** An inference that was not traced. */
  public CompletedInference(
      String model,
      VersionNumber version,
      String route,
      String requestId,
      List<Tensor> inputs,
      List<Tensor> outputs,
      long timestampMicros,
      long latencyMicros) {
    this(model, version, route, requestId, inputs, outputs, timestampMicros, latencyMicros, "");
  }

  public CompletedInference {
    traceparent = traceparent == null ? "" : traceparent;
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(requestId, "requestId");
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  /** Bytes of tensor data the event holds, the measure of the publisher's buffer. */
  public long tensorBytes() {
    long bytes = 0;
    for (Tensor t : inputs) {
      bytes += rawBytes(t);
    }
    for (Tensor t : outputs) {
      bytes += rawBytes(t);
    }
    return bytes;
  }

  private static long rawBytes(Tensor t) {
    if (t.datatype() != DataType.BYTES) {
      return (long) t.elementCount() * t.datatype().byteSize();
    }
    long bytes = 0;
    for (byte[] element : (byte[][]) t.data()) {
      bytes += 4 + element.length;
    }
    return bytes;
  }
}
