package dev.modelport.registry.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.registry.security.Caller;
import dev.modelport.registry.storage.RegistryDatabase;
import dev.modelport.registry.storage.Sql;
import dev.modelport.registryclient.api.AuditEntry;
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
