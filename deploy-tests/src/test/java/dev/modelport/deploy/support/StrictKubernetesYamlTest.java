package dev.modelport.deploy.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

/**
 * The strict reader refuses what fabric8's model would otherwise keep as "additional properties".
 */
class StrictKubernetesYamlTest {

  static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: d}
      spec:
        selector: {matchLabels: {a: b}}
        template:
          metadata: {labels: {a: b}}
          spec:
            containers:
              - name: c
                image: i
                %s
      """;

  @Test
  void aWellFormedDeploymentBindsToItsTypedClass() {
    RenderedManifests m = RenderedManifests.parse(DEPLOYMENT.formatted("imagePullPolicy: Always"));
    assertThat(m.named(Deployment.class, "d").getSpec().getTemplate().getSpec().getContainers())
        .singleElement()
        .satisfies(c -> assertThat(c.getImagePullPolicy()).isEqualTo("Always"));
  }

  @Test
  void aMisspeltFieldFailsWithItsName() {
    assertThatThrownBy(
            () -> RenderedManifests.parse(DEPLOYMENT.formatted("imagePullPolicyy: Always")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Deployment d")
        .hasMessageContaining("imagePullPolicyy");
  }

  @Test
  void aFieldAtTheWrongLevelFails() {
    // readinessProbe belongs to the container, not to its ports
    assertThatThrownBy(
            () ->
                RenderedManifests.parse(
                    DEPLOYMENT.formatted(
                        "ports: [{containerPort: 1, readinessProbe: {periodSeconds: 1}}]")))
        .hasMessageContaining("readinessProbe");
  }

  @Test
  void aStringWhereANumberBelongsFails() {
    assertThatThrownBy(
            () -> RenderedManifests.parse(DEPLOYMENT.formatted("ports: [{containerPort: \"80\"}]")))
        .hasMessageContaining("containerPort");
  }

  @Test
  void aKindWithoutTypedModelFails() {
    assertThatThrownBy(
            () ->
                RenderedManifests.parse(
                    "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n"))
        .hasMessageContaining("no typed model for example.com/v1/Widget");
  }

  @Test
  void kedasScaledObjectIsAGenericResource() {
    RenderedManifests m =
        RenderedManifests.parse(
            "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata: {name: s}\n"
                + "spec: {minReplicaCount: 1}\n");
    GenericKubernetesResource s = m.generic("ScaledObject").get(0);
    assertThat(s.<Integer>get("spec", "minReplicaCount")).isEqualTo(1);
  }
}
