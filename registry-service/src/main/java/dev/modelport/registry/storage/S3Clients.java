package dev.modelport.registry.storage;

import dev.modelport.registry.RegistryConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Builds the S3 client of the {@link S3BlobStore} from {@code modelport.registry.storage.s3.*}. */
public final class S3Clients {
  private S3Clients() {}

  public static S3Client create(RegistryConfig.S3 config) {
    S3ClientBuilder builder =
        S3Client.builder()
            .httpClientBuilder(ApacheHttpClient.builder())
            .region(Region.of(config.region()))
            .forcePathStyle(config.pathStyle())
            // Checksums only where S3 requires them: S3-compatible servers often lack the newer
            // ones.
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    config.endpoint().ifPresent(builder::endpointOverride);
    if (config.accessKeyId().isPresent() && config.secretAccessKey().isPresent()) {
      builder.credentialsProvider(
          StaticCredentialsProvider.create(
              AwsBasicCredentials.create(
                  config.accessKeyId().get(), config.secretAccessKey().get())));
    } else {
      builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
    }
    return builder.build();
  }
}
