package dev.modelport.registry.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.registry.security.Caller;
import dev.modelport.registry.storage.RegistryDatabase;
import dev.modelport.registry.storage.Sql;
import dev.modelport.registryclient.api.AliasChange;
import dev.modelport.registryclient.api.AuditEntry;
import dev.modelport.registryclient.api.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The audit trail: every write appends one entry inside its own transaction, so the log holds
 * exactly the writes that committed, with the state before and after as JSON. Thread-safe.
 */
@ApplicationScoped
public class AuditLog {
  private final ObjectMapper json;
  private final RegistryDatabase database;

  @Inject
  AuditLog(ObjectMapper json, RegistryDatabase database) {
    this.json = json;
    this.database = database;
  }

  /** Appends an entry on the writing transaction's connection. */
  public void record(
      Connection c,
      Caller caller,
      String action,
      String target,
      String model,
      Object before,
      Object after)
      throws SQLException {
    Sql.update(
        c,
        "INSERT INTO audit_log (actor, action, target, model, before_state, after_state, occurred_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?)",
        caller.name(),
        action,
        target,
        model,
        toJson(before),
        toJson(after),
        Instant.now().truncatedTo(ChronoUnit.MICROS));
  }

  /**
   * Entries with id above {@code afterId}, oldest first; of one model when {@code model} is not
   * null.
   */
  public List<AuditEntry> list(String model, long afterId, int limit) {
    return database.read(
        c ->
            model == null
                ? Sql.list(
                    c,
                    "SELECT * FROM audit_log WHERE id > ? ORDER BY id LIMIT ?",
                    this::entry,
                    afterId,
                    limit)
                : Sql.list(
                    c,
                    "SELECT * FROM audit_log WHERE model = ? AND id > ? ORDER BY id LIMIT ?",
                    this::entry,
                    model,
                    afterId,
                    limit));
  }

  /**
   * The changes of one alias ({@code alias.set}, {@code alias.delete} entries on {@code target}),
   * newest first, one page; {@code total} counts them all.
   */
  public Page<AliasChange> aliasChanges(
      String model, String alias, String target, int offset, int limit) {
    return database.read(
        c -> {
          List<AliasChange> items =
              Sql.list(
                  c,
                  "SELECT * FROM audit_log WHERE model = ? AND target = ?"
                      + " AND action IN ('alias.set', 'alias.delete')"
                      + " ORDER BY id DESC LIMIT ? OFFSET ?",
                  row -> aliasChange(row, model, alias),
                  model,
                  target,
                  limit,
                  offset);
          long total =
              Sql.one(
                      c,
                      "SELECT COUNT(*) FROM audit_log WHERE model = ? AND target = ?"
                          + " AND action IN ('alias.set', 'alias.delete')",
                      r -> r.getLong(1),
                      model,
                      target)
                  .orElse(0L);
          return new Page<>(items, offset, limit, total);
        });
  }

  private AliasChange aliasChange(ResultSet row, String model, String alias) throws SQLException {
    return new AliasChange(
        row.getLong("id"),
        model,
        alias,
        row.getString("action"),
        versionOf(fromJson(row.getString("after_state"))),
        versionOf(fromJson(row.getString("before_state"))),
        row.getString("actor"),
        Sql.instant(row, "occurred_at"));
  }

  private static VersionNumber versionOf(JsonNode alias) {
    if (alias == null || !alias.hasNonNull("version")) {
      return null;
    }
    return VersionNumber.of(alias.get("version").asLong());
  }

  private AuditEntry entry(ResultSet row) throws SQLException {
    return new AuditEntry(
        row.getLong("id"),
        row.getString("actor"),
        row.getString("action"),
        row.getString("target"),
        fromJson(row.getString("before_state")),
        fromJson(row.getString("after_state")),
        Sql.instant(row, "occurred_at"));
  }

  private String toJson(Object state) {
    try {
      return state == null ? null : json.writeValueAsString(state);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise audit state", e);
    }
  }

  private JsonNode fromJson(String text) {
    try {
      return text == null ? null : json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt audit state", e);
    }
  }
}
