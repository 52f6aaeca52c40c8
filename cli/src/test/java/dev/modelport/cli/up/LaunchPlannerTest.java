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
        .containsExactly(
            entry("quarkus.http.port", "18090"),
            entry("modelport.registry.data-dir", Path.of("/data/registry").toString()),
            entry("modelport.registry.security.enabled", "false"));
    assertThat(registry.jvmOptions()).containsExactly("--add-modules=jdk.incubator.foreign");
    assertThat(registry.readinessUrl())
        .isEqualTo(URI.create("http://localhost:18090/q/health/ready"));
    assertThat(registry.logFile()).isEqualTo(Path.of("/data/logs/registry-service.log"));
  }

  @Test
  void servingUsesTheLocalRepositoryAndBothPorts() {
    ServiceLaunch serving = launch(Service.SERVING);

    assertThat(serving.systemProperties())
        .containsEntry("modelport.serving.source", "local")
        .containsEntry("modelport.serving.repository", Path.of("/models").toString())
        .containsEntry("quarkus.http.port", "18080")
        .containsEntry("quarkus.grpc.server.port", "18081");
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
        .containsEntry("modelport.drift.registry.url", "http://localhost:18090");
    assertThat(drift.jvmOptions()).containsExactly("--add-modules=jdk.incubator.foreign");
    assertThat(drift.readinessUrl()).isEqualTo(URI.create("http://localhost:18092/q/health/ready"));
  }

  @Test
  void withoutARegistryDriftIsAwaitedLiveSinceItsReadinessNeedsTheRegistry() {
    ServiceLaunch drift =
        new LaunchPlanner(settings(false, true), JAVA).launch(Service.DRIFT, "127.0.0.1:19092");

    assertThat(drift.readinessUrl()).isEqualTo(URI.create("http://localhost:18092/q/health/live"));
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
