package dev.modelport.cli.suite;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Where a running suite answers: written by {@code modelport up} to {@code
 * <data-dir>/up.properties} once every service is ready, removed when it stops; read by the client
 * commands ({@code models}, {@code infer}, {@code demo}, ...) so that they work against a running
 * {@code up} with no options.
 *
 * @param pid the {@code modelport up} process
 * @param registry registry-service's base URL, e.g. {@code http://127.0.0.1:8090}
 * @param serving serving-service's REST base URL
 * @param servingGrpc serving-service's gRPC {@code host:port}
 * @param drift drift-monitor's base URL
 * @param kafka the broker's bootstrap servers
 */
public record SuiteEndpoints(
    long pid, URI registry, URI serving, String servingGrpc, URI drift, String kafka) {

  /** The file name inside the data folder. */
  public static final String FILE_NAME = "up.properties";

  /** The endpoints of an {@code up} started with the default ports, on this machine. */
  public static final SuiteEndpoints DEFAULTS =
      new SuiteEndpoints(
          0,
          URI.create("http://127.0.0.1:8090"),
          URI.create("http://127.0.0.1:8080"),
          "127.0.0.1:8081",
          URI.create("http://127.0.0.1:8092"),
          "127.0.0.1:9092");

  public SuiteEndpoints {
    Objects.requireNonNull(registry);
    Objects.requireNonNull(serving);
    Objects.requireNonNull(servingGrpc);
    Objects.requireNonNull(drift);
    Objects.requireNonNull(kafka);
  }

  /** The endpoints file of the data folder {@code dataDir}. */
  public static Path file(Path dataDir) {
    return dataDir.resolve(FILE_NAME);
  }

  /** Writes {@code file} atomically (a temporary file moved into place). */
  public void write(Path file) {
    Properties properties = new Properties();
    properties.setProperty("pid", Long.toString(pid));
    properties.setProperty("registry", registry.toString());
    properties.setProperty("serving", serving.toString());
    properties.setProperty("serving-grpc", servingGrpc);
    properties.setProperty("drift", drift.toString());
    properties.setProperty("kafka", kafka);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
      try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
        properties.store(writer, "modelport up: where the running suite answers");
      }
      Files.move(
          temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  /**
   * The endpoints recorded in {@code file}, or empty when there is no such file or it is not a
   * complete endpoints file.
   */
  public static Optional<SuiteEndpoints> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
      return Optional.of(
          new SuiteEndpoints(
              Long.parseLong(properties.getProperty("pid", "0")),
              URI.create(properties.getProperty("registry")),
              URI.create(properties.getProperty("serving")),
              properties.getProperty("serving-grpc"),
              URI.create(properties.getProperty("drift")),
              properties.getProperty("kafka")));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Whether the recorded {@code up} process is still alive. */
  public boolean processAlive() {
    return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
