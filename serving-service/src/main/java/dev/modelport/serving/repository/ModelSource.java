package dev.modelport.serving.repository;

import dev.modelport.serving.model.ModelConfigException;
import dev.modelport.serving.model.ModelDefinition;
import java.util.List;
import java.util.Optional;

/**
 * Where the service finds its models: the local repository folder today, the registry later.
 * Implementations read their source afresh on each call, so a load picks up changed files, and are
 * thread-safe.
 */
public interface ModelSource {

  /** Names of all models the source holds, sorted. */
  List<String> modelNames();

  /**
   * The model {@code name}, or empty when the source does not hold it.
   *
   * @throws ModelConfigException when the model is there but cannot be served as configured
   */
  Optional<ModelDefinition> find(String name);
}
