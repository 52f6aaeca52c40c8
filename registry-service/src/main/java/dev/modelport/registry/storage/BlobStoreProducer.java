package dev.modelport.registry.storage;

import dev.modelport.registry.RegistryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/** Creates the configured {@link BlobStore} once and closes it at shutdown. */
@ApplicationScoped
public class BlobStoreProducer {
  private static final Logger LOG = Logger.getLogger(BlobStoreProducer.class);

  @Produces
  @ApplicationScoped
  BlobStore blobStore(RegistryConfig config) {
    RegistryConfig.Storage storage = config.storage();
    return switch (storage.kind()) {
      case filesystem -> filesystem(config);
      case s3 -> s3(storage.s3());
    };
  }

  void close(@Disposes BlobStore store) {
    if (store instanceof S3BlobStore s3) {
      s3.close();
    }
  }

  private static BlobStore filesystem(RegistryConfig config) {
    var root = config.storage().filesystem().root().orElse(config.dataDir().resolve("blobs"));
    try {
      LOG.infof("Blob store: filesystem at %s", root.toAbsolutePath());
      return new FilesystemBlobStore(root);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create the blob directory "
              + root
              + "; set modelport.registry.storage.filesystem.root",
          e);
    }
  }

  private static BlobStore s3(RegistryConfig.S3 config) {
    String bucket =
        config
            .bucket()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "modelport.registry.storage.s3.bucket is required when the blob store is s3"));
    S3Client client = S3Clients.create(config);
    if (config.createBucket()) {
      try {
        client.headBucket(b -> b.bucket(bucket));
      } catch (NoSuchBucketException e) {
        client.createBucket(b -> b.bucket(bucket));
      }
    }
    LOG.infof(
        "Blob store: S3 bucket %s at %s",
        bucket, config.endpoint().map(Object::toString).orElse("AWS"));
    return new S3BlobStore(client, bucket, config.prefix(), (int) config.partSize().asLongValue());
  }
}
