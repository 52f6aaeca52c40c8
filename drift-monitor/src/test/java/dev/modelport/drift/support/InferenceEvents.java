package dev.modelport.drift.support;

import dev.modelport.protocol.event.EventTensors;
import dev.modelport.protocol.event.InferenceEvent;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/** Builds inference events of the example models from CSV rows. */
public final class InferenceEvents {

  private InferenceEvents() {}

  /** An event of breast-cancer-mlp (one FP32 [N, 30] input) for {@code rows[from, to)}. */
  public static InferenceEvent breast(
      String version, double[][] rows, int from, int to, long timestampMicros) {
    int n = to - from;
    float[] data = new float[n * 30];
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < 30; c++) {
        data[r * 30 + c] = (float) rows[from + r][c];
      }
    }
    return event(
        ExampleModels.BREAST,
        version,
        timestampMicros,
        List.of(new Tensor("input", DataType.FP32, new long[] {n, 30}, data)));
  }

  /** An event of credit-risk-mixed (FP32 [N, 4] and INT64 [N, 2]) for {@code rows[from, to)}. */
  public static InferenceEvent credit(
      String version, double[][] rows, int from, int to, long timestampMicros) {
    int n = to - from;
    float[] numeric = new float[n * 4];
    long[] categorical = new long[n * 2];
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < 4; c++) {
        numeric[r * 4 + c] = (float) rows[from + r][c];
      }
      categorical[r * 2] = (long) rows[from + r][4];
      categorical[r * 2 + 1] = (long) rows[from + r][5];
    }
    return event(
        ExampleModels.CREDIT,
        version,
        timestampMicros,
        List.of(
            new Tensor("numeric", DataType.FP32, new long[] {n, 4}, numeric),
            new Tensor("categorical", DataType.INT64, new long[] {n, 2}, categorical)));
  }

  /** Events covering all {@code rows} in chunks of {@code perEvent} rows. */
  public static List<InferenceEvent> inChunks(
      boolean credit, String version, double[][] rows, int perEvent, long firstTimestampMicros) {
    List<InferenceEvent> out = new ArrayList<>();
    for (int from = 0; from < rows.length; from += perEvent) {
      int to = Math.min(rows.length, from + perEvent);
      long ts = firstTimestampMicros + out.size() * 1000L;
      out.add(credit ? credit(version, rows, from, to, ts) : breast(version, rows, from, to, ts));
    }
    return out;
  }

  public static InferenceEvent event(
      String model, String version, long timestampMicros, List<Tensor> inputs) {
    InferenceEvent.Builder b =
        InferenceEvent.newBuilder()
            .setModel(model)
            .setVersion(version)
            .setRequestId("req-" + timestampMicros)
            .setTimestampMicros(timestampMicros)
            .setRoute("primary");
    for (Tensor t : inputs) {
      b.addInputs(EventTensors.toEvent(t));
    }
    return b.build();
  }

  /**
   * {@code event} with breast-cancer-mlp's {@code probabilities} output (FP32 [N, 2]) for {@code
   * probabilities[from, to)}, the two columns swapped when {@code swapped}.
   */
  public static InferenceEvent withProbabilities(
      InferenceEvent event, float[][] probabilities, int from, int to, boolean swapped) {
    int n = to - from;
    float[] out = new float[n * 2];
    for (int r = 0; r < n; r++) {
      out[2 * r] = probabilities[from + r][swapped ? 1 : 0];
      out[2 * r + 1] = probabilities[from + r][swapped ? 0 : 1];
    }
    return event.toBuilder()
        .addOutputs(
            EventTensors.toEvent(
                new Tensor("probabilities", DataType.FP32, new long[] {n, 2}, out)))
        .build();
  }
}
