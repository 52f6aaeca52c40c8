package dev.modelport.cli.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.testsupport.FreePorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreflightCheckTest {

  @TempDir Path dir;

  private UpSettings settings(Path home, int servingPort, boolean drift) throws IOException {
    int[] free = FreePorts.next(4);
    return new UpSettings(
        home,
        dir.resolve("data"),
        home.resolve("examples/models"),
        free[0],
        free[1],
        servingPort,
        free[2],
        free[3],
        true,
        drift,
        Duration.ofSeconds(10));
  }

  @Test
  void aMissingJarIsReportedWithItsModuleAndTheBuildCommand() throws IOException {
    Path home = TestProjects.projectRoot(dir.resolve("project"));
    TestProjects.packageService(home, Service.REGISTRY);
    TestProjects.packageService(home, Service.DRIFT);

    var problems = new PreflightCheck(settings(home, FreePorts.next(), true)).problems();

    assertThat(problems)
        .singleElement()
        .satisfies(
            problem ->
                assertThat(problem)
                    .contains("serving-service")
                    .contains(Service.SERVING.jar(home).toString())
                    .contains("./mvnw install -DskipTests"));
  }

  @Test
  void aDisabledServiceNeedsNoJar() throws IOException {
    Path home = TestProjects.projectRoot(dir.resolve("project"));
    TestProjects.packageService(home, Service.REGISTRY);
    TestProjects.packageService(home, Service.SERVING);

    assertThat(new PreflightCheck(settings(home, FreePorts.next(), false)).problems()).isEmpty();
    assertThat(new PreflightCheck(settings(home, FreePorts.next(), true)).problems())
        .singleElement()
        .asString()
        .contains("drift-monitor");
  }

  @Test
  void aTakenPortIsReportedWithTheOptionThatChangesIt() throws IOException {
    Path home = TestProjects.projectRoot(dir.resolve("project"));
    for (Service service : Service.values()) {
      TestProjects.packageService(home, service);
    }
    try (ServerSocket squatter = new ServerSocket()) {
      squatter.bind(new InetSocketAddress("127.0.0.1", 0));
      int taken = squatter.getLocalPort();

      PreflightCheck check = new PreflightCheck(settings(home, taken, true));

      assertThat(check.problems())
          .singleElement()
          .asString()
          .contains("Port " + taken)
          .contains("serving REST")
          .contains("--serving-port");
      assertThatThrownBy(check::verify)
          .isInstanceOf(SuiteStartException.class)
          .hasMessageContaining("--serving-port");
    }
  }

  @Test
  void aMissingModelRepositoryIsReportedWithTheOption() throws IOException {
    Path home = TestProjects.projectRoot(dir.resolve("project"));
    for (Service service : Service.values()) {
      TestProjects.packageService(home, service);
    }
    UpSettings base = settings(home, FreePorts.next(), true);
    UpSettings noModels =
        new UpSettings(
            base.projectHome(),
            base.dataDir(),
            dir.resolve("nowhere"),
            base.kafkaPort(),
            base.registryPort(),
            base.servingPort(),
            base.grpcPort(),
            base.driftPort(),
            true,
            true,
            base.startTimeout());

    assertThat(new PreflightCheck(noModels).problems())
        .singleElement()
        .asString()
        .contains("--models");
  }
}
