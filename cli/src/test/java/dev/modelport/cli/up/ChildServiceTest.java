package dev.modelport.cli.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
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
    ServiceLaunch launch =
        new ServiceLaunch(
            Service.REGISTRY,
            LaunchPlanner.currentJava(),
            List.of(),
            Map.of("quarkus.http.port", "1"),
            Map.of(),
            missingJar,
            dir.resolve("logs/registry-service.log"),
            URI.create("http://localhost:1/q/health/ready"));

    ChildService child = ChildService.start(launch, dir);

    assertThatThrownBy(
            () -> child.awaitReady(new ReadinessProbe(), java.time.Duration.ofSeconds(30)))
        .isInstanceOf(SuiteStartException.class)
        .hasMessageContaining("registry-service exited with code 1")
        .hasMessageContaining("registry-service.log")
        .hasMessageContaining(missingJar.toString());
  }

  @Test
  void theLaunchEnvironmentReachesTheProcess() throws Exception {
    // /bin/sh stands in for java: "sh -c SCRIPT -Dk=v -jar JAR" runs SCRIPT.
    Path printed = dir.resolve("printed.txt");
    ServiceLaunch launch =
        new ServiceLaunch(
            Service.SERVING,
            Path.of("/bin/sh"),
            List.of("-c", "echo \"$MALLOC_ARENA_MAX\" > '" + printed + "'"),
            Map.of("quarkus.http.port", "1"),
            Map.of("MALLOC_ARENA_MAX", "2"),
            dir.resolve("unused.jar"),
            dir.resolve("logs/serving-service.log"),
            URI.create("http://localhost:1/"));

    ChildService child = ChildService.start(launch, dir);

    assertThat(child.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS).exitValue()).isZero();
    assertThat(Files.readString(printed).strip()).isEqualTo("2");
  }
}
