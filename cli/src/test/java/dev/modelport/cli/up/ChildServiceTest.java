package dev.modelport.cli.up;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildServiceTest {

  @TempDir Path dir;

  @Test
  void aServiceThatDiesWhileStartingIsReportedWithItsExitCodeAndLog() throws Exception {
    Path missingJar = dir.resolve("registry-service/target/quarkus-app/quarkus-run.jar");
    ServiceLaunch launch = new ServiceLaunch(
        Service.REGISTRY, LaunchPlanner.currentJava(), List.of(), Map.of("quarkus.http.port", "1"),
        missingJar, dir.resolve("logs/registry-service.log"), URI.create("http://localhost:1/q/health/ready"));

    ChildService child = ChildService.start(launch, dir);

    assertThatThrownBy(() -> child.awaitReady(new ReadinessProbe(), java.time.Duration.ofSeconds(30)))
        .isInstanceOf(SuiteStartException.class)
        .hasMessageContaining("registry-service exited with code 1")
        .hasMessageContaining("registry-service.log")
        .hasMessageContaining(missingJar.toString());
  }
}
