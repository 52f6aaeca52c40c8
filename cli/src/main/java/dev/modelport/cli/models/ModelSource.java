package dev.modelport.cli.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.modelport.cli.console.CommandFailure;
import dev.modelport.protocol.model.SignatureException;
import dev.modelport.protocol.model.SignatureReader;
import dev.modelport.registryclient.api.ArtifactFormat;
import dev.modelport.registryclient.api.ServingSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code models register} uploads, worked out from its path argument.
 *
 * <p>A <b>folder</b> (as in {@code examples/models}) registers as it is: its {@code model.yaml}
 * gives the signature (and the batching settings as serving hints), the artifact is {@code
 * model.onnx} (or {@code model.pt} with {@code --format torchscript}, or when there is no ONNX
 * file), {@code train.csv} is the training data for the baseline when present, and the folder's
 * name is the model's unless {@code --name} says otherwise.
 *
 * <p>A <b>single file</b> needs {@code --name}; its format comes from {@code --format} or the
 * extension ({@code .onnx}, {@code .pt}/{@code .pth}), and its signature from {@code --signature}
 * (a {@code model.yaml} or a signature JSON) or, without that option, from a {@code model.yaml}
 * beside the file. The signature is not read out of the artifact: ONNX files often carry no feature
 * names and TorchScript files no signature at all.
 *
 * @param name model name
 * @param format artifact format
 * @param artifact the model file
 * @param signature the {@code model.yaml} or signature JSON that gives inputs and outputs
 * @param trainingData training CSV for the baseline, if any
 * @param serving serving hints from the {@code model.yaml}'s {@code batching}, if any
 */
record ModelSource(
    String name,
    ArtifactFormat format,
    Path artifact,
    Path signature,
    Optional<Path> trainingData,
    ServingSettings serving) {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Whether the signature file is in {@code model.yaml} form (else signature JSON). */
  boolean signatureIsModelYaml() {
    String file = signature.getFileName().toString().toLowerCase(Locale.ROOT);
    return file.endsWith(".yaml") || file.endsWith(".yml");
  }

  /**
   * The upload for {@code path} and the command's options (each may be null).
   *
   * @throws CommandFailure naming the file and what is wrong with it
   */
  static ModelSource of(
      Path path, String name, ArtifactFormat format, Path signature, Path trainingData) {
    if (!Files.exists(path)) {
      throw new CommandFailure("no such file or folder: " + path);
    }
    ModelSource source =
        Files.isDirectory(path)
            ? folder(path, name, format, signature, trainingData)
            : file(path, name, format, signature, trainingData);
    source.trainingData().ifPresent(csv -> requireFile(csv, "--train-data"));
    source.checkSignature();
    return source;
  }

  private static ModelSource folder(
      Path dir, String name, ArtifactFormat format, Path signature, Path trainingData) {
    Path yaml = signature != null ? signature : dir.resolve("model.yaml");
    if (!Files.isRegularFile(yaml)) {
      throw new CommandFailure(
          dir
              + " has no model.yaml (its inputs and outputs are the signature): add one, or pass"
              + " --signature FILE");
    }
    Path onnx = dir.resolve("model.onnx");
    Path pt = dir.resolve("model.pt");
    ArtifactFormat chosen =
        format != null
            ? format
            : Files.isRegularFile(onnx) ? ArtifactFormat.ONNX : ArtifactFormat.TORCHSCRIPT;
    Path artifact = chosen == ArtifactFormat.ONNX ? onnx : pt;
    if (!Files.isRegularFile(artifact)) {
      throw new CommandFailure(
          dir
              + " has no "
              + artifact.getFileName()
              + (format == null ? " or model.pt" : "")
              + " (the "
              + chosen.wireName()
              + " artifact)");
    }
    Path train = trainingData != null ? trainingData : dir.resolve("train.csv");
    return new ModelSource(
        name != null ? name : dir.toAbsolutePath().normalize().getFileName().toString(),
        chosen,
        artifact,
        yaml,
        trainingData != null || Files.isRegularFile(train) ? Optional.of(train) : Optional.empty(),
        servingHints(yaml));
  }

  private static ModelSource file(
      Path file, String name, ArtifactFormat format, Path signature, Path trainingData) {
    if (name == null) {
      throw new CommandFailure(
          "--name is required to register a single file (" + file.getFileName() + ")");
    }
    ArtifactFormat chosen = format != null ? format : formatOf(file);
    Path sig = signature;
    if (sig == null) {
      Path beside = file.toAbsolutePath().resolveSibling("model.yaml");
      if (!Files.isRegularFile(beside)) {
        throw new CommandFailure(
            "no signature for "
                + file.getFileName()
                + ": pass --signature FILE (a model.yaml or signature JSON) or put a model.yaml"
                + " beside it");
      }
      sig = beside;
    }
    requireFile(sig, "--signature");
    boolean yaml = sig.getFileName().toString().matches("(?i).*\\.ya?ml");
    return new ModelSource(
        name,
        chosen,
        file,
        sig,
        Optional.ofNullable(trainingData),
        yaml ? servingHints(sig) : null);
  }

  private static ArtifactFormat formatOf(Path file) {
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (n.endsWith(".onnx")) {
      return ArtifactFormat.ONNX;
    }
    if (n.endsWith(".pt") || n.endsWith(".pth") || n.endsWith(".torchscript")) {
      return ArtifactFormat.TORCHSCRIPT;
    }
    throw new CommandFailure(
        "cannot tell the format of "
            + file.getFileName()
            + " from its name: pass --format onnx or --format torchscript");
  }

  private void checkSignature() {
    try {
      if (signatureIsModelYaml()) {
        SignatureReader.readModelYaml(signature);
      } else {
        SignatureReader.fromJson(Files.readString(signature));
      }
    } catch (SignatureException e) {
      throw new CommandFailure(signature + ": " + e.getMessage());
    } catch (IOException e) {
      throw new CommandFailure("cannot read " + signature + ": " + e.getMessage());
    }
  }

  private static void requireFile(Path file, String option) {
    if (!Files.isRegularFile(file)) {
      throw new CommandFailure("no such file: " + file + " (" + option + ")");
    }
  }

  /** The {@code batching} block of a {@code model.yaml} as serving hints; null when it has none. */
  private static ServingSettings servingHints(Path yaml) {
    JsonNode batching;
    try {
      batching = YAML.readTree(yaml.toFile()).path("batching");
    } catch (IOException e) {
      throw new CommandFailure(yaml + " is not valid YAML: " + e.getMessage());
    }
    if (!batching.isObject()) {
      return null;
    }
    List<Integer> preferred = new ArrayList<>();
    batching.path("preferred-batch-sizes").forEach(n -> preferred.add(n.asInt()));
    return new ServingSettings(
        batching.has("max-batch-size") ? batching.get("max-batch-size").asInt() : null,
        batching.has("max-queue-delay") ? batching.get("max-queue-delay").asLong() : null,
        preferred,
        batching.has("max-queue-size") ? batching.get("max-queue-size").asInt() : null,
        batching.has("instances") ? batching.get("instances").asInt() : null);
  }
}
