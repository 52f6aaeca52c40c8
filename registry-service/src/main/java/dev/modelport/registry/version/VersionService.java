package dev.modelport.registry.version;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.registry.RegistryConfig;
import dev.modelport.registry.audit.AuditLog;
import dev.modelport.registry.baseline.BaselineBuilder;
import dev.modelport.registry.baseline.BaselineRepository;
import dev.modelport.registry.error.InvalidInputException;
import dev.modelport.registry.error.NotFoundException;
import dev.modelport.registry.error.PayloadTooLargeException;
import dev.modelport.registry.error.StorageException;
import dev.modelport.registry.events.EventFeed;
import dev.modelport.registry.events.EventLog;
import dev.modelport.registry.model.ModelName;
import dev.modelport.registry.model.ModelRepository;
import dev.modelport.registry.security.Caller;
import dev.modelport.registry.storage.BlobStore;
import dev.modelport.registry.storage.RegistryDatabase;
import dev.modelport.registry.storage.Sha256;
import dev.modelport.registry.storage.StoredBlob;
import dev.modelport.registryclient.api.EventType;
import dev.modelport.registryclient.api.ModelVersion;
import dev.modelport.registryclient.api.Page;
import dev.modelport.registryclient.api.VersionMetadata;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Uploads and reads of versions.
 *
 * <p>An upload checks the metadata and the baseline first, then streams the artifact into the blob
 * store (hashing on the way, constant memory), and only then inserts the version in one short
 * transaction that also takes the next version number under the model's row lock, writes the
 * baseline, the audit entry and the change event. If that transaction fails, a blob the upload
 * created and nothing references is deleted again. Thread-safe.
 */
@ApplicationScoped
public class VersionService {
  @Inject RegistryDatabase database;

  @Inject ModelRepository models;

  @Inject VersionRepository versions;

  @Inject BaselineRepository baselines;

  @Inject BaselineBuilder baselineBuilder;

  @Inject BlobStore blobs;

  @Inject ArtifactCleaner cleaner;

  @Inject AuditLog audit;

  @Inject EventLog events;

  @Inject EventFeed feed;

  @Inject ObjectMapper json;

  @Inject RegistryConfig config;

  @Inject MeterRegistry meters;

  /** One uploaded version as received: the artifact is a local file owned by the caller. */
  public record Upload(
      String metadataJson,
      Path artifact,
      String artifactFileName,
      Optional<Path> trainingCsv,
      Optional<Path> profileJson) {}

  public ModelVersion upload(ModelName model, Upload upload, Caller caller) {
    try {
      ModelVersion created = store(model, upload, caller);
      meters.counter("modelport.registry.uploads", "outcome", "created").increment();
      meters.counter("modelport.registry.upload.bytes").increment(created.artifact().size());
      return created;
    } catch (RuntimeException e) {
      meters.counter("modelport.registry.uploads", "outcome", "refused").increment();
      throw e;
    }
  }

  private ModelVersion store(ModelName model, Upload upload, Caller caller) {
    VersionMetadata metadata = MetadataCheck.check(parse(upload.metadataJson()));
    if (upload.artifact() == null) {
      throw new InvalidInputException("artifact", "the artifact part is required");
    }
    database
        .read(c -> models.find(c, model))
        .orElseThrow(() -> new NotFoundException("model '" + model + "' not found"));
    long maxSize = config.upload().maxSize().asLongValue();
    long size = size(upload.artifact());
    if (size > maxSize) {
      throw new PayloadTooLargeException(
          "artifact of " + size + " bytes exceeds the upload limit of " + maxSize + " bytes");
    }
    Optional<String> baseline =
        baselineBuilder.build(metadata.signature(), upload.trainingCsv(), upload.profileJson());
    Optional<Sha256> declared = Optional.ofNullable(metadata.sha256()).map(Sha256::parse);
    StoredBlob blob = put(upload.artifact(), declared, maxSize);
    String fileName = fileName(upload.artifactFileName());
    try {
      ModelVersion created =
          database.inTransaction(
              c -> {
                Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                VersionNumber number = models.nextVersion(c, model, caller.name(), now);
                versions.insert(
                    c,
                    model,
                    number,
                    metadata,
                    blob,
                    fileName,
                    baseline.isPresent(),
                    caller.name(),
                    now);
                if (baseline.isPresent()) {
                  baselines.insert(c, model, number, baseline.get(), now);
                }
                ModelVersion version = versions.find(c, model, number).orElseThrow();
                audit.record(
                    c,
                    caller,
                    "version.create",
                    "models/" + model + "/versions/" + number,
                    model.value(),
                    null,
                    version);
                events.append(c, EventType.VERSION_CREATED, model.value(), number, null, null);
                return version;
              });
      feed.wakeUp();
      return created;
    } catch (RuntimeException e) {
      if (blob.created()) {
        cleaner.deleteUnreferenced(List.of(blob.sha256()));
      }
      throw e;
    }
  }

  public ModelVersion get(ModelName model, VersionNumber version) {
    return database
        .read(c -> versions.find(c, model, version))
        .orElseThrow(
            () ->
                new NotFoundException(
                    "version " + version + " of model '" + model + "' not found"));
  }

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

  private StoredBlob put(Path artifact, Optional<Sha256> declared, long maxSize) {
    try (InputStream in = Files.newInputStream(artifact)) {
      return blobs.put(in, declared, maxSize);
    } catch (IOException e) {
      throw new StorageException("cannot store the artifact: " + e.getMessage(), e);
    }
  }

  private VersionMetadata parse(String metadataJson) {
    if (metadataJson == null || metadataJson.isBlank()) {
      throw new InvalidInputException("metadata", "the metadata part (JSON) is required");
    }
    try {
      return json.readValue(metadataJson, VersionMetadata.class);
    } catch (JsonMappingException e) {
      String path =
          e.getPath().stream()
              .map(
                  r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining());
      throw new InvalidInputException("metadata" + path, e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("metadata", "not valid JSON: " + e.getOriginalMessage());
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new StorageException("cannot read the uploaded artifact", e);
    }
  }

  private static String fileName(String original) {
    if (original == null || original.isBlank()) {
      return null;
    }
    String name =
        original.substring(Math.max(original.lastIndexOf('/'), original.lastIndexOf('\\')) + 1);
    return name.length() > 255 ? name.substring(0, 255) : name;
  }
}
