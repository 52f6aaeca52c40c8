package dev.modelport.cli.up;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Per-service settings of {@code modelport up}: lines {@code <service>.<key>=<value>} where {@code
 * service} is {@code registry}, {@code serving} or {@code drift}, from {@code --config FILE} and
 * {@code --set} (which wins). Each becomes {@code -D<key>=<value>} of that service's JVM, after the
 * settings {@code up} makes itself, so it overrides them. System properties, unlike environment
 * variables, can name per-model keys with hyphens and quotes ({@code
 * modelport.drift.models."breast-cancer-mlp".window.max-rows}). Immutable.
 */
public final class ServiceSettings {

  /** No settings. */
  public static final ServiceSettings NONE = new ServiceSettings(new EnumMap<>(Service.class));

  private final Map<Service, Map<String, String>> byService;

  private ServiceSettings(Map<Service, Map<String, String>> byService) {
    this.byService = byService;
  }

  /**
   * The settings of {@code configFile} (a properties file, may be null) overridden by {@code sets},
   * in that order.
   *
   * @throws IllegalArgumentException naming the line, its source and the problem (an unknown
   *     service prefix, no {@code =}, no key, an unreadable file)
   */
  public static ServiceSettings parse(Path configFile, List<String> sets) {
    Map<Service, Map<String, String>> byService = new EnumMap<>(Service.class);
    if (configFile != null) {
      Properties file = load(configFile);
      // Properties keeps no order: sorted keys give the command line a stable order.
      new TreeMap<>(file)
          .forEach(
              (k, v) ->
                  put(
                      byService,
                      k.toString(),
                      v.toString(),
                      k + "=" + v,
                      "--config " + configFile));
    }
    for (String set : sets) {
      int eq = set.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException(
            "--set '" + set + "' has no '=': write --set <service>.<key>=<value>");
      }
      put(byService, set.substring(0, eq).trim(), set.substring(eq + 1), set, "--set");
    }
    return new ServiceSettings(byService);
  }

  /** The {@code -D} settings of {@code service}, in the order given. */
  public Map<String, String> of(Service service) {
    return Collections.unmodifiableMap(byService.getOrDefault(service, Map.of()));
  }

  private static void put(
      Map<Service, Map<String, String>> byService,
      String qualifiedKey,
      String value,
      String line,
      String source) {
    int dot = qualifiedKey.indexOf('.');
    String prefix = dot < 0 ? qualifiedKey : qualifiedKey.substring(0, dot);
    Service service =
        Service.byShortName(prefix)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        source
                            + " '"
                            + line
                            + "': unknown service '"
                            + prefix
                            + "'; the key must start with one of "
                            + prefixes()
                            + ", e.g. serving.modelport.serving.events.sample-rate=0.5"));
    String key = dot < 0 ? "" : qualifiedKey.substring(dot + 1).trim();
    if (key.isEmpty()) {
      throw new IllegalArgumentException(
          source + " '" + line + "': no key after '" + prefix + ".'");
    }
    byService.computeIfAbsent(service, s -> new LinkedHashMap<>()).put(key, value);
  }

  private static String prefixes() {
    return Arrays.stream(Service.values())
        .map(s -> s.shortName() + ".")
        .collect(Collectors.joining(", "));
  }

  private static Properties load(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "--config " + file + " cannot be read (" + e.getMessage() + ")", e);
    }
    return properties;
  }
}
