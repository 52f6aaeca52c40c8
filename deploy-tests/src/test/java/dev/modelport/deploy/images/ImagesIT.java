package dev.modelport.deploy.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.deploy.support.ChartRenderer;
import dev.modelport.deploy.support.InferenceEvents;
import dev.modelport.deploy.support.Names;
import dev.modelport.deploy.support.ProjectFiles;
import dev.modelport.deploy.support.RenderedManifests;
import dev.modelport.deploy.support.Requirements;
import dev.modelport.deploy.support.ServiceConfig;
import dev.modelport.deploy.support.Traffic;
import dev.modelport.kafka.embedded.EmbeddedKafkaBroker;
import dev.modelport.testsupport.CsvTable;
import dev.modelport.testsupport.ExampleModels;
import dev.modelport.testsupport.FreePorts;
import dev.modelport.testsupport.Http;
import dev.modelport.testsupport.PackagedService;
import io.fabric8.kubernetes.api.model.Secret;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The images of docker/ built with podman on the Debian JRE base (docker/podman/base-images.sh) and
 * run as users run them, but on this machine's loopback: host network, free 127.0.0.1 ports,
 * read-only root filesystem, uid 1001. Checks through the public ports: readiness, an inference
 * equal to the reference output, the registry API, drift-monitor reading events from an embedded
 * Kafka broker; and inside each container: the user, the read-only root, the writable volumes, the
 * image's HEALTHCHECK. Removes its containers and images. Runs under {@code -Pimages}.
 */
class ImagesIT {

  static final String BASE =
      System.getProperty("modelport.images.base", "localhost/modelport-jre:17");
  static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  static final Map<String, String> MODULES =
      Map.of(
          "registry",
          "registry-service",
          "serving",
          "serving-service",
          "drift-monitor",
          "drift-monitor");

  @TempDir static Path work;
  static Podman podman;
  static EmbeddedKafkaBroker kafka;
  static final Map<String, String> images = new LinkedHashMap<>();
  static final Map<String, String> containers = new LinkedHashMap<>();
  static final Map<String, URI> base = new LinkedHashMap<>();

  @BeforeAll
  static void buildAndRun() throws Exception {
    Requirements.require(Podman.installed(), "podman is not installed");
    podman = new Podman(work);
    Requirements.require(
        podman.run("image", "exists", BASE).exit() == 0,
        "base image " + BASE + " is missing (docker/podman/base-images.sh builds it)");
    for (String module : MODULES.values()) {
      Requirements.require(PackagedService.isPackaged(module), module + " is not packaged");
    }
    for (String service : MODULES.keySet()) {
      String tag = "localhost/modelport-" + service + ":it-" + RUN;
      images.put(service, tag);
      podman
          .run(
              Duration.ofMinutes(5),
              "build",
              "--format",
              "docker",
              "--network",
              "host",
              "--build-arg",
              "BASE_IMAGE=" + BASE,
              "-f",
              ProjectFiles.docker().resolve(service + ".Dockerfile").toString(),
              "-t",
              tag,
              ProjectFiles.root().toString())
          .orFail("podman build of " + service);
    }
    kafka =
        EmbeddedKafkaBroker.builder().port(0).dataDirectory(work.resolve("kafka")).build().start();
    kafka.createTopics(1, InferenceEvents.TOPIC);
    int[] ports = FreePorts.next(4);
    run("registry", ports[0], "-e", "MODELPORT_REGISTRY_SECURITY_ENABLED=false");
    run(
        "serving",
        ports[1],
        "-e",
        "QUARKUS_GRPC_SERVER_PORT=" + ports[2],
        "-e",
        "QUARKUS_GRPC_SERVER_HOST=127.0.0.1",
        "-e",
        "MODELPORT_SERVING_MODELS=" + Traffic.MODEL);
    run(
        "drift-monitor",
        ports[3],
        "-e",
        "MODELPORT_DRIFT_CONSUMER_BOOTSTRAP_SERVERS=" + kafka.bootstrapServers(),
        "-e",
        "MODELPORT_DRIFT_REGISTRY_URL=" + base.get("registry"),
        "-e",
        "MODELPORT_DRIFT_WINDOW_MAX_ROWS=40");
    for (String service : MODULES.keySet()) {
      URI ready = base.get(service).resolve(ServiceConfig.of(MODULES.get(service)).readinessPath());
      try {
        Http.awaitStatus(ready, 200, Duration.ofSeconds(120));
      } catch (RuntimeException | AssertionError e) {
        throw new IllegalStateException(
            service
                + " did not get ready:\n"
                + podman.run("logs", containers.get(service)).output(),
            e);
      }
    }
  }

  /**
   * The chart's rendered {@code application.properties} of each service (and the registry's API-key
   * file), which the containers mount where the chart mounts them: the services must start with
   * exactly the configuration that a Helm release gives them. Environment variables (ports, hosts,
   * addresses on this machine) win over the file, as in Quarkus' ordering.
   */
  static void writeChartConfiguration() throws Exception {
    RenderedManifests chart =
        ChartRenderer.defaults()
            .set("serving.source", "local")
            .set("serving.local.models[0]", Traffic.MODEL)
            .render();
    for (String service : MODULES.keySet()) {
      Path file = work.resolve(service + ".properties");
      Files.writeString(file, chart.config(service).getData().get("application.properties"));
    }
    Secret keys = chart.named(Secret.class, Names.FULLNAME + "-api-keys");
    Files.writeString(
        work.resolve("registry-api-keys"), keys.getStringData().get("registry-api-keys"));
  }

  /** Starts a container as users would, but on a loopback port of the host network. */
  static void run(String service, int port, String... env) {
    String name = "mp-it-" + service + "-" + RUN;
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "-d",
                "--name",
                name,
                "--network",
                "host",
                "--read-only",
                "--user",
                "1001",
                "-e",
                "QUARKUS_HTTP_HOST=127.0.0.1",
                "-e",
                "QUARKUS_HTTP_PORT=" + port));
    args.addAll(List.of(env));
    args.add(images.get(service));
    podman.run(Duration.ofMinutes(2), args.toArray(String[]::new)).orFail("podman run " + service);
    containers.put(service, name);
    base.put(service, URI.create("http://127.0.0.1:" + port));
  }

  @AfterAll
  static void removeContainersAndImages() {
    if (podman == null) {
      return;
    }
    for (String c : containers.values()) {
      podman.run(Duration.ofMinutes(1), "rm", "-f", "-v", "-t", "10", c);
    }
    for (String i : images.values()) {
      podman.run(Duration.ofMinutes(1), "rmi", "-f", i);
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void servingAnswersTheReferenceProbabilities() throws Exception {
    CsvTable expected = ExampleModels.csv(Traffic.MODEL, "expected_test_probabilities.csv");
    Traffic.Response r =
        Traffic.postJson(
            base.get("serving").resolve("/v2/models/" + Traffic.MODEL + "/infer"),
            Traffic.inferenceRequest(0, expected.size()));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode data = new ObjectMapper().readTree(r.body()).path("outputs").get(0).path("data");
    float[] want = expected.floats(0, expected.header().size());
    assertThat(data.size()).isEqualTo(want.length);
    for (int i = 0; i < want.length; i++) {
      assertThat(data.get(i).asDouble()).as("probability %d", i).isCloseTo(want[i], within(1e-4));
    }
    assertThat(Http.status(base.get("serving").resolve("/v2/health/ready"))).isEqualTo(200);
  }

  @Test
  void servingLoadsTheModelsTheChartsConfigMapNames() {
    URI serving = base.get("serving");
    assertThat(Http.status(serving.resolve("/v2/models/" + Traffic.MODEL + "/ready")))
        .isEqualTo(200);
    assertThat(Http.status(serving.resolve("/v2/models/" + ExampleModels.DIABETES + "/ready")))
        .as("a model of the image's repository that the ConfigMap does not list")
        .isNotEqualTo(200);
  }

  @Test
  void registryStoresAVersionOnItsVolume() throws Exception {
    assertThat(Traffic.registerModel(base.get("registry")).status()).isEqualTo(201);
    Traffic.Response version =
        Traffic.get(
            base.get("registry").resolve("/api/v1/models/" + Traffic.MODEL + "/versions/1"));
    assertThat(version.status()).isEqualTo(200);
    assertThat(new ObjectMapper().readTree(version.body()).path("artifact").path("sha256").asText())
        .hasSize(64);
    assertThat(
            podman
                .run(
                    "exec",
                    containers.get("registry"),
                    "sh",
                    "-c",
                    "ls -R /var/lib/modelport/registry | grep -c '^[0-9a-f]\\{64\\}$'")
                .output()
                .trim())
        .as("the blob lies on the data volume")
        .isEqualTo("1");
  }

  @Test
  void driftMonitorIsReadyAndReadsEventsFromKafka() throws Exception {
    InferenceEvents.publish(kafka.bootstrapServers(), 1, 5);
    org.awaitility.Awaitility.await("drift-monitor counts the undecodable event")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                Traffic.get(base.get("drift-monitor").resolve("/q/metrics"))
                    .body()
                    .contains("modelport_drift_bad_events_total"));
  }

  @Test
  void everyContainerRunsAsUser1001() {
    for (String c : containers.values()) {
      assertThat(podman.run("exec", c, "id", "-u").orFail("id -u in " + c).output().trim())
          .as("uid in %s", c)
          .isEqualTo("1001");
    }
    for (String image : images.values()) {
      assertThat(
              podman.run("image", "inspect", "--format", "{{.Config.User}}", image).output().trim())
          .as("USER of %s", image)
          .isEqualTo("1001:0");
    }
  }

  @Test
  void rootFilesystemIsReadOnlyAndOnlyTheVolumesAreWritable() {
    Map<String, String> volume =
        Map.of(
            "registry",
            "/var/lib/modelport",
            "serving",
            "/var/cache/modelport",
            "drift-monitor",
            "/tmp");
    for (Map.Entry<String, String> e : containers.entrySet()) {
      Podman.Result root =
          podman.run("exec", e.getValue(), "sh", "-c", "touch /deployments/written");
      assertThat(root.exit()).as("write outside the volumes in %s", e.getKey()).isNotZero();
      assertThat(root.output()).contains("Read-only file system");
      assertThat(podman.run("exec", e.getValue(), "sh", "-c", "touch /etc/written").exit())
          .isNotZero();
      assertThat(
              podman
                  .run(
                      "exec",
                      e.getValue(),
                      "sh",
                      "-c",
                      "touch " + volume.get(e.getKey()) + "/written && touch /tmp/written")
                  .exit())
          .as("write to the volumes of %s", e.getKey())
          .isZero();
    }
  }

  @Test
  void imagesCarryTheJvmFlagsAndAHealthcheckThatPasses() {
    for (Map.Entry<String, String> e : images.entrySet()) {
      String env =
          podman
              .run(
                  "image",
                  "inspect",
                  "--format",
                  "{{range .Config.Env}}{{println .}}{{end}}",
                  e.getValue())
              .output();
      assertThat(env).as("env of %s", e.getKey()).contains("--add-modules=jdk.incubator.foreign");
      String health =
          podman
              .run("image", "inspect", "--format", "{{json .Config.Healthcheck}}", e.getValue())
              .output();
      assertThat(health).as("HEALTHCHECK of %s", e.getKey()).contains("/q/health/ready");
    }
    assertThat(
            podman
                .run(
                    "image",
                    "inspect",
                    "--format",
                    "{{range .Config.Env}}{{println .}}{{end}}",
                    images.get("serving"))
                .output())
        .contains("MALLOC_ARENA_MAX=2");
    for (Map.Entry<String, String> e : containers.entrySet()) {
      Podman.Result check = podman.run("healthcheck", "run", e.getValue());
      assertThat(check.exit()).as("healthcheck of %s: %s", e.getKey(), check.output()).isZero();
    }
  }
}
