package dev.modelport.deploy.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The documents of one {@code helm template}, each bound to its typed fabric8 class by {@link
 * StrictKubernetesYaml} (so an unknown field or kind fails the parse). Immutable.
 */
public final class RenderedManifests {

  private final List<HasMetadata> documents;

  private RenderedManifests(List<HasMetadata> documents) {
    this.documents = List.copyOf(documents);
  }

  /** Parses a multi-document YAML stream; empty documents are skipped. */
  public static RenderedManifests parse(String yaml) {
    List<HasMetadata> out = new ArrayList<>();
    try (MappingIterator<JsonNode> it =
        StrictKubernetesYaml.mapper().readerFor(JsonNode.class).readValues(yaml)) {
      while (it.hasNext()) {
        JsonNode doc = it.next();
        if (doc == null || doc.isNull() || doc.isMissingNode() || doc.isEmpty()) {
          continue;
        }
        try {
          out.add(StrictKubernetesYaml.bind(doc));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              doc.path("kind").asText()
                  + " "
                  + doc.path("metadata").path("name").asText()
                  + ": "
                  + e.getMessage(),
              e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new RenderedManifests(out);
  }

  public List<HasMetadata> all() {
    return documents;
  }

  /** Every document of a typed class. */
  public <T extends HasMetadata> List<T> of(Class<T> type) {
    return documents.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The document of {@code type} named {@code name}. */
  public <T extends HasMetadata> T named(Class<T> type, String name) {
    return of(type).stream()
        .filter(d -> name.equals(d.getMetadata().getName()))
        .findFirst()
        .orElseThrow(
            () ->
                new NoSuchElementException(
                    "no " + type.getSimpleName() + " named " + name + " among " + names()));
  }

  /** The custom resources of {@code kind} that fabric8 has no class for. */
  public List<GenericKubernetesResource> generic(String kind) {
    return of(GenericKubernetesResource.class).stream()
        .filter(r -> kind.equals(r.getKind()))
        .toList();
  }

  /** The Deployment of a component (registry, serving, drift-monitor). */
  public Deployment deployment(String component) {
    return named(Deployment.class, Names.of(component));
  }

  /** The ConfigMap of a component's {@code application.properties}. */
  public ConfigMap config(String component) {
    return named(ConfigMap.class, Names.of(component));
  }

  /** kind/name of every document. */
  public List<String> names() {
    return documents.stream().map(d -> d.getKind() + "/" + d.getMetadata().getName()).toList();
  }
}
