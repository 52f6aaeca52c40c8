package dev.modelport.serving.model;

import java.util.Optional;

/**
 * Per-model engine overrides (the {@code engine} section of {@code model.yaml}); empty values fall
 * back to the service configuration ({@code modelport.serving.engine.*}).
 *
 * @param device {@code cpu} or {@code gpu:N}
 * @param threads intra-op threads of the model's engine session (ONNX Runtime only; PyTorch's
 *     thread pools are process-wide)
 */
public record EngineSettings(Optional<String> device, Optional<Integer> threads) {

  public static final EngineSettings DEFAULT =
      new EngineSettings(Optional.empty(), Optional.empty());
}
