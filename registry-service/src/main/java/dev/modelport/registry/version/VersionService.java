package dev.modelport.registry.version;

import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.registry.error.NotFoundException;
import dev.modelport.registry.model.ModelName;
import dev.modelport.registry.model.ModelRepository;
import dev.modelport.registry.storage.RegistryDatabase;
import dev.modelport.registryclient.api.ModelVersion;
import dev.modelport.registryclient.api.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Reads of versions: one version, or a model's versions page by page. Thread-safe. */
@ApplicationScoped
public class VersionService {
  private final RegistryDatabase database;
  private final ModelRepository models;
  private final VersionRepository versions;

  @Inject
  VersionService(RegistryDatabase database, ModelRepository models, VersionRepository versions) {
    this.database = database;
    this.models = models;
    this.versions = versions;
  }

  /**
   * The version {@code version} of {@code model}.
   *
   * @throws NotFoundException when there is no such version
   */
  public ModelVersion get(ModelName model, VersionNumber version) {
    return database
        .read(c -> versions.find(c, model, version))
        .orElseThrow(
            () ->
                new NotFoundException(
                    "version " + version + " of model '" + model + "' not found"));
  }

  /** One page of the model's versions, oldest first. */
  public Page<ModelVersion> list(ModelName model, int offset, int limit) {
    return database.read(
        c -> {
          if (models.find(c, model).isEmpty()) {
            throw new NotFoundException("model '" + model + "' not found");
          }
          return new Page<>(
              versions.list(c, model, offset, limit), offset, limit, versions.count(c, model));
        });
  }
}
