package dev.modelport.serving.engine;

import java.util.Optional;

/**
 * Service-wide engine settings; a model's {@code engine} section in {@code model.yaml} overrides
 * device and threads. Immutable.
 *
 * @param device default device, {@code cpu} or {@code gpu:N}
 * @param onnxIntraOpThreads ONNX Runtime intra-op threads per session; 0 lets ONNX Runtime choose
 *     (one per core)
 * @param onnxInterOpThreads ONNX Runtime inter-op threads per session; 0 lets it choose
 * @param onnxAllowSpinning whether ONNX Runtime's idle pool threads spin before they sleep
 * @param pytorchThreads PyTorch intra-op threads for the process (empty: PyTorch's default)
 * @param pytorchInteropThreads PyTorch inter-op threads for the process (empty: default)
 */
public record EngineDefaults(
    String device,
    int onnxIntraOpThreads,
    int onnxInterOpThreads,
    boolean onnxAllowSpinning,
    Optional<Integer> pytorchThreads,
    Optional<Integer> pytorchInteropThreads) {

  public static final EngineDefaults CPU =
      new EngineDefaults("cpu", 0, 1, false, Optional.empty(), Optional.empty());
}
