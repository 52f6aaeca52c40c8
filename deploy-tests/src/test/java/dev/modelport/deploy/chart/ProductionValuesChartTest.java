package dev.modelport.deploy.chart;

import static dev.modelport.deploy.support.PodChecks.container;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelport.deploy.support.ChartRenderer;
import dev.modelport.deploy.support.Names;
import dev.modelport.deploy.support.ProjectFiles;
import dev.modelport.deploy.support.RenderedManifests;
import dev.modelport.deploy.support.ServiceConfig;
import dev.modelport.deploy.support.StrictKubernetesYaml;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * examples/production-values.yaml: the cluster's Kafka and PostgreSQL, S3, Gateway API, monitoring.
 */
class ProductionValuesChartTest {

  final RenderedManifests m = ChartRenderer.example("production-values.yaml").render();

  @Test
  void registryUsesTheManagedDatabaseAndS3WithSecretsFromTheCluster() {
    Deployment registry = m.deployment("registry");
    assertThat(registry.getSpec().getReplicas()).isEqualTo(2);
    Properties props = DefaultValuesChartTest.properties(m.config("registry"));
    assertThat(props.getProperty("modelport.registry.database")).isEqualTo("postgresql");
    assertThat(props.getProperty("quarkus.datasource.postgresql.jdbc.url"))
        .startsWith("jdbc:postgresql://modelport-db.example.internal:5432/");
    assertThat(props.getProperty("modelport.registry.storage.kind")).isEqualTo("s3");
    assertThat(props.getProperty("modelport.registry.storage.s3.bucket"))
        .isEqualTo("modelport-artifacts");
    assertThat(props).doesNotContainKey("quarkus.datasource.postgresql.password");
    assertThat(
            env(registry, "QUARKUS_DATASOURCE_POSTGRESQL_PASSWORD")
                .getValueFrom()
                .getSecretKeyRef()
                .getName())
        .isEqualTo("modelport-db");
    assertThat(
            env(registry, "MODELPORT_REGISTRY_STORAGE_S3_SECRET_ACCESS_KEY")
                .getValueFrom()
                .getSecretKeyRef()
                .getName())
        .isEqualTo("modelport-s3");
    assertThat(m.of(PersistentVolumeClaim.class)).as("blobs are in S3").isEmpty();
    assertThat(m.of(Secret.class)).as("every secret is the cluster's").isEmpty();
  }

  @Test
  void driftMonitorConsumesStrimzisKafka() {
    Properties props = DefaultValuesChartTest.properties(m.config("drift-monitor"));
    assertThat(props.getProperty("modelport.drift.consumer.bootstrap-servers"))
        .isEqualTo("events-kafka-bootstrap.kafka.svc:9093");
    assertThat(props.getProperty("modelport.drift.consumer.kafka.\"security.protocol\""))
        .isEqualTo("SSL");
    assertThat(props.getProperty("modelport.drift.registry.url"))
        .isEqualTo(
            "http://"
                + Names.of("registry")
                + ":"
                + ServiceConfig.of("registry-service").httpPort());
    assertThat(props.getProperty("modelport.drift.actions.retraining.enabled")).isEqualTo("true");
    assertThat(env(m.deployment("serving"), "KAFKA_BOOTSTRAP_SERVERS").getValue())
        .isEqualTo("events-kafka-bootstrap.kafka.svc:9093");
  }

  @Test
  void everyServiceExportsItsTracesToTheConfiguredCollectorAtTheConfiguredRatio() {
    for (String service : List.of("serving", "registry", "drift-monitor")) {
      Deployment d = m.deployment(service);
      assertThat(env(d, "QUARKUS_OTEL_SDK_DISABLED").getValue()).as(service).isEqualTo("false");
      assertThat(env(d, "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT").getValue())
          .as(service)
          .isEqualTo("http://tempo-distributor.observability.svc:4317");
      assertThat(env(d, "QUARKUS_OTEL_TRACES_SAMPLER_ARG").getValue())
          .as(service)
          .isEqualTo("0.05");
    }
  }

  @Test
  void gatewayRoutesSplitACanaryByWeightAndMirrorAShadow() {
    HTTPRoute http = m.named(HTTPRoute.class, Names.of("serving"));
    HTTPRouteRule rule = http.getSpec().getRules().get(0);
    assertThat(rule.getMatches().get(0).getPath().getValue()).isEqualTo("/v2");
    List<HTTPBackendRef> backends = rule.getBackendRefs();
    assertThat(backends)
        .extracting(HTTPBackendRef::getName)
        .containsExactly(Names.of("serving"), "modelport-canary-serving");
    assertThat(backends).extracting(HTTPBackendRef::getWeight).containsExactly(90, 10);
    int httpPort = ServiceConfig.of("serving-service").httpPort();
    assertThat(backends).allSatisfy(b -> assertThat(b.getPort()).isEqualTo(httpPort));
    assertThat(rule.getFilters())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.getType()).isEqualTo("RequestMirror");
              assertThat(f.getRequestMirror().getBackendRef().getName())
                  .isEqualTo("modelport-shadow-serving");
              assertThat(f.getRequestMirror().getPercent()).isEqualTo(100);
            });
    assertThat(http.getSpec().getHostnames()).containsExactly("inference.example.com");
    assertThat(http.getSpec().getParentRefs().get(0).getName()).isEqualTo("public");

    GRPCRoute grpc = m.named(GRPCRoute.class, Names.of("serving"));
    var grpcRule = grpc.getSpec().getRules().get(0);
    assertThat(grpcRule.getMatches().get(0).getMethod().getService())
        .isEqualTo("inference.GRPCInferenceService");
    int grpcPort = ServiceConfig.of("serving-service").grpcPort();
    assertThat(grpcRule.getBackendRefs())
        .allSatisfy(b -> assertThat(b.getPort()).isEqualTo(grpcPort));
    assertThat(grpcRule.getBackendRefs()).extracting(b -> b.getWeight()).containsExactly(90, 10);
    assertThat(grpcRule.getFilters().get(0).getRequestMirror().getBackendRef().getPort())
        .isEqualTo(grpcPort);
  }

  @Test
  void servingIsReachableOnlyFromTheGatewayNamespace() {
    NetworkPolicy serving = m.named(NetworkPolicy.class, Names.of("serving"));
    assertThat(serving.getSpec().getIngress().get(0).getFrom())
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.getNamespaceSelector().getMatchLabels())
                    .containsEntry("kubernetes.io/metadata.name", "gateway"));
  }

  @Test
  void serviceMonitorScrapesTheServicesRealMetricsPathOnTheirHttpPort() {
    ServiceMonitor monitor = m.named(ServiceMonitor.class, Names.FULLNAME);
    assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
    assertThat(monitor.getSpec().getJobLabel()).isEqualTo("modelport.dev/job");
    var endpoint = monitor.getSpec().getEndpoints().get(0);
    for (Map.Entry<String, String> e : DefaultValuesChartTest.MODULES.entrySet()) {
      ServiceConfig service = ServiceConfig.of(e.getValue());
      assertThat(endpoint.getPath())
          .as("%s metrics path", e.getValue())
          .isEqualTo(service.metricsPath());
      Service svc = m.named(Service.class, Names.of(e.getKey()));
      assertThat(svc.getSpec().getPorts())
          .anySatisfy(
              p -> {
                assertThat(p.getName()).isEqualTo(endpoint.getPort());
                assertThat(p.getPort()).isEqualTo(service.httpPort());
              });
      assertThat(svc.getMetadata().getLabels())
          .containsAllEntriesOf(monitor.getSpec().getSelector().getMatchLabels())
          .containsEntry("modelport.dev/job", "modelport-" + e.getKey());
      assertThat(monitor.getSpec().getSelector().getMatchExpressions().get(0).getValues())
          .contains(svc.getMetadata().getLabels().get("app.kubernetes.io/component"));
    }
  }

  @Test
  void prometheusRuleHoldsExactlyTheRulesFile() throws Exception {
    PrometheusRule rule = m.named(PrometheusRule.class, Names.FULLNAME);
    JsonNode file = StrictKubernetesYaml.mapper().readTree(ProjectFiles.alertRules().toFile());
    JsonNode rendered = StrictKubernetesYaml.mapper().valueToTree(rule.getSpec());
    assertThat(rendered.get("groups")).isEqualTo(file.get("groups"));
    assertThat(rule.getSpec().getGroups()).hasSizeGreaterThanOrEqualTo(1);
  }

  static EnvVar env(Deployment d, String name) {
    return container(d).getEnv().stream()
        .filter(e -> e.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(d.getMetadata().getName() + " has no env " + name));
  }
}
