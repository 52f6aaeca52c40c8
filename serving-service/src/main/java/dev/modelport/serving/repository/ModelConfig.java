package dev.modelport.serving.repository;

import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The parsed {@code model.yaml} of one model. Immutable.
 *
 * @param versions version number to artifact file (relative to the model folder); empty when the
 *     folder layout decides (numbered sub-folders, or the folder itself as version 1)
 * @param defaultVersion the version served when a request names none; empty means the highest
 * @param signature inputs and outputs; empty means "read it from the ONNX model"
 * @param batching dynamic batching settings
 * @param warmup warm-up settings
 * @param engine engine overrides
 */
public record ModelConfig(
    SortedMap<Long, String> versions,
    Optional<Long> defaultVersion,
    Optional<ModelSignature> signature,
    BatchingSettings batching,
    WarmupSettings warmup,
    EngineSettings engine) {

  /** The configuration of a model folder without {@code model.yaml}. */
  public static final ModelConfig DEFAULT =
      new ModelConfig(
          new TreeMap<>(),
          Optional.empty(),
          Optional.empty(),
          BatchingSettings.DEFAULT,
          WarmupSettings.DEFAULT,
          EngineSettings.DEFAULT);

  public ModelConfig {
    versions = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(versions));
  }

  /** The versions as a plain map (version number to file). */
  public Map<Long, String> versionFiles() {
    return versions;
  }
}
