package dev.modelport.registry.security;

import dev.modelport.registry.RegistryConfig;
import dev.modelport.registry.storage.Sha256;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The known API keys, as SHA-256 hashes with a name and a role, from {@code
 * modelport.registry.security.api-keys.*} and the optional keys file (a mounted Kubernetes Secret).
 * Loaded once at startup; immutable and thread-safe afterwards. The keys themselves are never
 * stored: a presented key is hashed and looked up.
 */
@ApplicationScoped
@Startup // created at start-up, so that the warning about a registry without keys is logged then
public class ApiKeys {
  private static final Logger LOG = Logger.getLogger(ApiKeys.class);

  /**
   * How an operator adds a key, for the 401 answer and the start-up warning: the registry keeps
   * only hashes, so no key can be read back or created through the API.
   */
  public static final String HOW_TO_ADD_ONE =
      "to add a key, start the registry with modelport.registry.security.api-keys.\"<name>\".sha256"
          + " set to the hex SHA-256 of the key (printf %s \"$KEY\" | sha256sum) and"
          + " modelport.registry.security.api-keys.\"<name>\".role set to reader, publisher or"
          + " admin, or list name:role:sha256 lines in modelport.registry.security.api-keys-file";

  /** A known key. */
  public record Entry(String name, String role) {}

  private final Map<String, Entry> byHash;

  @Inject
  ApiKeys(RegistryConfig config) {
    Map<String, Entry> keys = new HashMap<>();
    config.security().apiKeys().forEach((name, key) -> add(keys, name, key.role(), key.sha256()));
    config.security().apiKeysFile().ifPresent(file -> keys.putAll(readFile(file)));
    this.byHash = Map.copyOf(keys);
    if (config.security().enabled() && byHash.isEmpty()) {
      LOG.warnf(
          "No API keys are configured: every %s is refused with 401; %s (or, on a laptop only,"
              + " modelport.registry.security.enabled=false)",
          config.security().anonymousRead() ? "write" : "call", HOW_TO_ADD_ONE);
    }
  }

  /** The entry of a presented key, if it is known. */
  public Optional<Entry> lookup(String presentedKey) {
    MessageDigest digest = Sha256.newDigest();
    byte[] hash = digest.digest(presentedKey.getBytes(StandardCharsets.UTF_8));
    return Optional.ofNullable(byHash.get(java.util.HexFormat.of().formatHex(hash)));
  }

  /**
   * Parses a keys file: one {@code name:role:sha256-hex} per line, blank lines and {@code #}
   * comments ignored.
   */
  static Map<String, Entry> readFile(Path file) {
    Map<String, Entry> keys = new HashMap<>();
    try {
      int lineNumber = 0;
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        lineNumber++;
        String trimmed = line.trim();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        String[] fields = trimmed.split(":");
        if (fields.length != 3) {
          throw new IllegalStateException(
              file + ":" + lineNumber + ": expected name:role:sha256-hex");
        }
        add(keys, fields[0].trim(), fields[1].trim(), fields[2].trim());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the API keys file " + file, e);
    }
    return keys;
  }

  private static void add(Map<String, Entry> keys, String name, String role, String sha256) {
    Roles.grantedBy(role);
    keys.put(Sha256.parse(sha256).hex(), new Entry(name, role));
  }
}
