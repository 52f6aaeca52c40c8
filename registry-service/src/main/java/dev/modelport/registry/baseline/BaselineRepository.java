package dev.modelport.registry.baseline;

import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.registry.model.ModelName;
import dev.modelport.registry.storage.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** SQL of the {@code baselines} table: one profile JSON per version, written with the version. */
@ApplicationScoped
public class BaselineRepository {

  public void insert(
      Connection c, ModelName model, VersionNumber version, String profileJson, Instant now)
      throws SQLException {
    Sql.update(
        c,
        "INSERT INTO baselines (model, version, profile, created_at) VALUES (?, ?, ?, ?)",
        model.value(),
        version,
        profileJson,
        now);
  }

  public Optional<String> find(Connection c, ModelName model, VersionNumber version)
      throws SQLException {
    return Sql.one(
        c,
        "SELECT profile FROM baselines WHERE model = ? AND version = ?",
        r -> r.getString(1),
        model.value(),
        version);
  }
}
