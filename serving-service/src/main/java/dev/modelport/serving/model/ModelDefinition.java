package dev.modelport.serving.model;

import dev.modelport.protocol.model.VersionNumber;
import java.nio.file.Path;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A model as its source describes it: configuration and the artifact of each version. Immutable.
 *
 * @param name model name (the folder name for the local source)
 * @param directory the model folder, against which relative paths in its configuration resolve
 * @param config parsed {@code model.yaml} (defaults when there is none)
 * @param versions artifact per version number, at least one
 */
public record ModelDefinition(
    String name,
    Path directory,
    ModelConfig config,
    SortedMap<VersionNumber, ModelArtifact> versions) {

  public ModelDefinition {
    if (versions.isEmpty()) {
      throw new ModelConfigException("model '" + name + "' has no version");
    }
    versions = Collections.unmodifiableSortedMap(new TreeMap<>(versions));
    if (config.defaultVersion().isPresent()
        && !versions.containsKey(config.defaultVersion().get())) {
      throw new ModelConfigException(
          "model '"
              + name
              + "': default-version "
              + config.defaultVersion().get()
              + " is not one of its versions "
              + versions.keySet());
    }
  }

  /** The version served when a request names none: {@code default-version}, else the highest. */
  public VersionNumber defaultVersion() {
    return config.defaultVersion().orElse(versions.lastKey());
  }
}
