package dev.modelport.deploy.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders and lints {@code helm/modelport} with helm-java (Helm's Go library through JNI; no helm
 * binary, nothing downloaded). {@code helm lint} of helm-java takes no values file, so a values set
 * is linted on a copy of the chart whose {@code values.yaml} is the chart's defaults merged with
 * the set, which is what {@code helm lint -f} checks.
 */
public final class ChartRenderer {

  /** Release namespace of every render. */
  public static final String NAMESPACE = "ml";

  /** Release name of every render. */
  public static final String RELEASE = "mp";

  private static final YAMLMapper YAML = new YAMLMapper();

  private final Path valuesFile;
  private final Map<String, Object> sets = new LinkedHashMap<>();

  private ChartRenderer(Path valuesFile) {
    this.valuesFile = valuesFile;
  }

  /** The chart's default values. */
  public static ChartRenderer defaults() {
    return new ChartRenderer(null);
  }

  /** The defaults overridden by one of the chart's examples ({@code examples/<name>}). */
  public static ChartRenderer example(String name) {
    return new ChartRenderer(ProjectFiles.chartExample(name));
  }

  /** Adds a {@code --set key=value}. */
  public ChartRenderer set(String key, Object value) {
    sets.put(key, value);
    return this;
  }

  /** {@code helm template} of release {@link #RELEASE} in {@link #NAMESPACE}. */
  public String template() {
    TemplateCommand command =
        new Helm(ProjectFiles.chart())
            .template()
            .withName(RELEASE)
            .withNamespace(NAMESPACE)
            .withKubeVersion("1.34.0");
    if (valuesFile != null) {
      command = command.withValuesFile(valuesFile);
    }
    for (Map.Entry<String, Object> e : sets.entrySet()) {
      command = command.set(e.getKey(), e.getValue());
    }
    return command.call();
  }

  /** {@code helm template}, parsed strictly into fabric8's typed model. */
  public RenderedManifests render() {
    return RenderedManifests.parse(template());
  }

  /** {@code helm lint --strict} with these values ({@code --set}s are not supported here). */
  public LintResult lintStrict(Path workDir) {
    if (!sets.isEmpty()) {
      throw new IllegalStateException("lint takes a values file, not --set");
    }
    Path chart = valuesFile == null ? ProjectFiles.chart() : mergedCopy(workDir);
    return new Helm(chart).lint().strict().call();
  }

  private Path mergedCopy(Path workDir) {
    try {
      Path copy = workDir.resolve("modelport");
      copyTree(ProjectFiles.chart(), copy);
      JsonNode merged = YAML.readTree(ProjectFiles.chart().resolve("values.yaml").toFile());
      merge((ObjectNode) merged, YAML.readTree(valuesFile.toFile()));
      YAML.writeValue(copy.resolve("values.yaml").toFile(), merged);
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Helm's coalescing: maps merge key by key, anything else is replaced. */
  static void merge(ObjectNode into, JsonNode from) {
    for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode old = into.get(e.getKey());
      if (old instanceof ObjectNode o && e.getValue().isObject()) {
        merge(o, e.getValue());
      } else {
        into.set(e.getKey(), e.getValue());
      }
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            Files.createDirectories(to.resolve(from.relativize(dir).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.copy(
                file,
                to.resolve(from.relativize(file).toString()),
                StandardCopyOption.REPLACE_EXISTING);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
