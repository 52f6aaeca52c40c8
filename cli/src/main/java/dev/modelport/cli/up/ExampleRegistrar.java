package dev.modelport.cli.up;

import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.registryclient.RegistryClient;
import dev.modelport.registryclient.RegistryClientException;
import dev.modelport.registryclient.VersionUpload;
import dev.modelport.registryclient.api.Alias;
import dev.modelport.registryclient.api.ArtifactFormat;
import dev.modelport.registryclient.api.ModelVersion;
import dev.modelport.registryclient.api.NewModel;
import dev.modelport.registryclient.api.VersionMetadata;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Registers the model folders of {@code --models} (by default {@code examples/models}) in the
 * registry the first time {@code up} runs on a data folder, and points {@value #ALIAS} at each, so
 * that serving (which serves {@code alias:champion} by default) serves them and drift-monitor has
 * their baselines. A folder registers as it is: {@code model.onnx} (else {@code model.pt}) as the
 * artifact, its {@code model.yaml} as the signature, its {@code train.csv}, when there is one, as
 * the training data of the baseline. A model that the registry already knows is left as it is (a
 * second {@code up} reuses the data). Not thread-safe; one {@code up} runs it once.
 */
final class ExampleRegistrar {

  /** The alias that serving serves by default. */
  static final String ALIAS = "champion";

  /** A model that serving should end up serving, with the version its champion points at. */
  record ServedModel(String name, VersionNumber version) {}

  private final RegistryClient registry;
  private final PrintStream out;

  ExampleRegistrar(RegistryClient registry, PrintStream out) {
    this.registry = registry;
    this.out = out;
  }

  /** The model folders under {@code modelsDir}: sub-folders with a {@code model.yaml}, by name. */
  static List<Path> folders(Path modelsDir) throws IOException {
    try (Stream<Path> children = Files.list(modelsDir)) {
      return children
          .filter(dir -> Files.isRegularFile(dir.resolve("model.yaml")))
          .filter(dir -> artifact(dir).isPresent())
          .sorted()
          .toList();
    }
  }

  /**
   * Registers each folder whose model the registry does not know yet; returns every folder's model
   * whose {@value #ALIAS} points at a version (new or found).
   *
   * @throws SuiteStartException when the registry refuses an upload or cannot be reached
   */
  List<ServedModel> registerAll(Path modelsDir) throws SuiteStartException {
    List<ServedModel> served = new ArrayList<>();
    try {
      for (Path folder : folders(modelsDir)) {
        String name = folder.getFileName().toString();
        boolean known = registry.findModel(name).isPresent();
        // a model without versions is what an interrupted first up leaves: register it now
        if (!known || registry.listVersions(name, 0, 1).total() == 0) {
          served.add(register(name, folder, !known));
          continue;
        }
        Optional<Alias> champion = registry.findAlias(name, ALIAS);
        out.printf(
            "Model %s is registered already (%s)%n",
            name,
            champion
                .map(a -> ALIAS + " is version " + a.version())
                .orElse("no " + ALIAS + ": not served"));
        champion.ifPresent(a -> served.add(new ServedModel(name, a.version())));
      }
    } catch (IOException e) {
      throw new SuiteStartException("Cannot read the model folders in " + modelsDir + ": " + e, e);
    } catch (RegistryClientException e) {
      throw new SuiteStartException(
          "Registering the example models failed: "
              + e.getMessage()
              + "; see "
              + "registry-service's log.",
          e);
    }
    return served;
  }

  private ServedModel register(String name, Path folder, boolean create) {
    long begin = System.nanoTime();
    Path artifact = artifact(folder).orElseThrow();
    ArtifactFormat format =
        artifact.getFileName().toString().endsWith(".onnx")
            ? ArtifactFormat.ONNX
            : ArtifactFormat.TORCHSCRIPT;
    if (create) {
      registry.createModel(new NewModel(name, "example model from " + folder, Map.of()));
    }
    VersionUpload upload =
        VersionUpload.of(
                artifact,
                new VersionMetadata(
                    format,
                    null,
                    null,
                    null,
                    Map.of(),
                    Map.of(),
                    null,
                    Map.of("source", "modelport up"),
                    "registered by modelport up from " + folder.getFileName()))
            .withModelYaml(folder.resolve("model.yaml"));
    Path train = folder.resolve("train.csv");
    boolean baseline = Files.isRegularFile(train);
    if (baseline) {
      upload.withTrainingData(train);
    }
    ModelVersion version = registry.uploadVersion(name, upload);
    registry.setAlias(name, ALIAS, version.version());
    out.printf(
        "Registered %s version %s (%s%s), %s -> %s (%.1f s)%n",
        name,
        version.version(),
        format.wireName(),
        baseline ? ", baseline from train.csv" : ", no baseline",
        ALIAS,
        version.version(),
        (System.nanoTime() - begin) / 1e9);
    return new ServedModel(name, version.version());
  }

  private static Optional<Path> artifact(Path folder) {
    return Stream.of("model.onnx", "model.pt")
        .map(folder::resolve)
        .filter(Files::isRegularFile)
        .findFirst();
  }
}
