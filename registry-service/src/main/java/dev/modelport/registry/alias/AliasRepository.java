package dev.modelport.registry.alias;

import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.registry.model.ModelName;
import dev.modelport.registry.storage.Sql;
import dev.modelport.registryclient.api.Alias;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** SQL of the {@code aliases} table; callers hold the model's row lock while writing. */
@ApplicationScoped
public class AliasRepository {

  public Optional<Alias> find(Connection c, ModelName model, AliasName alias) throws SQLException {
    return Sql.one(
        c,
        "SELECT * FROM aliases WHERE model = ? AND alias = ?",
        AliasRepository::alias,
        model.value(),
        alias.value());
  }

  public List<Alias> list(Connection c, ModelName model) throws SQLException {
    return Sql.list(
        c,
        "SELECT * FROM aliases WHERE model = ? ORDER BY alias",
        AliasRepository::alias,
        model.value());
  }

  /** Creates the alias or moves it to {@code version}. */
  public void upsert(
      Connection c,
      ModelName model,
      AliasName alias,
      VersionNumber version,
      String actor,
      Instant now)
      throws SQLException {
    int updated =
        Sql.update(
            c,
            "UPDATE aliases SET version = ?, updated_by = ?, updated_at = ? WHERE model = ? AND alias = ?",
            version,
            actor,
            now,
            model.value(),
            alias.value());
    if (updated == 0) {
      Sql.update(
          c,
          "INSERT INTO aliases (model, alias, version, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)",
          model.value(),
          alias.value(),
          version,
          actor,
          now);
    }
  }

  public void delete(Connection c, ModelName model, AliasName alias) throws SQLException {
    Sql.update(
        c, "DELETE FROM aliases WHERE model = ? AND alias = ?", model.value(), alias.value());
  }

  private static Alias alias(ResultSet r) throws SQLException {
    return new Alias(
        r.getString("model"),
        r.getString("alias"),
        VersionNumber.of(r.getLong("version")),
        r.getString("updated_by"),
        Sql.instant(r, "updated_at"));
  }
}
