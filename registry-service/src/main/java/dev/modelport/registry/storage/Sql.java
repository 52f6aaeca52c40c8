package dev.modelport.registry.storage;

import dev.modelport.protocol.model.VersionNumber;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Prepared-statement shorthands for the repositories: parameters bound in order ({@link Instant} as
 * TIMESTAMP WITH TIME ZONE in UTC, {@link VersionNumber} as its number for the INTEGER version
 * columns, everything else with {@code setObject}), rows mapped by a {@link RowMapper}.
 */
public final class Sql {
  private Sql() {}

  /** Maps the current row of a result set. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  public static <T> List<T> list(Connection c, String sql, RowMapper<T> mapper, Object... params)
      throws SQLException {
    try (PreparedStatement statement = prepare(c, sql, params);
        ResultSet rows = statement.executeQuery()) {
      List<T> result = new ArrayList<>();
      while (rows.next()) {
        result.add(mapper.map(rows));
      }
      return result;
    }
  }

  public static <T> Optional<T> one(Connection c, String sql, RowMapper<T> mapper, Object... params)
      throws SQLException {
    List<T> rows = list(c, sql, mapper, params);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  public static int update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement statement = prepare(c, sql, params)) {
      return statement.executeUpdate();
    }
  }

  public static Instant instant(ResultSet row, String column) throws SQLException {
    OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /**
   * Escapes LIKE wildcards so that {@code value} matches literally (use with {@code ESCAPE '\'}).
   */
  public static String likePrefix(String value) {
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... params)
      throws SQLException {
    PreparedStatement statement = c.prepareStatement(sql);
    for (int i = 0; i < params.length; i++) {
      Object p = params[i];
      if (p instanceof Instant instant) {
        statement.setObject(i + 1, instant.atOffset(ZoneOffset.UTC));
      } else if (p instanceof VersionNumber version) {
        statement.setLong(i + 1, version.value());
      } else {
        statement.setObject(i + 1, p);
      }
    }
    return statement;
  }
}
