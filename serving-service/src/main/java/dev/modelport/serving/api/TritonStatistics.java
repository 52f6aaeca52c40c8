package dev.modelport.serving.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.serving.lifecycle.ModelManager;
import dev.modelport.serving.lifecycle.ServedVersion;
import dev.modelport.serving.statistics.Duration;
import dev.modelport.serving.statistics.ServingStatistics;
import dev.modelport.serving.statistics.VersionStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Triton's statistics extension as both edges answer it: REST writes {@link Response} as JSON in
 * Triton's shape, gRPC maps it to {@code inference.ModelStatisticsResponse}. Stateless.
 */
public final class TritonStatistics {

  private TritonStatistics() {}

  /** Triton's {@code {"model_stats": [...]}}. */
  public record Response(@JsonProperty("model_stats") List<ModelStats> modelStats) {}

  /** One version's statistics. */
  public record ModelStats(
      String name,
      String version,
      @JsonProperty("last_inference") long lastInference,
      @JsonProperty("inference_count") long inferenceCount,
      @JsonProperty("execution_count") long executionCount,
      @JsonProperty("inference_stats") InferenceStats inferenceStats,
      @JsonProperty("batch_stats") List<BatchStats> batchStats) {}

  /** Triton's {@code inference_stats}. */
  public record InferenceStats(
      Duration.Snapshot success,
      Duration.Snapshot fail,
      Duration.Snapshot queue,
      @JsonProperty("compute_input") Duration.Snapshot computeInput,
      @JsonProperty("compute_infer") Duration.Snapshot computeInfer,
      @JsonProperty("compute_output") Duration.Snapshot computeOutput) {}

  /** One element of Triton's {@code batch_stats}. */
  public record BatchStats(
      @JsonProperty("batch_size") long batchSize,
      @JsonProperty("compute_input") Duration.Snapshot computeInput,
      @JsonProperty("compute_infer") Duration.Snapshot computeInfer,
      @JsonProperty("compute_output") Duration.Snapshot computeOutput) {}

  /**
   * The statistics of every ready version ({@code model} null or empty), of every loaded version of
   * {@code model} (no {@code version}) or of one version; 404 unknown, 503 not loaded.
   */
  public static Response of(
      ModelManager models,
      ServingStatistics statistics,
      String model,
      Optional<VersionNumber> version) {
    List<ServedVersion> chosen;
    if (model == null || model.isEmpty()) {
      chosen = models.versions().stream().filter(ServedVersion::isReady).toList();
    } else if (version.isPresent()) {
      chosen = List.of(models.find(model, version));
    } else {
      chosen =
          models.versions().stream().filter(v -> v.model().equals(model) && v.isReady()).toList();
      if (chosen.isEmpty()) {
        models.find(model, version); // throws: unknown (404) or not loaded (503)
      }
    }
    List<ModelStats> out = new ArrayList<>();
    for (ServedVersion v : chosen) {
      out.add(stats(v.model(), v.version(), statistics.of(v.model(), v.version()).snapshot()));
    }
    return new Response(out);
  }

  private static ModelStats stats(
      String name, VersionNumber version, VersionStatistics.Snapshot s) {
    List<BatchStats> batches = new ArrayList<>();
    s.batches()
        .forEach(
            (size, d) ->
                batches.add(
                    new BatchStats(
                        size,
                        new Duration.Snapshot(d.count(), 0),
                        d,
                        new Duration.Snapshot(d.count(), 0))));
    return new ModelStats(
        name,
        version.toString(),
        s.lastInferenceMillis(),
        s.inferenceCount(),
        s.executionCount(),
        new InferenceStats(
            s.success(),
            s.fail(),
            s.queue(),
            s.computeInput(),
            s.computeInfer(),
            s.computeOutput()),
        batches);
  }
}
