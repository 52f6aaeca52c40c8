package dev.modelport.deploy.chart;

import static dev.modelport.deploy.support.PodChecks.container;
import static dev.modelport.deploy.support.PodChecks.pod;
import static dev.modelport.deploy.support.PodChecks.port;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.deploy.support.ChartRenderer;
import dev.modelport.deploy.support.Names;
import dev.modelport.deploy.support.PodChecks;
import dev.modelport.deploy.support.RenderedManifests;
import dev.modelport.deploy.support.ServiceConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaimTemplate;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The chart with its default values: a CPU cluster, the HPA owning serving's replicas. */
class DefaultValuesChartTest {

  static final List<String> COMPONENTS = List.of("registry", "serving", "drift-monitor");
  static final Map<String, String> MODULES =
      Map.of(
          "registry", "registry-service",
          "serving", "serving-service",
          "drift-monitor", "drift-monitor");

  static RenderedManifests manifests;

  @BeforeAll
  static void render() {
    manifests = ChartRenderer.defaults().render();
  }

  @Test
  void everyDocumentBindsToItsTypedModel() {
    assertThat(manifests.names())
        .contains(
            "Deployment/" + Names.of("registry"),
            "Deployment/" + Names.of("serving"),
            "Deployment/" + Names.of("drift-monitor"),
            "HorizontalPodAutoscaler/" + Names.of("serving"),
            "PodDisruptionBudget/" + Names.of("serving"),
            "PersistentVolumeClaim/" + Names.of("registry") + "-data",
            "Role/" + Names.of("drift-monitor"),
            "NetworkPolicy/" + Names.of("registry"));
  }

  @Test
  void probesUseEachServicesRealHealthPathsAndPort() {
    for (String component : COMPONENTS) {
      PodChecks.probesMatch(
          manifests.deployment(component), ServiceConfig.of(MODULES.get(component)));
    }
  }

  @Test
  void servicesExposeTheContainersRealPorts() {
    for (String component : COMPONENTS) {
      ServiceConfig service = ServiceConfig.of(MODULES.get(component));
      Service svc = manifests.named(Service.class, Names.of(component));
      assertThat(svc.getSpec().getPorts())
          .filteredOn(p -> "http".equals(p.getName()))
          .singleElement()
          .satisfies(p -> assertThat(p.getPort()).isEqualTo(service.httpPort()));
      assertThat(svc.getSpec().getSelector())
          .isEqualTo(manifests.deployment(component).getSpec().getSelector().getMatchLabels());
    }
    ServiceConfig serving = ServiceConfig.of("serving-service");
    Container c = container(manifests.deployment("serving"));
    assertThat(port(c, "grpc")).isEqualTo(serving.grpcPort());
  }

  @Test
  void configMapsCarryThePortsTheProbesUse() throws Exception {
    for (String component : COMPONENTS) {
      Properties props = properties(manifests.config(component));
      int probePort = port(container(manifests.deployment(component)), "http");
      assertThat(props.getProperty("quarkus.http.port"))
          .as("%s quarkus.http.port", component)
          .isEqualTo(Integer.toString(probePort));
    }
    Properties serving = properties(manifests.config("serving"));
    assertThat(serving.getProperty("quarkus.grpc.server.port"))
        .isEqualTo(Integer.toString(port(container(manifests.deployment("serving")), "grpc")));
    assertThat(serving.getProperty("modelport.serving.engine.device")).isEqualTo("cpu");
  }

  @Test
  void everyPodIsNonRootWithAReadOnlyRootFilesystemAndWritableVolumes() {
    for (String component : COMPONENTS) {
      Deployment d = manifests.deployment(component);
      PodChecks.hardened(d);
      assertThat(container(d).getVolumeMounts())
          .as("%s mounts /tmp (java.io.tmpdir) from a volume", component)
          .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
    }
    assertThat(pod(manifests.deployment("serving")).getAutomountServiceAccountToken()).isFalse();
    assertThat(pod(manifests.deployment("registry")).getAutomountServiceAccountToken()).isFalse();
  }

  @Test
  void servingHasAnHpaOnCpuAndRequestsInFlightAndNoReplicaCount() {
    Deployment serving = manifests.deployment("serving");
    assertThat(serving.getSpec().getReplicas())
        .as("no .spec.replicas where an autoscaler owns them")
        .isNull();
    HorizontalPodAutoscaler hpa =
        manifests.named(HorizontalPodAutoscaler.class, Names.of("serving"));
    assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
    assertThat(hpa.getSpec().getScaleTargetRef().getName())
        .isEqualTo(serving.getMetadata().getName());
    assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
    assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(10);
    assertThat(hpa.getSpec().getMinReplicas()).isLessThanOrEqualTo(hpa.getSpec().getMaxReplicas());
    List<MetricSpec> metrics = hpa.getSpec().getMetrics();
    assertThat(metrics).extracting(MetricSpec::getType).containsExactly("Resource", "Pods");
    assertThat(metrics.get(0).getResource().getName()).isEqualTo("cpu");
    assertThat(metrics.get(0).getResource().getTarget().getType()).isEqualTo("Utilization");
    assertThat(metrics.get(0).getResource().getTarget().getAverageUtilization()).isEqualTo(70);
    assertThat(metrics.get(1).getPods().getMetric().getName())
        .isEqualTo("modelport_inference_inflight");
    assertThat(metrics.get(1).getPods().getTarget().getType()).isEqualTo("AverageValue");
    assertThat(metrics.get(1).getPods().getTarget().getAverageValue()).isEqualTo(new Quantity("8"));
    var behavior = hpa.getSpec().getBehavior();
    assertThat(behavior.getScaleUp().getPolicies()).isNotEmpty();
    assertThat(behavior.getScaleDown().getStabilizationWindowSeconds()).isEqualTo(300);
    assertThat(manifests.generic("ScaledObject")).as("never KEDA and the HPA").isEmpty();
  }

  @Test
  void tracingIsOffByDefaultAndNoCollectorIsNamed() {
    for (String service : List.of("serving", "registry", "drift-monitor")) {
      Deployment d = manifests.deployment(service);
      assertThat(ProductionValuesChartTest.env(d, "QUARKUS_OTEL_SDK_DISABLED").getValue())
          .as(service)
          .isEqualTo("true");
      assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
          .as(service)
          .noneMatch(e -> e.getName().equals("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"));
    }
  }

  @Test
  void theOtherServicesKeepTheirReplicaCounts() {
    assertThat(manifests.deployment("registry").getSpec().getReplicas()).isEqualTo(1);
    assertThat(manifests.deployment("registry").getSpec().getStrategy().getType())
        .as("one writer of the H2 file at a time")
        .isEqualTo("Recreate");
    assertThat(manifests.deployment("drift-monitor").getSpec().getReplicas()).isEqualTo(1);
  }

  @Test
  void servingDrainsBeforeItsGracePeriodEnds() {
    Deployment serving = manifests.deployment("serving");
    long grace = pod(serving).getTerminationGracePeriodSeconds();
    long preStop = container(serving).getLifecycle().getPreStop().getSleep().getSeconds();
    Properties props = properties(manifests.config("serving"));
    Duration drain = Duration.parse("PT" + props.getProperty("modelport.serving.drain-timeout"));
    Duration shutdown = Duration.parse("PT" + props.getProperty("quarkus.shutdown.timeout"));
    assertThat(preStop).isPositive();
    assertThat(grace)
        .as(
            "grace period > preStop sleep + the REST wait (quarkus.shutdown.timeout) + the gRPC"
                + " and queue drain (drain-timeout), which follow each other after SIGTERM")
        .isGreaterThan(preStop + shutdown.toSeconds() + drain.toSeconds());
    assertThat(shutdown)
        .as("the chart's drain is at least the service's own shutdown timeout")
        .isGreaterThanOrEqualTo(ServiceConfig.of("serving-service").shutdownTimeout());
  }

  @Test
  void podDisruptionBudgetSelectsServingPods() {
    PodDisruptionBudget pdb = manifests.named(PodDisruptionBudget.class, Names.of("serving"));
    assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
    assertSelects(pdb.getSpec().getSelector(), manifests.deployment("serving"));
  }

  @Test
  void noGpuResourcesTolerationsOrNodeSelectorWithoutGpu() {
    Deployment serving = manifests.deployment("serving");
    assertThat(container(serving).getResources().getLimits()).doesNotContainKey("nvidia.com/gpu");
    assertThat(container(serving).getResources().getClaims()).isNullOrEmpty();
    assertThat(pod(serving).getTolerations()).isNullOrEmpty();
    assertThat(pod(serving).getNodeSelector()).isNullOrEmpty();
    assertThat(pod(serving).getRuntimeClassName()).isNull();
    assertThat(pod(serving).getResourceClaims()).isNullOrEmpty();
    assertThat(container(serving).getImage())
        .isEqualTo("ghcr.io/modelport/modelport-serving:0.1.0");
    assertThat(manifests.of(ResourceClaimTemplate.class)).isEmpty();
  }

  @Test
  void driftMonitorMayCreateJobsInItsNamespaceOnly() {
    assertThat(manifests.of(ClusterRole.class)).isEmpty();
    assertThat(manifests.of(ClusterRoleBinding.class)).isEmpty();
    Role role = manifests.named(Role.class, Names.of("drift-monitor"));
    assertThat(role.getMetadata().getNamespace()).isNull(); // the release's namespace
    assertThat(role.getRules())
        .allSatisfy(
            r -> {
              assertThat(r.getResources()).doesNotContain("*");
              assertThat(r.getVerbs()).doesNotContain("*", "delete", "deletecollection", "patch");
            });
    PolicyRule jobs =
        role.getRules().stream().filter(r -> r.getResources().contains("jobs")).findFirst().get();
    assertThat(jobs.getApiGroups()).containsExactly("batch");
    assertThat(jobs.getVerbs()).contains("create", "list");
    assertThat(role.getRules())
        .filteredOn(r -> !r.getResources().contains("jobs"))
        .allSatisfy(
            r -> {
              assertThat(r.getResources()).containsExactly("configmaps");
              assertThat(r.getResourceNames())
                  .containsExactly(Names.of("drift-monitor") + "-job-template");
              assertThat(r.getVerbs()).containsExactly("get");
            });
    RoleBinding binding = manifests.named(RoleBinding.class, Names.of("drift-monitor"));
    assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
    assertThat(binding.getSubjects())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getKind()).isEqualTo("ServiceAccount");
              assertThat(s.getNamespace()).isEqualTo(ChartRenderer.NAMESPACE);
              assertThat(s.getName())
                  .isEqualTo(pod(manifests.deployment("drift-monitor")).getServiceAccountName());
            });
  }

  @Test
  void retrainingJobTemplateIsATypedJob() {
    ConfigMap template =
        manifests.named(ConfigMap.class, Names.of("drift-monitor") + "-job-template");
    Job job =
        dev.modelport.deploy.support.StrictKubernetesYaml.bind(
            readYaml(template.getData().get("job.yaml")), Job.class);
    assertThat(job.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
    assertThat(job.getSpec().getTemplate().getSpec().getContainers()).isNotEmpty();
    assertThat(job.getSpec().getBackoffLimit()).isEqualTo(1);
  }

  @Test
  void networkPoliciesLetOnlyServingAndDriftReachTheRegistry() {
    NetworkPolicy registry = manifests.named(NetworkPolicy.class, Names.of("registry"));
    assertSelects(registry.getSpec().getPodSelector(), manifests.deployment("registry"));
    List<NetworkPolicyPeer> podPeers =
        registry.getSpec().getIngress().stream()
            .flatMap(r -> r.getFrom().stream())
            .filter(p -> p.getPodSelector() != null)
            .toList();
    assertThat(podPeers).hasSize(2);
    assertSelects(podPeers.get(0).getPodSelector(), manifests.deployment("serving"));
    assertSelects(podPeers.get(1).getPodSelector(), manifests.deployment("drift-monitor"));
    for (NetworkPolicyPeer peer : podPeers) {
      assertThat(selects(peer.getPodSelector(), manifests.deployment("registry"))).isFalse();
    }
    assertThat(registry.getSpec().getIngress())
        .allSatisfy(r -> assertThat(r.getFrom()).as("no rule open to everyone").isNotEmpty());

    NetworkPolicy serving = manifests.named(NetworkPolicy.class, Names.of("serving"));
    assertSelects(serving.getSpec().getPodSelector(), manifests.deployment("serving"));
    assertThat(serving.getSpec().getIngress())
        .singleElement()
        .satisfies(
            r -> assertThat(r.getFrom()).as("serving is reachable from anywhere").isNullOrEmpty());

    NetworkPolicy drift = manifests.named(NetworkPolicy.class, Names.of("drift-monitor"));
    assertSelects(drift.getSpec().getPodSelector(), manifests.deployment("drift-monitor"));
    assertThat(drift.getSpec().getIngress())
        .allSatisfy(
            r ->
                assertThat(r.getFrom())
                    .isNotEmpty()
                    .allSatisfy(p -> assertThat(p.getNamespaceSelector()).isNotNull()));
  }

  @Test
  void registryKeepsBlobsOnAPersistentVolumeAndTakesKeysFromTheSecret() {
    PersistentVolumeClaim pvc =
        manifests.named(PersistentVolumeClaim.class, Names.of("registry") + "-data");
    assertThat(pvc.getSpec().getResources().getRequests().get("storage"))
        .isEqualTo(new Quantity("20Gi"));
    Deployment registry = manifests.deployment("registry");
    assertThat(pod(registry).getVolumes())
        .anySatisfy(
            v -> {
              assertThat(v.getPersistentVolumeClaim()).isNotNull();
              assertThat(v.getPersistentVolumeClaim().getClaimName())
                  .isEqualTo(pvc.getMetadata().getName());
            });
    Properties props = properties(manifests.config("registry"));
    assertThat(props.getProperty("modelport.registry.data-dir")).startsWith("/var/lib/modelport");
    assertThat(container(registry).getVolumeMounts())
        .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/var/lib/modelport"));
    Secret keys = manifests.named(Secret.class, Names.FULLNAME + "-api-keys");
    assertThat(keys.getStringData()).containsKeys("serving", "drift-monitor", "registry-api-keys");
    String file = keys.getStringData().get("registry-api-keys");
    assertThat(file)
        .contains("serving:reader:" + sha256(keys.getStringData().get("serving")))
        .contains("drift-monitor:reader:" + sha256(keys.getStringData().get("drift-monitor")));
    assertThat(props.getProperty("modelport.registry.security.api-keys-file"))
        .isEqualTo("/etc/modelport/api-keys/registry-api-keys");
    EnvVar driftKey =
        container(manifests.deployment("drift-monitor")).getEnv().stream()
            .filter(e -> e.getName().equals("MODELPORT_DRIFT_REGISTRY_API_KEY"))
            .findFirst()
            .orElseThrow();
    assertThat(driftKey.getValueFrom().getSecretKeyRef().getName())
        .isEqualTo(keys.getMetadata().getName());
  }

  @Test
  void dashboardsAreConfigMapsForGrafanasSidecar() {
    List<ConfigMap> dashboards =
        manifests.of(ConfigMap.class).stream()
            .filter(c -> c.getMetadata().getLabels().containsKey("grafana_dashboard"))
            .toList();
    assertThat(dashboards)
        .extracting(c -> c.getData().keySet().iterator().next())
        .containsExactlyInAnyOrder("drift.json", "registry.json", "serving.json");
    assertThat(manifests.of(ServiceMonitor.class))
        .as("Prometheus Operator CRDs are opt-in")
        .isEmpty();
    assertThat(manifests.of(PrometheusRule.class)).isEmpty();
    assertThat(manifests.of(GenericKubernetesResource.class)).isEmpty();
  }

  @Test
  void optionalIngressRoutesTheV2ApiToServingsHttpPort() {
    assertThat(manifests.of(Ingress.class)).as("off by default").isEmpty();
    RenderedManifests m =
        ChartRenderer.defaults()
            .set("ingress.enabled", "true")
            .set("ingress.host", "infer.example.com")
            .render();
    Ingress ingress = m.named(Ingress.class, Names.of("serving"));
    var rule = ingress.getSpec().getRules().get(0);
    assertThat(rule.getHost()).isEqualTo("infer.example.com");
    var path = rule.getHttp().getPaths().get(0);
    assertThat(path.getPath()).isEqualTo("/v2");
    assertThat(path.getBackend().getService().getName()).isEqualTo(Names.of("serving"));
    Service serving = m.named(Service.class, Names.of("serving"));
    assertThat(serving.getSpec().getPorts())
        .extracting(p -> p.getName())
        .contains(path.getBackend().getService().getPort().getName());
  }

  static boolean selects(LabelSelector selector, Deployment d) {
    Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
    return selector.getMatchLabels().entrySet().stream()
            .allMatch(e -> e.getValue().equals(labels.get(e.getKey())))
        && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
  }

  static void assertSelects(LabelSelector selector, Deployment d) {
    assertThat(selects(selector, d))
        .as("%s selects the pods of %s", selector.getMatchLabels(), d.getMetadata().getName())
        .isTrue();
    assertThat(selector.getMatchLabels()).isNotEmpty();
  }

  static Properties properties(ConfigMap config) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(config.getData().get("application.properties")));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return p;
  }

  static com.fasterxml.jackson.databind.JsonNode readYaml(String yaml) {
    try {
      return dev.modelport.deploy.support.StrictKubernetesYaml.mapper().readTree(yaml);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static String sha256(String s) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
