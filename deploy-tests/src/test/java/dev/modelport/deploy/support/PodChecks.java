package dev.modelport.deploy.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/** Assertions shared by the chart tests on a component's pod template. */
public final class PodChecks {

  private PodChecks() {}

  public static PodSpec pod(Deployment d) {
    return d.getSpec().getTemplate().getSpec();
  }

  public static Container container(Deployment d) {
    assertThat(pod(d).getContainers()).as("containers of %s", name(d)).hasSize(1);
    return pod(d).getContainers().get(0);
  }

  private static String name(Deployment d) {
    return d.getMetadata().getName();
  }

  /** The container port named {@code name}. */
  public static int port(Container c, String name) {
    return c.getPorts().stream()
        .filter(p -> name.equals(p.getName()))
        .findFirst()
        .orElseThrow(() -> new AssertionError(c.getName() + " has no port " + name))
        .getContainerPort();
  }

  /**
   * The probes are HTTP GETs on the service's real health paths (from its application.properties
   * and Quarkus' defaults) and on the container port that carries the service's real HTTP port.
   */
  public static void probesMatch(Deployment d, ServiceConfig service) {
    Container c = container(d);
    assertThat(port(c, "http")).as("%s http port", service.module()).isEqualTo(service.httpPort());
    assertProbe(c.getReadinessProbe(), service.readinessPath(), "readiness of " + name(d));
    // drift-monitor's readiness checks Kafka and the registry with 2 s each (Kubernetes: 1 s)
    assertThat(c.getReadinessProbe().getTimeoutSeconds())
        .as("readiness timeout of %s", name(d))
        .isGreaterThanOrEqualTo(5);
    assertProbe(c.getLivenessProbe(), service.livenessPath(), "liveness of " + name(d));
    assertProbe(c.getStartupProbe(), service.startupPath(), "startup of " + name(d));
  }

  private static void assertProbe(Probe probe, String path, String what) {
    assertThat(probe).as(what).isNotNull();
    HTTPGetAction get = probe.getHttpGet();
    assertThat(get).as(what + " is an HTTP GET").isNotNull();
    assertThat(get.getPath()).as(what + " path").isEqualTo(path);
    assertThat(get.getPort().getStrVal()).as(what + " port").isEqualTo("http");
  }

  /** Non-root (uid 1001), no privilege escalation, no capabilities, read-only root filesystem. */
  public static void hardened(Deployment d) {
    PodSpec pod = pod(d);
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).as("pod runAsNonRoot").isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(1001L);
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    var sc = container(d).getSecurityContext();
    assertThat(sc.getRunAsNonRoot()).as("%s runAsNonRoot", name(d)).isTrue();
    assertThat(sc.getReadOnlyRootFilesystem()).as("%s readOnlyRootFilesystem", name(d)).isTrue();
    assertThat(sc.getAllowPrivilegeEscalation()).as("%s privilege escalation", name(d)).isFalse();
    assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(sc.getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(sc.getPrivileged()).isNotEqualTo(Boolean.TRUE);
  }
}
