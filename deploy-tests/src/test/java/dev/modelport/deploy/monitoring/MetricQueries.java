package dev.modelport.deploy.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.deploy.support.ChartRenderer;
import dev.modelport.deploy.support.Names;
import dev.modelport.deploy.support.ProjectFiles;
import dev.modelport.deploy.support.RenderedManifests;
import dev.modelport.deploy.support.StrictKubernetesYaml;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every query that operators see and that names a Modelport metric: the dashboards' panel targets
 * and template variables, the alert rules, the HPA's per-pod metric and KEDA's Prometheus query.
 */
public final class MetricQueries {

  /** One query and where it is used ({@code dashboards/serving.json: Throughput …}). */
  public record Query(String source, String expr) {
    public Set<String> names() {
      return PromQlNames.of(expr);
    }
  }

  /** Names Prometheus itself makes (not exported by a service). */
  public static final Set<String> PROMETHEUS_SERIES = Set.of("up");

  private MetricQueries() {}

  public static List<Query> all() {
    List<Query> out = new ArrayList<>();
    out.addAll(dashboards());
    out.addAll(alertRules());
    out.addAll(autoscaling());
    return out;
  }

  /** Panel targets (also inside collapsed rows) and query variables of every dashboard. */
  public static List<Query> dashboards() {
    List<Query> out = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (Path file : ProjectFiles.dashboards()) {
      JsonNode dashboard;
      try {
        dashboard = json.readTree(file.toFile());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      String name = "dashboards/" + file.getFileName();
      collectPanels(dashboard.path("panels"), name, "", out);
      for (JsonNode v : dashboard.path("templating").path("list")) {
        if ("query".equals(v.path("type").asText())) {
          JsonNode q = v.path("query");
          String expr = q.isTextual() ? q.asText() : q.path("query").asText();
          out.add(new Query(name + ": variable " + v.path("name").asText(), expr));
        }
      }
    }
    return out;
  }

  /** Panels in dashboard order; a row's title names the panels after it (until the next row). */
  private static void collectPanels(JsonNode panels, String name, String row, List<Query> out) {
    String current = row;
    for (JsonNode panel : panels) {
      if ("row".equals(panel.path("type").asText())) {
        current = panel.path("title").asText();
        collectPanels(panel.path("panels"), name, current, out);
        continue;
      }
      for (JsonNode target : panel.path("targets")) {
        if (target.hasNonNull("expr")) {
          out.add(
              new Query(
                  name + ": [" + current + "] " + panel.path("title").asText(),
                  target.get("expr").asText()));
        }
      }
    }
  }

  /** The {@code expr} of every rule of the rules file. */
  public static List<Query> alertRules() {
    List<Query> out = new ArrayList<>();
    JsonNode rules;
    try {
      rules = StrictKubernetesYaml.mapper().readTree(ProjectFiles.alertRules().toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (JsonNode group : rules.path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        String id =
            rule.hasNonNull("alert") ? rule.get("alert").asText() : rule.path("record").asText();
        out.add(
            new Query(
                "alerts/" + group.path("name").asText() + ": " + id, rule.path("expr").asText()));
      }
    }
    return out;
  }

  /** The HPA's custom per-pod metric (a bare name) and KEDA's Prometheus query, as rendered. */
  public static List<Query> autoscaling() {
    HorizontalPodAutoscaler hpa =
        ChartRenderer.defaults().render().named(HorizontalPodAutoscaler.class, Names.of("serving"));
    List<Query> out = new ArrayList<>();
    hpa.getSpec().getMetrics().stream()
        .filter(m -> m.getPods() != null)
        .forEach(
            m -> out.add(new Query("chart: HPA pods metric", m.getPods().getMetric().getName())));
    out.add(
        new Query(
            "chart: KEDA prometheus trigger",
            kedaQuery(ChartRenderer.example("keda-values.yaml").render())));
    return out;
  }

  private static String kedaQuery(RenderedManifests manifests) {
    List<Map<String, Object>> triggers =
        manifests.generic("ScaledObject").get(0).get("spec", "triggers");
    return triggers.stream()
        .filter(t -> "prometheus".equals(t.get("type")))
        .map(t -> (String) ((Map<?, ?>) t.get("metadata")).get("query"))
        .findFirst()
        .orElseThrow();
  }

  /** Each metric name and the places that use it. */
  public static Map<String, Set<String>> usages(List<Query> queries) {
    Map<String, Set<String>> out = new TreeMap<>();
    for (Query q : queries) {
      for (String name : q.names()) {
        out.computeIfAbsent(name, n -> new TreeSet<>()).add(q.source());
      }
    }
    return out;
  }
}
