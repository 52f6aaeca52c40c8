package dev.modelport.registry.model;

import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.registry.error.NotFoundException;
import dev.modelport.registry.storage.Sql;
import dev.modelport.registryclient.api.RegisteredModel;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SQL of the {@code models} and {@code model_tags} tables; every method runs on the caller's
 * connection.
 */
@ApplicationScoped
public class ModelRepository {

  public void insert(
      Connection c,
      ModelName name,
      String description,
      Map<String, String> tags,
      String actor,
      Instant now)
      throws SQLException {
    Sql.update(
        c,
        "INSERT INTO models (name, description, latest_version, created_by, created_at, updated_by, updated_at) "
            + "VALUES (?, ?, 0, ?, ?, ?, ?)",
        name.value(),
        description,
        actor,
        now,
        actor,
        now);
    insertTags(c, name, tags);
  }

  /** Locks the model's row until the transaction ends; false when there is no such model. */
  public boolean lock(Connection c, ModelName name) throws SQLException {
    return Sql.one(
            c,
            "SELECT name FROM models WHERE name = ? FOR UPDATE",
            r -> r.getString(1),
            name.value())
        .isPresent();
  }

  /**
   * Increments and returns the model's version counter (locking its row until the transaction
   * ends).
   */
  public VersionNumber nextVersion(Connection c, ModelName name, String actor, Instant now)
      throws SQLException {
    int updated =
        Sql.update(
            c,
            "UPDATE models SET latest_version = latest_version + 1, updated_by = ?, updated_at = ? WHERE name = ?",
            actor,
            now,
            name.value());
    if (updated == 0) {
      throw new NotFoundException("model '" + name + "' not found");
    }
    return Sql.one(
            c,
            "SELECT latest_version FROM models WHERE name = ?",
            r -> VersionNumber.of(r.getLong(1)),
            name.value())
        .orElseThrow();
  }

  public void update(
      Connection c,
      ModelName name,
      String description,
      Map<String, String> tags,
      String actor,
      Instant now)
      throws SQLException {
    Sql.update(
        c,
        "UPDATE models SET description = ?, updated_by = ?, updated_at = ? WHERE name = ?",
        description,
        actor,
        now,
        name.value());
    if (tags != null) {
      Sql.update(c, "DELETE FROM model_tags WHERE model = ?", name.value());
      insertTags(c, name, tags);
    }
  }

  public void delete(Connection c, ModelName name) throws SQLException {
    Sql.update(c, "DELETE FROM model_tags WHERE model = ?", name.value());
    Sql.update(c, "DELETE FROM models WHERE name = ?", name.value());
  }

  public Optional<RegisteredModel> find(Connection c, ModelName name) throws SQLException {
    Optional<RegisteredModel> row =
        Sql.one(
            c,
            "SELECT * FROM models WHERE name = ?",
            r ->
                new RegisteredModel(
                    r.getString("name"),
                    r.getString("description"),
                    Map.of(),
                    r.getInt("latest_version"),
                    Map.of(),
                    r.getString("created_by"),
                    Sql.instant(r, "created_at"),
                    r.getString("updated_by"),
                    Sql.instant(r, "updated_at")),
            name.value());
    if (row.isEmpty()) {
      return row;
    }
    RegisteredModel m = row.get();
    return Optional.of(
        new RegisteredModel(
            m.name(),
            m.description(),
            tags(c, m.name()),
            m.latestVersion(),
            aliases(c, m.name()),
            m.createdBy(),
            m.createdAt(),
            m.updatedBy(),
            m.updatedAt()));
  }

  /** Names of the models matching the filters, ordered by name. */
  public List<String> names(
      Connection c, String prefix, String tagKey, String tagValue, int offset, int limit)
      throws SQLException {
    Filter filter = filter(prefix, tagKey, tagValue);
    List<Object> params = new ArrayList<>(filter.params);
    params.add(limit);
    params.add(offset);
    return Sql.list(
        c,
        "SELECT name FROM models m" + filter.where + " ORDER BY name LIMIT ? OFFSET ?",
        r -> r.getString(1),
        params.toArray());
  }

  public long count(Connection c, String prefix, String tagKey, String tagValue)
      throws SQLException {
    Filter filter = filter(prefix, tagKey, tagValue);
    return Sql.one(
            c,
            "SELECT COUNT(*) FROM models m" + filter.where,
            r -> r.getLong(1),
            filter.params.toArray())
        .orElse(0L);
  }

  private record Filter(String where, List<Object> params) {}

  private static Filter filter(String prefix, String tagKey, String tagValue) {
    List<String> conditions = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    if (prefix != null && !prefix.isEmpty()) {
      conditions.add("m.name LIKE ? ESCAPE '\\'");
      params.add(Sql.likePrefix(prefix));
    }
    if (tagKey != null) {
      conditions.add(
          "EXISTS (SELECT 1 FROM model_tags t WHERE t.model = m.name AND t.tag_key = ?"
              + (tagValue == null ? ")" : " AND t.tag_value = ?)"));
      params.add(tagKey);
      if (tagValue != null) {
        params.add(tagValue);
      }
    }
    return new Filter(
        conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), params);
  }

  private static void insertTags(Connection c, ModelName name, Map<String, String> tags)
      throws SQLException {
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      Sql.update(
          c,
          "INSERT INTO model_tags (model, tag_key, tag_value) VALUES (?, ?, ?)",
          name.value(),
          tag.getKey(),
          tag.getValue());
    }
  }

  private static Map<String, String> tags(Connection c, String model) throws SQLException {
    Map<String, String> tags = new LinkedHashMap<>();
    for (String[] t :
        Sql.list(
            c,
            "SELECT tag_key, tag_value FROM model_tags WHERE model = ?",
            r -> new String[] {r.getString(1), r.getString(2)},
            model)) {
      tags.put(t[0], t[1]);
    }
    return tags;
  }

  private static Map<String, VersionNumber> aliases(Connection c, String model)
      throws SQLException {
    Map<String, VersionNumber> aliases = new LinkedHashMap<>();
    for (Map.Entry<String, VersionNumber> a :
        Sql.list(
            c,
            "SELECT alias, version FROM aliases WHERE model = ?",
            r -> Map.entry(r.getString(1), VersionNumber.of(r.getLong(2))),
            model)) {
      aliases.put(a.getKey(), a.getValue());
    }
    return aliases;
  }
}
