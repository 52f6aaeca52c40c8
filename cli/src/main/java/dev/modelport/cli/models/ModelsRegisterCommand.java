package dev.modelport.cli.models;

import dev.modelport.cli.connect.ConnectionOptions;
import dev.modelport.cli.console.CommandFailure;
import dev.modelport.protocol.model.ModelSignature;
import dev.modelport.protocol.model.SignatureReader;
import dev.modelport.registryclient.VersionUpload;
import dev.modelport.registryclient.api.ArtifactFormat;
import dev.modelport.registryclient.api.ModelVersion;
import dev.modelport.registryclient.api.VersionMetadata;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code modelport models register <dir-or-file>}: uploads a new version (the model is created when
 * it does not exist yet) and prints its number. What a folder or a single file gives is described
 * on {@link ModelSource}.
 */
@Command(
    name = "register",
    mixinStandardHelpOptions = true,
    description = {
      "Registers a new version of a model and prints its number; the model is created if needed.",
      "A folder (as in examples/models) registers as it is: model.yaml is the signature,",
      "model.onnx (or model.pt) the artifact, train.csv the training data for the drift baseline,",
      "the folder's name the model's. A single file needs --name and a signature: --signature",
      "FILE (model.yaml or signature JSON) or a model.yaml beside it."
    })
public final class ModelsRegisterCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private ConnectionOptions connection;

  @Parameters(index = "0", paramLabel = "DIR-OR-FILE", description = "model folder or model file")
  private Path path;

  @Option(names = "--name", paramLabel = "NAME", description = "model name (default: the folder's)")
  private String name;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      converter = FormatConverter.class,
      description =
          "onnx or torchscript (default: model.onnx when the folder has one; a file's extension)")
  private ArtifactFormat format;

  @Option(
      names = "--signature",
      paramLabel = "FILE",
      description = "model.yaml or signature JSON (default: the folder's model.yaml)")
  private Path signature;

  @Option(
      names = "--train-data",
      paramLabel = "CSV",
      description = "training data for the baseline (default: the folder's train.csv)")
  private Path trainData;

  @Option(
      names = "--metric",
      paramLabel = "KEY=VALUE",
      description = "a training metric, a number (repeatable): --metric accuracy=0.95")
  private Map<String, Double> metrics = new LinkedHashMap<>();

  @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "a tag (repeatable)")
  private Map<String, String> tags = new LinkedHashMap<>();

  @Option(names = "--description", paramLabel = "TEXT", description = "the version's description")
  private String description;

  @Option(
      names = {"-q", "--quiet"},
      description = "print only the new version number")
  private boolean quiet;

  @Override
  public Integer call() {
    ModelSource source = ModelSource.of(path, name, format, signature, trainData);
    VersionMetadata metadata =
        new VersionMetadata(
            source.format(),
            null,
            source.signatureIsModelYaml() ? null : jsonSignature(source.signature()),
            source.serving(),
            metrics,
            null,
            null,
            tags,
            description);
    VersionUpload upload = VersionUpload.of(source.artifact(), metadata);
    if (source.signatureIsModelYaml()) {
      upload.withModelYaml(source.signature());
    }
    source.trainingData().ifPresent(upload::withTrainingData);
    ModelVersion created = connection.registry().call(c -> c.uploadVersion(source.name(), upload));
    PrintWriter out = spec.commandLine().getOut();
    if (quiet) {
      out.println(created.version());
    } else {
      out.printf(
          "registered %s version %s (%s, %s%s)%n",
          created.model(),
          created.version(),
          created.artifact().format().wireName(),
          VersionTable.size(created.artifact().size()),
          created.hasBaseline()
              ? ", baseline from " + source.trainingData().map(Path::getFileName).orElse(null)
              : ", no baseline");
    }
    out.flush();
    return 0;
  }

  private static ModelSignature jsonSignature(Path file) {
    try {
      return SignatureReader.fromJson(Files.readString(file));
    } catch (IOException e) {
      throw new CommandFailure("cannot read " + file + ": " + e.getMessage());
    }
  }

  /** {@code --format onnx|torchscript}, a usage error otherwise. */
  static final class FormatConverter implements ITypeConverter<ArtifactFormat> {
    @Override
    public ArtifactFormat convert(String value) {
      try {
        return ArtifactFormat.of(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("must be onnx or torchscript, got '" + value + "'");
      }
    }
  }
}
