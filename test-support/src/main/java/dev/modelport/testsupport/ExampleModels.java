package dev.modelport.testsupport;

import dev.modelport.protocol.model.ModelSignature;
import dev.modelport.protocol.model.SignatureReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The example models of the project's {@code examples/models}: their folders, signatures (read from
 * each {@code model.yaml}, never retyped), and data files. The one place tests find them; the
 * project root is found by walking up from the working directory to the folder holding {@code mvnw}
 * and {@code examples/models}, so a test works from any module. Stateless.
 */
public final class ExampleModels {

  public static final String BREAST_CANCER = "breast-cancer-mlp";
  public static final String CREDIT_RISK = "credit-risk-mixed";
  public static final String DIABETES = "diabetes-regressor";
  public static final String DIGITS_CNN = "digits-cnn";
  public static final String DIGITS_STATIC_BATCH = "digits-static-batch";
  public static final String MOBILENET = "mobilenet-v3-small";

  /** The five features that {@code breast-cancer-mlp/drifted.csv} moves. */
  public static final List<String> BREAST_CANCER_DRIFTED =
      List.of("mean_radius", "mean_perimeter", "mean_area", "worst_radius", "worst_perimeter");

  /** The two features that {@code credit-risk-mixed/drifted.csv} moves. */
  public static final List<String> CREDIT_RISK_DRIFTED = List.of("region", "utilization");

  private ExampleModels() {}

  /** The project root: the nearest folder above the working directory with {@code mvnw}. */
  public static Path projectRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("mvnw"))
          && Files.isDirectory(d.resolve("examples/models"))) {
        return d;
      }
    }
    throw new IllegalStateException("no project root (mvnw and examples/models) above " + dir);
  }

  /** {@code examples/models}. */
  public static Path root() {
    return projectRoot().resolve("examples").resolve("models");
  }

  /** The folder of one example model. */
  public static Path dir(String model) {
    Path dir = root().resolve(model);
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("no example model '" + model + "' in " + root());
    }
    return dir;
  }

  /** A file of an example model's folder, e.g. {@code file(BREAST_CANCER, "test.csv")}. */
  public static Path file(String model, String name) {
    return dir(model).resolve(name);
  }

  /** The names of every example model, sorted. */
  public static List<String> names() {
    try (Stream<Path> dirs = Files.list(root())) {
      return dirs.filter(d -> Files.isRegularFile(d.resolve("model.yaml")))
          .map(d -> d.getFileName().toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The signature of an example model, from its {@code model.yaml}. */
  public static ModelSignature signature(String model) {
    try {
      return SignatureReader.readModelYaml(file(model, "model.yaml"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The ONNX file of an example model. */
  public static Path onnx(String model) {
    return file(model, "model.onnx");
  }

  /** The TorchScript file of an example model, if it has one. */
  public static Optional<Path> torchScript(String model) {
    Path pt = dir(model).resolve("model.pt");
    return Files.isRegularFile(pt) ? Optional.of(pt) : Optional.empty();
  }

  /**
   * A CSV file of an example model ({@code train.csv}, {@code test.csv}, {@code expected_*.csv}).
   */
  public static CsvTable csv(String model, String name) {
    return CsvTable.read(file(model, name));
  }
}
