package dev.modelport.registry.storage;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns {@code modelport.registry.database=h2|postgresql} into the {@code active} flags of the two
 * named datasources {@code embedded} (H2) and {@code postgresql}. Quarkus fixes a datasource's
 * db-kind at build time, so the application is built with both and activates one at startup; this
 * source sits just above application.properties (ordinal 260), so an explicit {@code
 * quarkus.datasource."x".active} in the environment or system properties still wins.
 */
public final class DatabaseSelection implements ConfigSourceFactory {
  static final List<String> DATASOURCES = List.of("embedded", "postgresql");

  @Override
  public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
    ConfigValue value = context.getValue("modelport.registry.database");
    String kind =
        value == null || value.getValue() == null
            ? "h2"
            : value.getValue().trim().toLowerCase(Locale.ROOT);
    String selected = "h2".equals(kind) ? "embedded" : kind;
    Map<String, String> flags = new java.util.HashMap<>();
    for (String name : DATASOURCES) {
      flags.put("quarkus.datasource." + name + ".active", Boolean.toString(name.equals(selected)));
    }
    return List.of(new PropertiesConfigSource(flags, "modelport-database-selection", 260));
  }
}
