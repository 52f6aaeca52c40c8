package dev.modelport.serving.model;

import dev.modelport.protocol.model.ModelSignature;
import dev.modelport.protocol.model.VersionNumber;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The parsed {@code model.yaml} of one model. Immutable.
 *
 * @param versions version number to artifact file (relative to the model folder); empty when the
 *     folder layout decides (numbered sub-folders, or the folder itself as version 1)
 * @param defaultVersion the version served when a request names none; empty means the highest
 * @param signature inputs and outputs, checked; empty means "read it from the ONNX model"
 * @param batching dynamic batching settings
 * @param warmup warm-up settings
 * @param engine engine overrides
 */
public record ModelConfig(
    SortedMap<VersionNumber, String> versions,
    Optional<VersionNumber> defaultVersion,
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
    versions = Collections.unmodifiableSortedMap(new TreeMap<>(versions));
  }
}
