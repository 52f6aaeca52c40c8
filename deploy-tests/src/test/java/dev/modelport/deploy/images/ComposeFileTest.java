package dev.modelport.deploy.images;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelport.deploy.support.ProjectFiles;
import dev.modelport.deploy.support.Requirements;
import dev.modelport.deploy.support.ServiceConfig;
import dev.modelport.deploy.support.StrictKubernetesYaml;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker/compose.yaml and its Prometheus and Grafana files agree with the services and the chart:
 * the Dockerfiles exist, ports and metrics paths are the services' real ones, Prometheus' jobs are
 * the names the rules and dashboards select on and it loads the chart's rules file, Grafana loads
 * the chart's dashboards. (No compose engine runs here: the images are run by ImagesIT.)
 */
class ComposeFileTest {

  static final Map<String, String> MODULES =
      Map.of(
          "registry",
          "registry-service",
          "serving",
          "serving-service",
          "drift-monitor",
          "drift-monitor");

  final JsonNode compose = read(ProjectFiles.docker().resolve("compose.yaml"));
  final JsonNode prometheus = read(ProjectFiles.docker().resolve("prometheus/prometheus.yml"));

  static JsonNode read(Path file) {
    try {
      return StrictKubernetesYaml.mapper().readTree(file.toFile());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void modelportServicesBuildFromTheirDockerfilesAndPublishTheirRealPorts() {
    for (Map.Entry<String, String> e : MODULES.entrySet()) {
      JsonNode service = compose.path("services").path(e.getKey());
      String dockerfile = service.path("build").path("dockerfile").asText();
      assertThat(service.path("build").path("context").asText()).isEqualTo("..");
      assertThat(ProjectFiles.root().resolve(dockerfile)).as(dockerfile).isRegularFile();
      assertThat(ProjectFiles.read(ProjectFiles.root().resolve(dockerfile)))
          .contains("COPY " + e.getValue() + "/target/quarkus-app/")
          .contains("EXPOSE " + ServiceConfig.of(e.getValue()).httpPort());
      int port = ServiceConfig.of(e.getValue()).httpPort();
      assertThat(service.path("ports").toString()).contains("\"" + port + ":" + port + "\"");
      assertThat(service.path("read_only").asBoolean()).as("%s read_only", e.getKey()).isTrue();
      assertThat(service.path("user").asText()).isEqualTo("1001:0");
    }
  }

  @Test
  void thirdPartyImagesAreVariablesWithPublicDefaults() {
    for (String name : List.of("kafka", "postgres", "minio", "prometheus", "grafana")) {
      assertThat(compose.path("services").path(name).path("image").asText())
          .as(name)
          .matches("\\$\\{[A-Z_]+_IMAGE:-[a-z0-9./-]+:[A-Za-z0-9._-]+}");
    }
  }

  @Test
  void prometheusScrapesEachServiceAsTheJobTheRulesSelect() {
    List<String> jobs = new ArrayList<>();
    for (JsonNode job : prometheus.path("scrape_configs")) {
      String name = job.path("job_name").asText();
      jobs.add(name);
      String component = name.substring("modelport-".length());
      ServiceConfig service = ServiceConfig.of(MODULES.get(component));
      assertThat(job.path("metrics_path").asText()).isEqualTo(service.metricsPath());
      assertThat(job.path("static_configs").get(0).path("targets").get(0).asText())
          .isEqualTo(component + ":" + service.httpPort());
      assertThat(compose.path("services").has(component)).isTrue();
    }
    assertThat(jobs)
        .containsExactlyInAnyOrder(
            "modelport-registry", "modelport-serving", "modelport-drift-monitor");
    assertThat(ProjectFiles.read(ProjectFiles.alertRules()))
        .contains("modelport-(registry|serving|drift-monitor)");
  }

  @Test
  void prometheusLoadsTheChartsRulesAndGrafanaTheChartsDashboards() {
    String rulesMount = "../helm/modelport/files/alerts:/etc/prometheus/rules:ro";
    assertThat(compose.path("services").path("prometheus").path("volumes").toString())
        .contains(rulesMount);
    assertThat(prometheus.path("rule_files").get(0).asText())
        .isEqualTo("/etc/prometheus/rules/" + ProjectFiles.alertRules().getFileName());
    assertThat(compose.path("services").path("grafana").path("volumes").toString())
        .contains("../helm/modelport/files/dashboards:/var/lib/grafana/dashboards/modelport:ro");
    JsonNode provider =
        read(ProjectFiles.docker().resolve("grafana/provisioning/dashboards/modelport.yaml"));
    assertThat(provider.path("providers").get(0).path("options").path("path").asText())
        .isEqualTo("/var/lib/grafana/dashboards/modelport");
    JsonNode datasource =
        read(ProjectFiles.docker().resolve("grafana/provisioning/datasources/prometheus.yaml"));
    assertThat(datasource.path("datasources").get(0).path("url").asText())
        .isEqualTo("http://prometheus:9090");
  }

  @Test
  void prometheusConfigPassesPromtoolWithTheRulesInPlace(@TempDir Path tmp) throws Exception {
    String promtool = findOnPath("promtool");
    Requirements.require(
        promtool != null, "promtool is not installed (apt-get install prometheus)");
    ObjectNode config = (ObjectNode) prometheus.deepCopy();
    ((ArrayNode) config.withArray("rule_files"))
        .removeAll()
        .add(ProjectFiles.alertRules().toString());
    Path copy = tmp.resolve("prometheus.yml");
    StrictKubernetesYaml.mapper().writeValue(copy.toFile(), config);
    Process p =
        new ProcessBuilder(promtool, "check", "config", copy.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("SUCCESS");
    assertThat(Files.readString(copy)).contains("modelport-rules.yaml");
  }

  static String findOnPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      File f = new File(dir, tool);
      if (f.canExecute()) {
        return f.getPath();
      }
    }
    return null;
  }
}
