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
        .hasMessageContaining("Error: Unable to access jarfile " + missingJar);
  }

  /** A stand-in service: /bin/sh runs {@code script} ("sh -c SCRIPT -Dk=v -jar JAR"). */
  private ServiceLaunch shell(Service service, String script) {
    return new ServiceLaunch(
        service,
        Path.of("/bin/sh"),
        List.of("-c", script),
        Map.of("quarkus.http.port", "1"),
        Map.of(),
        dir.resolve("unused.jar"),
        dir.resolve("logs/" + service.module() + ".log"),
        URI.create("http://127.0.0.1:1/q/health/ready"));
  }

  @Test
  void aStartFailureNamesTheLogLinesThatExplainIt() throws Exception {
    ChildService child =
        ChildService.start(
            shell(
                Service.SERVING,
                "echo 'INFO starting'; "
                    + "echo 'ERROR [io.quarkus.runtime.Application] Failed to start application'; "
                    + "echo 'Caused by: java.net.BindException: Address already in use'; "
                    + "echo 'INFO stopped'; exit 1"),
            dir);

    assertThatThrownBy(
            () -> child.awaitReady(new ReadinessProbe(), java.time.Duration.ofSeconds(30)))
        .isInstanceOf(SuiteStartException.class)
        .hasMessageContaining(
            "serving-service exited with code 1 while starting:\n"
                + "    ERROR [io.quarkus.runtime.Application] Failed to start application\n"
                + "    Caused by: java.net.BindException: Address already in use")
        .satisfies(e -> assertThat(((SuiteStartException) e).interrupted()).isFalse());
  }

  @Test
  void aServiceEndedByCtrlCWhileStartingIsAnInterruptionNotAFailure() throws Exception {
    ChildService child = ChildService.start(shell(Service.DRIFT, "exit 130"), dir);

    assertThatThrownBy(
            () -> child.awaitReady(new ReadinessProbe(), java.time.Duration.ofSeconds(30)))
        .isInstanceOf(SuiteStartException.class)
        .satisfies(e -> assertThat(((SuiteStartException) e).interrupted()).isTrue())
        .hasMessageNotContaining("exited with code");
  }

  @Test
  void aChildEndingWhileTheSuiteStartsIsLeftToTheStartFailureReport() throws Exception {
    java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
    RunningSuite suite = new RunningSuite(new java.io.PrintStream(console, true));
    ChildService child = ChildService.start(shell(Service.REGISTRY, "exit 1"), dir);
    child.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);

    suite.reportExit(child, 1);

    assertThat(console.toString()).isEmpty();
  }

  @Test
  void aChildEndedByCtrlCIsNotReportedAsEndingOnItsOwnButAnyOtherEndIs() throws Exception {
    java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
    RunningSuite suite = new RunningSuite(new java.io.PrintStream(console, true));
    ChildService child = ChildService.start(shell(Service.SERVING, "exit 0"), dir);
    child.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
    suite.markUp();

    suite.reportExit(child, ChildService.CTRL_C_EXIT);
    assertThat(console.toString()).isEmpty();

    suite.reportExit(child, 3);
    assertThat(console.toString())
        .contains("serving-service exited on its own with code 3; see ")
        .contains("serving-service.log");

    console.reset();
    suite.close();
    suite.reportExit(child, 3);
    assertThat(console.toString()).doesNotContain("exited on its own");
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
