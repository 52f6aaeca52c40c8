package dev.modelport.registry.version;

import dev.modelport.registry.storage.BlobStore;
import dev.modelport.registry.storage.RegistryDatabase;
import dev.modelport.registry.storage.Sha256;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Collection;
import org.jboss.logging.Logger;

/**
 * Deletes artifact blobs that no version references any more (after a model deletion or a failed
 * upload). Blobs are content-addressed and shared between versions with identical bytes, so a blob
 * is deleted only when the database holds no reference to it. Failures are logged: a leftover blob
 * wastes space but breaks nothing.
 */
@ApplicationScoped
public class ArtifactCleaner {
  private static final Logger LOG = Logger.getLogger(ArtifactCleaner.class);

  private final RegistryDatabase database;
  private final VersionRepository versions;
  private final BlobStore blobs;

  @Inject
  ArtifactCleaner(RegistryDatabase database, VersionRepository versions, BlobStore blobs) {
    this.database = database;
    this.versions = versions;
    this.blobs = blobs;
  }

  public void deleteUnreferenced(Collection<Sha256> digests) {
    for (Sha256 digest : digests) {
      try {
        if (!database.read(c -> versions.isReferenced(c, digest))) {
          blobs.delete(digest);
        }
      } catch (IOException | RuntimeException e) {
        LOG.warnf(
            "Could not delete the unreferenced blob %s: %s; it only wastes space",
            digest, e.toString());
      }
    }
  }
}
