package dev.modelport.registry.events;

import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.registry.storage.RegistryDatabase;
import dev.modelport.registry.storage.Sql;
import dev.modelport.registryclient.api.ChangeEvent;
import dev.modelport.registryclient.api.EventType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The change feed's table. {@link #append} takes the next sequence number from the single {@code
 * event_counter} row inside the writing transaction; the row lock it holds until commit makes
 * sequence numbers gap-free and committed in order, so "events after N" never skips one that
 * commits later. Call it as the last statement of a write to keep that lock short.
 */
@ApplicationScoped
public class EventLog {
  private final RegistryDatabase database;

  @Inject
  EventLog(RegistryDatabase database) {
    this.database = database;
  }

  /** Appends an event on the writing transaction's connection and returns its sequence number. */
  public long append(
      Connection c,
      EventType type,
      String model,
      VersionNumber version,
      String alias,
      VersionNumber previousVersion)
      throws SQLException {
    Sql.update(c, "UPDATE event_counter SET last_seq = last_seq + 1 WHERE id = 1");
    long seq =
        Sql.one(c, "SELECT last_seq FROM event_counter WHERE id = 1", r -> r.getLong(1))
            .orElseThrow();
    Sql.update(
        c,
        "INSERT INTO events (seq, event_type, model, version, alias, previous_version, occurred_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?)",
        seq,
        type.wireName(),
        model,
        version,
        alias,
        previousVersion,
        Instant.now().truncatedTo(ChronoUnit.MICROS));
    return seq;
  }

  /** Committed events with a sequence above {@code after}, in order. */
  public List<ChangeEvent> after(long after, int limit) {
    return database.read(
        c ->
            Sql.list(
                c,
                "SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?",
                EventLog::event,
                after,
                limit));
  }

  /** Highest committed sequence number, 0 when there is none. */
  public long lastSeq() {
    return database.read(
        c ->
            Sql.one(c, "SELECT last_seq FROM event_counter WHERE id = 1", r -> r.getLong(1))
                .orElse(0L));
  }

  private static ChangeEvent event(ResultSet row) throws SQLException {
    return new ChangeEvent(
        row.getLong("seq"),
        EventType.of(row.getString("event_type")),
        row.getString("model"),
        version(row, "version"),
        row.getString("alias"),
        version(row, "previous_version"),
        Sql.instant(row, "occurred_at"));
  }

  private static VersionNumber version(ResultSet row, String column) throws SQLException {
    long value = row.getLong(column);
    return row.wasNull() ? null : VersionNumber.of(value);
  }
}
