package dev.modelport.serving.engine;

/**
 * Service-wide engine settings; a model's {@code engine} section in {@code model.yaml} overrides
 * device and threads. PyTorch's thread pools are process-wide and set once at startup through
 * {@link DjlSystemProperties}, so they are not part of these per-load settings. Immutable.
 *
 * @param device default device, {@code cpu} or {@code gpu:N}
 * @param onnxIntraOpThreads ONNX Runtime intra-op threads per session; 0 lets ONNX Runtime choose
 *     (one per core)
 * @param onnxInterOpThreads ONNX Runtime inter-op threads per session; 0 lets it choose
 * @param onnxAllowSpinning whether ONNX Runtime's idle pool threads spin before they sleep
 */
public record EngineDefaults(
    String device, int onnxIntraOpThreads, int onnxInterOpThreads, boolean onnxAllowSpinning) {

  public static final EngineDefaults CPU = new EngineDefaults("cpu", 0, 1, false);
}
