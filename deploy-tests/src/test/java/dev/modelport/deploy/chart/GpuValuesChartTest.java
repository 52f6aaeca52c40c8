package dev.modelport.deploy.chart;

import static dev.modelport.deploy.support.PodChecks.container;
import static dev.modelport.deploy.support.PodChecks.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.deploy.support.ChartRenderer;
import dev.modelport.deploy.support.Names;
import dev.modelport.deploy.support.RenderedManifests;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.resource.v1.DeviceRequest;
import io.fabric8.kubernetes.api.model.resource.v1.ResourceClaimTemplate;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** examples/gpu-values.yaml: serving on NVIDIA nodes, through the device plugin or DRA. */
class GpuValuesChartTest {

  @Test
  void servingRequestsAGpuOnGpuNodesWithTheNvidiaRuntime() {
    RenderedManifests m = ChartRenderer.example("gpu-values.yaml").render();
    Deployment serving = m.deployment("serving");
    PodSpec pod = pod(serving);
    assertThat(container(serving).getResources().getLimits())
        .containsEntry("nvidia.com/gpu", new Quantity("1"));
    assertThat(pod.getNodeSelector()).containsEntry("nvidia.com/gpu.present", "true");
    assertThat(pod.getTolerations())
        .anySatisfy(
            t -> {
              assertThat(t.getKey()).isEqualTo("nvidia.com/gpu");
              assertThat(t.getOperator()).isEqualTo("Exists");
              assertThat(t.getEffect()).isEqualTo("NoSchedule");
            });
    assertThat(pod.getRuntimeClassName()).isEqualTo("nvidia");
    assertThat(container(serving).getImage()).endsWith("/modelport-serving-gpu:0.1.0");
    Properties props = DefaultValuesChartTest.properties(m.config("serving"));
    assertThat(props.getProperty("modelport.serving.engine.device")).isEqualTo("gpu:0");
    assertThat(m.of(ResourceClaimTemplate.class)).as("device plugin, not DRA").isEmpty();
    assertThat(serving.getSpec().getReplicas()).isNull();
  }

  @Test
  void onlyServingGoesToGpuNodes() {
    RenderedManifests m = ChartRenderer.example("gpu-values.yaml").render();
    for (String other : new String[] {"registry", "drift-monitor"}) {
      Deployment d = m.deployment(other);
      assertThat(pod(d).getNodeSelector()).as(other).isNullOrEmpty();
      assertThat(pod(d).getTolerations()).as(other).isNullOrEmpty();
      assertThat(pod(d).getRuntimeClassName()).as(other).isNull();
      assertThat(container(d).getResources().getLimits()).doesNotContainKey("nvidia.com/gpu");
    }
  }

  @Test
  void dcgmExporterIsScrapedInTheGpuOperatorsNamespace() {
    RenderedManifests m = ChartRenderer.example("gpu-values.yaml").render();
    ServiceMonitor dcgm = m.named(ServiceMonitor.class, Names.FULLNAME + "-dcgm");
    assertThat(dcgm.getSpec().getNamespaceSelector().getMatchNames())
        .containsExactly("gpu-operator");
    assertThat(dcgm.getSpec().getSelector().getMatchLabels())
        .containsEntry("app", "nvidia-dcgm-exporter");
    assertThat(dcgm.getSpec().getEndpoints())
        .singleElement()
        .satisfies(e -> assertThat(e.getPort()).isEqualTo("gpu-metrics"));
  }

  @Test
  void draClaimsTheGpuInsteadOfTheDevicePluginResource() {
    RenderedManifests m =
        ChartRenderer.example("gpu-values.yaml").set("serving.gpu.dra.enabled", "true").render();
    Deployment serving = m.deployment("serving");
    assertThat(container(serving).getResources().getLimits()).doesNotContainKey("nvidia.com/gpu");
    assertThat(container(serving).getResources().getClaims())
        .singleElement()
        .satisfies(c -> assertThat(c.getName()).isEqualTo("gpu"));
    ResourceClaimTemplate template =
        m.named(ResourceClaimTemplate.class, Names.of("serving") + "-gpu");
    assertThat(pod(serving).getResourceClaims())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getName()).isEqualTo("gpu");
              assertThat(c.getResourceClaimTemplateName())
                  .isEqualTo(template.getMetadata().getName());
            });
    DeviceRequest request = template.getSpec().getSpec().getDevices().getRequests().get(0);
    assertThat(request.getExactly().getDeviceClassName()).isEqualTo("gpu.nvidia.com");
    assertThat(request.getExactly().getCount()).isEqualTo(1L);
    assertThat(pod(serving).getNodeSelector()).containsEntry("nvidia.com/gpu.present", "true");
  }
}
