package dev.modelport.cli.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LaunchPlannerTest {

  private static final Path HOME = Path.of("/opt/modelport");
  private static final Path JAVA = Path.of("/jdk/bin/java");

  private static UpSettings settings(boolean registry, boolean drift) {
    return new UpSettings(
        HOME,
        Path.of("/data"),
        Path.of("/models"),
        19092,
        18090,
        18080,
        18081,
        18092,
        registry,
        drift,
        Duration.ofSeconds(60));
  }

  private static ServiceLaunch launch(Service service) {
    return new LaunchPlanner(settings(true, true), JAVA).launch(service, "127.0.0.1:19092");
  }

  @Test
  void registryRunsOnItsPortWithDataUnderTheDataDirAndSecurityOff() {
    ServiceLaunch registry = launch(Service.REGISTRY);

    assertThat(registry.systemProperties())
        .containsOnly(
            entry("quarkus.http.port", "18090"),
            entry("quarkus.http.host", "127.0.0.1"),
            entry("modelport.registry.data-dir", Path.of("/data/registry").toString()),
            entry("modelport.registry.security.enabled", "false"));
    assertThat(registry.jvmOptions()).containsExactly("--add-modules=jdk.incubator.foreign");
    assertThat(registry.readinessUrl())
        .isEqualTo(URI.create("http://127.0.0.1:18090/q/health/ready"));
    assertThat(registry.logFile()).isEqualTo(Path.of("/data/logs/registry-service.log"));
  }

  @Test
  void servingFollowsTheRegistryAndPublishesEveryInferenceToTheBroker() {
    ServiceLaunch serving = launch(Service.SERVING);

    assertThat(serving.systemProperties())
        .containsEntry("modelport.serving.source", "registry")
        .containsEntry("modelport.serving.registry.url", "http://127.0.0.1:18090")
        .containsEntry("modelport.serving.cache-dir", Path.of("/data/serving-cache").toString())
        .containsEntry("kafka.bootstrap.servers", "127.0.0.1:19092")
        .containsEntry("modelport.serving.events.sample-rate", "1.0")
        .containsEntry("quarkus.http.port", "18080")
        .containsEntry("quarkus.http.host", "127.0.0.1")
        .containsEntry("quarkus.grpc.server.port", "18081")
        .containsEntry("quarkus.grpc.server.host", "127.0.0.1")
        .containsEntry(
            "modelport.serving.deployments.\"breast-cancer-mlp\".canary", "alias:challenger")
        .containsEntry("modelport.serving.deployments.\"breast-cancer-mlp\".canary-weight", "10")
        .doesNotContainKey("modelport.serving.repository");
    assertThat(serving.jvmOptions()).isEmpty();
    if (System.getenv("MALLOC_ARENA_MAX") == null) {
      assertThat(serving.environment()).containsExactly(entry("MALLOC_ARENA_MAX", "2"));
    } else {
      assertThat(serving.environment()).isEmpty(); // the caller's own setting is inherited
    }
    assertThat(launch(Service.REGISTRY).environment()).isEmpty();
    assertThat(serving.readinessUrl().getPort()).isEqualTo(18080);
  }

  @Test
  void driftConsumesFromTheBrokerAndReadsBaselinesFromTheRegistryPort() {
    ServiceLaunch drift = launch(Service.DRIFT);

    assertThat(drift.systemProperties())
        .containsEntry("quarkus.http.port", "18092")
        .containsEntry("modelport.drift.consumer.bootstrap-servers", "127.0.0.1:19092")
        .containsEntry("modelport.drift.registry.url", "http://127.0.0.1:18090")
        .containsEntry("modelport.drift.report-base-url", "http://127.0.0.1:18092")
        .containsEntry("modelport.drift.models.\"breast-cancer-mlp\".window.max-rows", "114")
        .containsEntry("modelport.drift.models.\"breast-cancer-mlp\".window.max-duration", "60s");
    assertThat(drift.jvmOptions()).containsExactly("--add-modules=jdk.incubator.foreign");
    assertThat(drift.readinessUrl()).isEqualTo(URI.create("http://127.0.0.1:18092/q/health/ready"));
  }

  @Test
  void withoutARegistryDriftIsAwaitedLiveSinceItsReadinessNeedsTheRegistry() {
    ServiceLaunch drift =
        new LaunchPlanner(settings(false, true), JAVA).launch(Service.DRIFT, "127.0.0.1:19092");

    assertThat(drift.readinessUrl()).isEqualTo(URI.create("http://127.0.0.1:18092/q/health/live"));
  }

  @Test
  void withoutARegistryServingServesTheModelsFolderItself() {
    ServiceLaunch serving =
        new LaunchPlanner(settings(false, true), JAVA).launch(Service.SERVING, "127.0.0.1:19092");

    assertThat(serving.systemProperties())
        .containsEntry("modelport.serving.source", "local")
        .containsEntry("modelport.serving.repository", Path.of("/models").toString())
        .doesNotContainKey("modelport.serving.registry.url");
  }

  @Test
  void anotherHostIsWhereEveryServiceListensWhileTheirOwnCallsStayOnLoopback() {
    UpSettings exposed = withServiceSettings("0.0.0.0", ServiceSettings.NONE);
    LaunchPlanner planner = new LaunchPlanner(exposed, JAVA);

    for (Service service : Service.values()) {
      assertThat(planner.launch(service, "127.0.0.1:19092").systemProperties())
          .as(service.module())
          .containsEntry("quarkus.http.host", "0.0.0.0");
    }
    ServiceLaunch serving = planner.launch(Service.SERVING, "127.0.0.1:19092");
    assertThat(serving.systemProperties())
        .containsEntry("quarkus.grpc.server.host", "0.0.0.0")
        .containsEntry("modelport.serving.registry.url", "http://127.0.0.1:18090");
    assertThat(serving.readinessUrl().getHost()).isEqualTo("127.0.0.1");
    assertThat(exposed.exposed()).isTrue();
    assertThat(settings(true, true).exposed()).isFalse();
  }

  @Test
  void serviceSettingsComeAfterUpsOwnAndOverrideThem() {
    ServiceSettings custom =
        ServiceSettings.parse(
            null,
            List.of(
                "serving.modelport.serving.events.sample-rate=0.5",
                "serving.modelport.serving.deployments.\"breast-cancer-mlp\".canary-weight=10",
                "drift.modelport.drift.window.max-rows=50"));
    LaunchPlanner planner = new LaunchPlanner(withServiceSettings("127.0.0.1", custom), JAVA);

    ServiceLaunch serving = planner.launch(Service.SERVING, "127.0.0.1:19092");
    assertThat(serving.systemProperties())
        .containsEntry("modelport.serving.events.sample-rate", "0.5")
        .containsEntry("modelport.serving.deployments.\"breast-cancer-mlp\".canary-weight", "10")
        .doesNotContainKey("modelport.drift.window.max-rows");
    assertThat(serving.command())
        .contains("-Dmodelport.serving.deployments.\"breast-cancer-mlp\".canary-weight=10")
        .containsOnlyOnce("-Dmodelport.serving.events.sample-rate=0.5")
        .doesNotContain("-Dmodelport.serving.events.sample-rate=1.0");
    assertThat(planner.launch(Service.DRIFT, "b:1").systemProperties())
        .containsEntry("modelport.drift.window.max-rows", "50");
    assertThat(planner.launch(Service.REGISTRY, "b:1").systemProperties())
        .doesNotContainKey("modelport.drift.window.max-rows");
  }

  private static UpSettings withServiceSettings(String host, ServiceSettings serviceSettings) {
    UpSettings s = settings(true, true);
    return new UpSettings(
        s.projectHome(),
        s.dataDir(),
        s.models(),
        s.kafkaPort(),
        s.registryPort(),
        s.servingPort(),
        s.grpcPort(),
        s.driftPort(),
        true,
        true,
        s.startTimeout(),
        host,
        serviceSettings);
  }

  @Test
  void theCommandIsJavaThenOptionsThenSettingsThenTheServiceJar() {
    ServiceLaunch drift = launch(Service.DRIFT);
    List<String> command = drift.command();

    assertThat(command.get(0)).isEqualTo(JAVA.toString());
    assertThat(command.get(1)).isEqualTo("--add-modules=jdk.incubator.foreign");
    assertThat(command.subList(2, command.size() - 2))
        .hasSize(drift.systemProperties().size())
        .allSatisfy(arg -> assertThat(arg).startsWith("-D"))
        .contains("-Dmodelport.drift.consumer.bootstrap-servers=127.0.0.1:19092");
    assertThat(command.subList(command.size() - 2, command.size()))
        .containsExactly(
            "-jar", HOME.resolve("drift-monitor/target/quarkus-app/quarkus-run.jar").toString());
  }

  @Test
  void thePlanHoldsOnlyTheEnabledServicesInStartOrder() {
    List<ServiceLaunch> all = new LaunchPlanner(settings(true, true), JAVA).plan("b:1");
    List<ServiceLaunch> servingOnly = new LaunchPlanner(settings(false, false), JAVA).plan("b:1");

    assertThat(all)
        .extracting(ServiceLaunch::service)
        .containsExactly(Service.REGISTRY, Service.SERVING, Service.DRIFT);
    assertThat(servingOnly).extracting(ServiceLaunch::service).containsExactly(Service.SERVING);
  }
}
