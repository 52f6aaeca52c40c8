package dev.modelport.registry.version;

import dev.modelport.registry.RegistryConfig;
import dev.modelport.registry.api.RequestBodyException;
import dev.modelport.registry.error.InvalidInputException;
import dev.modelport.registry.error.StorageException;
import dev.modelport.registry.storage.BlobStore;
import dev.modelport.registry.storage.Sha256;
import dev.modelport.registry.storage.StoredBlob;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Streams an upload's artifact part straight into the blob store, digesting it on the way (constant
 * memory, one write), within {@code modelport.registry.upload.max-size}. A body that breaks off is
 * the client's failure (400 on field {@code artifact}); a failing store is a 500. Either way the
 * store keeps nothing of a failed put. Thread-safe.
 */
@ApplicationScoped
public class ArtifactIntake {
  private final BlobStore blobs;
  private final long maxSize;

  @Inject
  ArtifactIntake(BlobStore blobs, RegistryConfig config) {
    this.blobs = blobs;
    this.maxSize = config.upload().maxSize().asLongValue();
  }

  /**
   * Stores the artifact read from {@code content} to its end.
   *
   * @param declared the digest the metadata declared, when it came before the artifact
   */
  StoredBlob store(InputStream content, Optional<Sha256> declared) {
    try {
      return blobs.put(content, declared, maxSize);
    } catch (RequestBodyException e) {
      throw new InvalidInputException("artifact", e.getMessage());
    } catch (IOException e) {
      throw new StorageException("cannot store the artifact: " + e.getMessage(), e);
    }
  }
}
