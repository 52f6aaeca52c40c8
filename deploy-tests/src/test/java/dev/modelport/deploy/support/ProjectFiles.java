package dev.modelport.deploy.support;

import dev.modelport.testsupport.ExampleModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the deployment files live in this checkout: the chart, its alert rules and dashboards. */
public final class ProjectFiles {

  private ProjectFiles() {}

  public static Path root() {
    return ExampleModels.projectRoot();
  }

  public static Path chart() {
    return root().resolve("helm").resolve("modelport");
  }

  /** An example values file of the chart ({@code helm/modelport/examples/<name>}). */
  public static Path chartExample(String name) {
    return chart().resolve("examples").resolve(name);
  }

  /** The plain Prometheus rules file that the PrometheusRule and compose's Prometheus load. */
  public static Path alertRules() {
    return chart().resolve("files").resolve("alerts").resolve("modelport-rules.yaml");
  }

  /** The Grafana dashboards, sorted by name. */
  public static List<Path> dashboards() {
    try (Stream<Path> files = Files.list(chart().resolve("files").resolve("dashboards"))) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path docker() {
    return root().resolve("docker");
  }

  public static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
