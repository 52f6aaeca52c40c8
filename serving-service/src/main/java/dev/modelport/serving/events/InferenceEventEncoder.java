package dev.modelport.serving.events;

import dev.modelport.protocol.event.EventTensors;
import dev.modelport.protocol.event.InferenceEvent;
import dev.modelport.protocol.tensor.Tensor;

/** Builds the protobuf {@link InferenceEvent} of an answered inference. Stateless. */
public final class InferenceEventEncoder {

  private InferenceEventEncoder() {}

  /** The event of {@code inference}, tensors in their raw little-endian form. */
  public static InferenceEvent encode(CompletedInference inference) {
    InferenceEvent.Builder b =
        InferenceEvent.newBuilder()
            .setModel(inference.model())
            .setVersion(inference.version().toString())
            .setRequestId(inference.requestId())
            .setTimestampMicros(inference.timestampMicros())
            .setRoute(inference.route())
            .setLatencyMicros(inference.latencyMicros())
            .setTraceparent(inference.traceparent());
    for (Tensor t : inference.inputs()) {
      b.addInputs(EventTensors.toEvent(t));
    }
    for (Tensor t : inference.outputs()) {
      b.addOutputs(EventTensors.toEvent(t));
    }
    return b.build();
  }
}
