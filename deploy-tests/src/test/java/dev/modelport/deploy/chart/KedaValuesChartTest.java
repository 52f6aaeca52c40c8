package dev.modelport.deploy.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.deploy.support.ChartRenderer;
import dev.modelport.deploy.support.Names;
import dev.modelport.deploy.support.RenderedManifests;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** examples/keda-values.yaml: a KEDA ScaledObject owns serving's replicas instead of the HPA. */
class KedaValuesChartTest {

  final RenderedManifests m = ChartRenderer.example("keda-values.yaml").render();

  @Test
  void scaledObjectTargetsServingWithCpuAndAPrometheusTrigger() {
    GenericKubernetesResource scaled = m.generic("ScaledObject").get(0);
    assertThat(scaled.getApiVersion()).isEqualTo("keda.sh/v1alpha1");
    Deployment serving = m.deployment("serving");
    assertThat(scaled.<String>get("spec", "scaleTargetRef", "name"))
        .isEqualTo(serving.getMetadata().getName());
    assertThat(scaled.<Integer>get("spec", "minReplicaCount")).isEqualTo(1);
    assertThat(scaled.<Integer>get("spec", "maxReplicaCount")).isEqualTo(20);
    List<Map<String, Object>> triggers = scaled.get("spec", "triggers");
    assertThat(triggers).extracting(t -> t.get("type")).containsExactly("cpu", "prometheus");
    @SuppressWarnings("unchecked")
    Map<String, Object> prometheus = (Map<String, Object>) triggers.get(1).get("metadata");
    assertThat(prometheus.get("query"))
        .asString()
        .contains("modelport_inference_inflight")
        .contains("job=\"modelport-serving\"")
        .contains("namespace=\"" + ChartRenderer.NAMESPACE + "\"");
    assertThat(prometheus.get("threshold")).isEqualTo("16");
    assertThat(prometheus.get("serverAddress")).asString().startsWith("http://");
    assertThat(scaled.<Object>get("spec", "advanced", "horizontalPodAutoscalerConfig", "behavior"))
        .isNotNull();
  }

  @Test
  void neverBothKedaAndTheHpaAndNoReplicaCount() {
    assertThat(m.of(HorizontalPodAutoscaler.class)).isEmpty();
    assertThat(m.generic("ScaledObject")).hasSize(1);
    assertThat(m.deployment("serving").getSpec().getReplicas()).isNull();
    assertThat(m.named(PodDisruptionBudget.class, Names.of("serving"))).isNotNull();
  }
}
