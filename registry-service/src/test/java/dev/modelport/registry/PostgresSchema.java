package dev.modelport.registry;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * A schema with a random name in the test database, pointed at by the registry and dropped at the
 * end.
 */
public class PostgresSchema implements QuarkusTestResourceLifecycleManager {
  static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private final String schema =
      "registry_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  @Override
  public Map<String, String> start() {
    execute("CREATE SCHEMA " + schema);
    return Map.of(
        "quarkus.datasource.postgresql.jdbc.url",
        URL + "?currentSchema=" + schema,
        "quarkus.datasource.postgresql.username",
        "postgres",
        "quarkus.datasource.postgresql.password",
        "",
        "quarkus.flyway.postgresql.schemas",
        schema,
        "quarkus.flyway.postgresql.default-schema",
        schema);
  }

  @Override
  public void stop() {
    execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }

  private static void execute(String sql) {
    try (Connection c = DriverManager.getConnection(URL, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL on 127.0.0.1:5432 (database test, user postgres) is needed: "
              + e.getMessage(),
          e);
    }
  }
}
