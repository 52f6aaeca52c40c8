package dev.modelport.registry.version;

import dev.modelport.registry.model.ModelName;
import dev.modelport.registry.model.VersionsOfModel;
import dev.modelport.registry.storage.Sha256;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/** {@link VersionsOfModel} over the version table and the artifact cleaner. Thread-safe. */
@ApplicationScoped
public class StoredVersionsOfModel implements VersionsOfModel {
  private final VersionRepository versions;
  private final ArtifactCleaner cleaner;

  @Inject
  StoredVersionsOfModel(VersionRepository versions, ArtifactCleaner cleaner) {
    this.versions = versions;
    this.cleaner = cleaner;
  }

  @Override
  public List<Sha256> deleteAll(Connection c, ModelName model) throws SQLException {
    return versions.deleteAll(c, model);
  }

  @Override
  public void releaseArtifacts(Collection<Sha256> digests) {
    cleaner.deleteUnreferenced(digests);
  }
}
