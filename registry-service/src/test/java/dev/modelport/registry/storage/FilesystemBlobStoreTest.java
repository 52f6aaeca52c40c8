package dev.modelport.registry.storage;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class FilesystemBlobStoreTest extends BlobStoreContractTest {
  @TempDir Path root;

  @Override
  protected BlobStore createStore() throws Exception {
    return new FilesystemBlobStore(root);
  }
}
