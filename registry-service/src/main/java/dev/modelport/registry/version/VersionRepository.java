package dev.modelport.registry.version;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.registry.model.ModelName;
import dev.modelport.registry.storage.Sha256;
import dev.modelport.registry.storage.Sql;
import dev.modelport.registry.storage.StoredBlob;
import dev.modelport.registryclient.api.Artifact;
import dev.modelport.registryclient.api.ArtifactFormat;
import dev.modelport.registryclient.api.ModelVersion;
import dev.modelport.registryclient.api.VersionMetadata;
import dev.modelport.registryclient.api.VersionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * SQL of the {@code model_versions} table. The upload's metadata is stored as one JSON document
 * (the {@link VersionMetadata} record); the artifact's digest, size and format are columns.
 */
@ApplicationScoped
public class VersionRepository {
  private final ObjectMapper json;

  @Inject
  VersionRepository(ObjectMapper json) {
    this.json = json;
  }

  public void insert(
      Connection c,
      ModelName model,
      VersionNumber version,
      VersionMetadata metadata,
      StoredBlob blob,
      String fileName,
      boolean hasBaseline,
      String actor,
      Instant now)
      throws SQLException {
    Sql.update(
        c,
        "INSERT INTO model_versions (model, version, status, artifact_format, artifact_sha256, artifact_size, "
            + "file_name, metadata, has_baseline, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        model.value(),
        version,
        VersionStatus.READY.name(),
        metadata.format().wireName(),
        blob.sha256().hex(),
        blob.size(),
        fileName,
        toJson(metadata),
        hasBaseline,
        actor,
        now);
  }

  public Optional<ModelVersion> find(Connection c, ModelName model, VersionNumber version)
      throws SQLException {
    return Sql.one(
        c,
        "SELECT * FROM model_versions WHERE model = ? AND version = ?",
        this::version,
        model.value(),
        version);
  }

  public List<ModelVersion> list(Connection c, ModelName model, int offset, int limit)
      throws SQLException {
    return Sql.list(
        c,
        "SELECT * FROM model_versions WHERE model = ? ORDER BY version LIMIT ? OFFSET ?",
        this::version,
        model.value(),
        limit,
        offset);
  }

  public long count(Connection c, ModelName model) throws SQLException {
    return Sql.one(
            c,
            "SELECT COUNT(*) FROM model_versions WHERE model = ?",
            r -> r.getLong(1),
            model.value())
        .orElse(0L);
  }

  /**
   * Deletes all versions of a model with their baselines; returns the artifact digests they used.
   */
  public List<Sha256> deleteAll(Connection c, ModelName model) throws SQLException {
    List<Sha256> digests =
        Sql.list(
            c,
            "SELECT DISTINCT artifact_sha256 FROM model_versions WHERE model = ?",
            r -> new Sha256(r.getString(1).trim()),
            model.value());
    Sql.update(c, "DELETE FROM baselines WHERE model = ?", model.value());
    Sql.update(c, "DELETE FROM model_versions WHERE model = ?", model.value());
    return digests;
  }

  /** Whether any version of any model uses this artifact. */
  public boolean isReferenced(Connection c, Sha256 digest) throws SQLException {
    return Sql.one(
                c,
                "SELECT COUNT(*) FROM model_versions WHERE artifact_sha256 = ?",
                r -> r.getLong(1),
                digest.hex())
            .orElse(0L)
        > 0;
  }

  private ModelVersion version(ResultSet r) throws SQLException {
    VersionMetadata m = fromJson(r.getString("metadata"));
    Artifact artifact =
        new Artifact(
            ArtifactFormat.of(r.getString("artifact_format")),
            r.getLong("artifact_size"),
            r.getString("artifact_sha256").trim(),
            r.getString("file_name"));
    return new ModelVersion(
        r.getString("model"),
        VersionNumber.of(r.getLong("version")),
        VersionStatus.valueOf(r.getString("status")),
        artifact,
        m.signature(),
        m.serving(),
        m.metrics(),
        m.params(),
        m.lineage(),
        m.tags(),
        m.description(),
        r.getBoolean("has_baseline"),
        r.getString("created_by"),
        Sql.instant(r, "created_at"));
  }

  private String toJson(VersionMetadata metadata) {
    try {
      return json.writeValueAsString(metadata);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise version metadata", e);
    }
  }

  private VersionMetadata fromJson(String text) {
    try {
      return json.readValue(text, VersionMetadata.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt version metadata in the database", e);
    }
  }
}
