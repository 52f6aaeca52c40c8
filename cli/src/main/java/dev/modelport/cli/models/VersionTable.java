package dev.modelport.cli.models;

import dev.modelport.cli.connect.Registry;
import dev.modelport.cli.console.TextTable;
import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.registryclient.api.ModelVersion;
import dev.modelport.registryclient.api.Page;
import dev.modelport.registryclient.api.RegisteredModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The versions of a model as a table: number, format, size, baseline, aliases, metrics, date. */
final class VersionTable {
  private static final int PAGE = 100;

  private VersionTable() {}

  static TextTable of(Registry registry, RegisteredModel model) {
    TextTable table =
        new TextTable("VERSION", "FORMAT", "SIZE", "BASELINE", "ALIASES", "METRICS", "CREATED");
    for (ModelVersion v : all(registry, model.name())) {
      table.row(
          v.version().toString(),
          v.artifact().format().wireName(),
          size(v.artifact().size()),
          v.hasBaseline() ? "yes" : "no",
          aliasesOf(model.aliases(), v.version()),
          new TreeMap<>(v.metrics())
              .entrySet().stream()
                  .map(e -> e.getKey() + "=" + e.getValue())
                  .collect(Collectors.joining(", ")),
          v.createdAt() == null ? "" : v.createdAt().toString());
    }
    return table;
  }

  private static List<ModelVersion> all(Registry registry, String model) {
    List<ModelVersion> versions = new ArrayList<>();
    Page<ModelVersion> page;
    do {
      int from = versions.size();
      page = registry.call(c -> c.listVersions(model, from, PAGE));
      versions.addAll(page.items());
    } while (page.hasMore() && !page.items().isEmpty());
    return versions;
  }

  private static String aliasesOf(Map<String, VersionNumber> aliases, VersionNumber version) {
    return new TreeMap<>(aliases)
        .entrySet().stream()
            .filter(e -> e.getValue().equals(version))
            .map(Map.Entry::getKey)
            .collect(Collectors.joining(", "));
  }

  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format(java.util.Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
    return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
  }
}
