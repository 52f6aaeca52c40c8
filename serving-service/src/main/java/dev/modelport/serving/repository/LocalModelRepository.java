package dev.modelport.serving.repository;

import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.serving.model.ModelArtifact;
import dev.modelport.serving.model.ModelConfig;
import dev.modelport.serving.model.ModelConfigException;
import dev.modelport.serving.model.ModelDefinition;
import dev.modelport.serving.model.ModelFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The {@code local} model source: one or more repository folders, each holding one folder per
 * model. A model folder's versions come from, in order of precedence:
 *
 * <ol>
 *   <li>the {@code versions} mapping of its {@code model.yaml} (version number to file, relative to
 *       the model folder), as in {@code examples/models};
 *   <li>numbered sub-folders {@code <model>/<N>/model.onnx|model.pt} (the Triton layout);
 *   <li>a {@code model.onnx} or {@code model.pt} directly in the model folder, served as version 1.
 * </ol>
 *
 * Where a folder holds both files, ONNX is taken. When two roots hold the same model name, the
 * first root wins. Reads the file system on every call; thread-safe.
 */
public final class LocalModelRepository implements ModelSource {

  private static final String CONFIG_FILE = "model.yaml";
  private static final List<String> MODEL_FILES = List.of("model.onnx", "model.pt");
  private static final VersionNumber FLAT_VERSION = VersionNumber.of(1);

  private final List<Path> roots;
  private final ModelYamlReader yaml = new ModelYamlReader();

  public LocalModelRepository(List<Path> roots) {
    this.roots = List.copyOf(roots);
  }

  @Override
  public List<String> modelNames() {
    TreeSet<String> names = new TreeSet<>();
    for (Path root : roots) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> children = Files.list(root)) {
        children
            .filter(LocalModelRepository::isModelFolder)
            .forEach(p -> names.add(p.getFileName().toString()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list model repository " + root, e);
      }
    }
    return List.copyOf(names);
  }

  @Override
  public Optional<ModelDefinition> find(String name) {
    if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
      return Optional.empty();
    }
    for (Path root : roots) {
      Path dir;
      try {
        dir = root.resolve(name);
      } catch (InvalidPathException e) {
        return Optional.empty(); // a name no folder can have (a NUL character)
      }
      if (isModelFolder(dir)) {
        return Optional.of(read(name, dir));
      }
    }
    return Optional.empty();
  }

  private ModelDefinition read(String name, Path dir) {
    Path configFile = dir.resolve(CONFIG_FILE);
    ModelConfig config =
        Files.isRegularFile(configFile) ? yaml.read(configFile) : ModelConfig.DEFAULT;
    TreeMap<VersionNumber, ModelArtifact> versions = new TreeMap<>();
    if (!config.versions().isEmpty()) {
      for (Map.Entry<VersionNumber, String> e : config.versions().entrySet()) {
        Path file = dir.resolve(e.getValue()).normalize();
        if (!Files.isRegularFile(file)) {
          throw new ModelConfigException(
              configFile + ": version " + e.getKey() + " file " + file + " does not exist");
        }
        ModelFormat format =
            ModelFormat.ofFile(file)
                .orElseThrow(
                    () ->
                        new ModelConfigException(
                            configFile
                                + ": version "
                                + e.getKey()
                                + " file "
                                + file
                                + " is neither .onnx nor .pt (TorchScript)"));
        versions.put(e.getKey(), new ModelArtifact(name, e.getKey(), file, format));
      }
    } else {
      for (Path versionDir : numberedFolders(dir)) {
        VersionNumber v = VersionNumber.parse(versionDir.getFileName().toString());
        modelFile(versionDir).ifPresent(f -> versions.put(v, artifact(name, v, f)));
      }
      if (versions.isEmpty()) {
        modelFile(dir).ifPresent(f -> versions.put(FLAT_VERSION, artifact(name, FLAT_VERSION, f)));
      }
    }
    if (versions.isEmpty()) {
      throw new ModelConfigException(
          "model folder "
              + dir
              + " has no model: expected "
              + "<version>/model.onnx|model.pt, model.onnx|model.pt, or 'versions' in model.yaml");
    }
    return new ModelDefinition(name, dir, config, versions);
  }

  private static ModelArtifact artifact(String name, VersionNumber version, Path file) {
    return new ModelArtifact(name, version, file, ModelFormat.ofFile(file).orElseThrow());
  }

  private static boolean isModelFolder(Path dir) {
    if (!Files.isDirectory(dir) || dir.getFileName().toString().startsWith(".")) {
      return false;
    }
    return Files.isRegularFile(dir.resolve(CONFIG_FILE))
        || modelFile(dir).isPresent()
        || numberedFolders(dir).stream().anyMatch(v -> modelFile(v).isPresent());
  }

  private static Optional<Path> modelFile(Path dir) {
    return MODEL_FILES.stream().map(dir::resolve).filter(Files::isRegularFile).findFirst();
  }

  private static List<Path> numberedFolders(Path dir) {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> children = Files.list(dir)) {
      children
          .filter(Files::isDirectory)
          .filter(p -> p.getFileName().toString().matches("[1-9][0-9]{0,17}"))
          .forEach(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list model folder " + dir, e);
    }
    return out;
  }
}
