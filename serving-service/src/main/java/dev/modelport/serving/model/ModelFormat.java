package dev.modelport.serving.model;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The artifact formats the service runs, each on its DJL engine. */
public enum ModelFormat {
  /** {@code model.onnx}, run by ONNX Runtime. */
  ONNX("OnnxRuntime"),
  /** {@code model.pt}, a TorchScript module run by PyTorch. */
  TORCHSCRIPT("PyTorch");

  private final String djlEngine;

  ModelFormat(String djlEngine) {
    this.djlEngine = djlEngine;
  }

  /** The DJL engine name ({@code OnnxRuntime}, {@code PyTorch}). */
  public String djlEngine() {
    return djlEngine;
  }

  /** The format of a file by its extension ({@code .onnx}; {@code .pt} or {@code .pth}). */
  public static Optional<ModelFormat> ofFile(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".onnx")) {
      return Optional.of(ONNX);
    }
    if (name.endsWith(".pt") || name.endsWith(".pth")) {
      return Optional.of(TORCHSCRIPT);
    }
    return Optional.empty();
  }
}
