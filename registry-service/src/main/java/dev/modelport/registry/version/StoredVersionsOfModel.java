package dev.modelport.registry.version;

import dev.modelport.registry.model.ModelName;
import dev.modelport.registry.model.VersionsOfModel;
import dev.modelport.registry.storage.Sha256;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** {@link VersionsOfModel} over the version table. Thread-safe. */
@ApplicationScoped
public class StoredVersionsOfModel implements VersionsOfModel {
  private final VersionRepository versions;

  @Inject
  StoredVersionsOfModel(VersionRepository versions) {
    this.versions = versions;
  }

  @Override
  public List<Sha256> deleteAll(Connection c, ModelName model) throws SQLException {
    return versions.deleteAll(c, model);
  }
}
