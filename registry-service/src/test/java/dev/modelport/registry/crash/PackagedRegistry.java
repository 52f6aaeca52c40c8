package dev.modelport.registry.crash;

import dev.modelport.registryclient.RegistryClient;
import dev.modelport.testsupport.PackagedService;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

/**
 * Settings shared by the ITs that run the packaged registry ({@code target/quarkus-app}) as a
 * process: a data folder under {@code target/}, one admin key, H2 or a fresh PostgreSQL schema.
 */
public final class PackagedRegistry {
  public static final String ADMIN_KEY = "it-admin-key";
  public static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";

  private PackagedRegistry() {}

  /** A new empty folder under {@code target/}. */
  public static Path workDir(String name) throws IOException {
    return Files.createTempDirectory(Path.of("target").toAbsolutePath(), name);
  }

  /** A builder with the data folder, a free port and the admin key set. */
  public static PackagedService.Builder builder(Path work, int port, String logName)
      throws IOException {
    Files.createDirectories(work.resolve("tmp"));
    return PackagedService.of("registry-service")
        .httpPort(port)
        .jvmArg("-Xmx256m")
        .jvmArg("-Djava.io.tmpdir=" + work.resolve("tmp"))
        .property("modelport.registry.data-dir", work)
        .property("modelport.registry.upload.max-size", "64M")
        .property("modelport.registry.security.api-keys.it.sha256", sha256Hex(ADMIN_KEY))
        .property("modelport.registry.security.api-keys.it.role", "admin")
        .workDir(work)
        .log(Path.of("target", logName).toAbsolutePath());
  }

  /** Points {@code builder} at a new schema of the test database; returns the schema's name. */
  public static String usePostgres(PackagedService.Builder builder) {
    String schema = "registry_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    executePostgres("CREATE SCHEMA " + schema);
    Map.of(
            "modelport.registry.database",
            "postgresql",
            "quarkus.datasource.postgresql.jdbc.url",
            POSTGRES_URL + "?currentSchema=" + schema,
            "quarkus.datasource.postgresql.username",
            "postgres",
            "quarkus.datasource.postgresql.password",
            "",
            "quarkus.flyway.postgresql.schemas",
            schema,
            "quarkus.flyway.postgresql.default-schema",
            schema)
        .forEach(builder::property);
    return schema;
  }

  public static void dropPostgresSchema(String schema) {
    executePostgres("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }

  /** A client of the registry on {@code port} with the admin key. */
  public static RegistryClient client(int port) {
    return RegistryClient.builder(URI.create("http://127.0.0.1:" + port))
        .apiKey(ADMIN_KEY)
        .requestTimeout(Duration.ofSeconds(60))
        .build();
  }

  static String sha256Hex(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void executePostgres(String sql) {
    try (Connection c = DriverManager.getConnection(POSTGRES_URL, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL at 127.0.0.1:5432 is needed: " + e, e);
    }
  }
}
