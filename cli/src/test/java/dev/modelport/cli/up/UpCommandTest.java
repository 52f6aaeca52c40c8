package dev.modelport.cli.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.cli.Modelport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

class UpCommandTest {

  @TempDir Path dir;

  private static UpCommand parse(String... args) {
    CommandLine line = new CommandLine(new UpCommand());
    line.parseArgs(args);
    return line.getCommand();
  }

  @Test
  void aPortThatIsNotANumberIsRejectedNamingTheOption() {
    assertThatThrownBy(() -> parse("--kafka-port", "abc"))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("--kafka-port")
        .hasMessageContaining("abc");
  }

  @Test
  void aPortOutOfRangeIsRejectedNamingTheOption() throws IOException {
    Path home = TestProjects.projectRoot(dir);
    UpCommand command = parse("--drift-port", "70000");

    assertThatThrownBy(() -> command.settings(home))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("--drift-port")
        .hasMessageContaining("70000");
  }

  @Test
  void twoServicesOnOnePortAreRejectedNamingBothOptions() throws IOException {
    Path home = TestProjects.projectRoot(dir);
    UpCommand command = parse("--grpc-port", "8080");

    assertThatThrownBy(() -> command.settings(home))
        .hasMessageContaining("--serving-port")
        .hasMessageContaining("--grpc-port");
  }

  @Test
  void aDisabledServiceMayShareItsPortWithAnother() throws IOException {
    Path home = TestProjects.projectRoot(dir);

    UpSettings settings = parse("--no-drift", "--drift-port", "8080").settings(home);

    assertThat(settings.services()).containsExactly(Service.REGISTRY, Service.SERVING);
  }

  @Test
  void anUnknownOptionIsNamedInTheErrorAndGivesExitCode2() {
    StringWriter err = new StringWriter();
    CommandLine line = Modelport.commandLine();
    line.setErr(new PrintWriter(err));

    int code = line.execute("up", "--kafak-port", "9093");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--kafak-port");
  }

  @Test
  void defaultsResolveAgainstTheProjectFoundAboveTheWorkingDirectory() throws IOException {
    Path home = TestProjects.projectRoot(dir);
    Path workingDir = Files.createDirectories(home.resolve("cli"));

    UpSettings settings = parse().settings(workingDir);

    assertThat(settings.projectHome()).isEqualTo(home.toAbsolutePath().normalize());
    assertThat(settings.models()).isEqualTo(home.resolve("examples").resolve("models"));
    assertThat(settings.dataDir()).isEqualTo(workingDir.resolve("modelport-data"));
    assertThat(settings.ports())
        .extracting(PortUse::port)
        .containsExactly(9092, 8090, 8080, 8081, 8092);
  }

  @Test
  void relativeModelsAndDataFoldersResolveAgainstTheWorkingDirectory() throws IOException {
    Path home = TestProjects.projectRoot(dir);

    UpSettings settings = parse("--models", "my-models", "--data-dir", "state/run1").settings(home);

    assertThat(settings.models()).isEqualTo(home.resolve("my-models"));
    assertThat(settings.kafkaDir()).isEqualTo(home.resolve("state/run1/kafka"));
    assertThat(settings.logDir()).isEqualTo(home.resolve("state/run1/logs"));
  }

  @Test
  void withoutAProjectAboveTheWorkingDirectoryTheErrorSaysToPassHome() {
    assertThatThrownBy(() -> parse().settings(dir))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("--home");
  }

  @Test
  void aHomeThatIsNotTheProjectRootIsRejectedNamingTheOption() {
    assertThatThrownBy(() -> parse("--home", dir.toString()).settings(dir))
        .hasMessageContaining("--home")
        .hasMessageContaining(dir.toString());
  }

  @Test
  void setAndConfigReachTheSettingsOfTheirService() throws IOException {
    Path home = TestProjects.projectRoot(dir);
    Path config = dir.resolve("up.conf");
    Files.writeString(config, "drift.modelport.drift.window.max-rows=500\n");

    UpSettings settings =
        parse(
                "--set",
                "serving.modelport.serving.events.sample-rate=0.5",
                "--set",
                "registry.modelport.registry.upload.max-size=64M",
                "--config",
                "up.conf")
            .settings(home);

    assertThat(settings.serviceSettings().of(Service.SERVING))
        .containsEntry("modelport.serving.events.sample-rate", "0.5");
    assertThat(settings.serviceSettings().of(Service.REGISTRY))
        .containsEntry("modelport.registry.upload.max-size", "64M");
    assertThat(settings.serviceSettings().of(Service.DRIFT))
        .containsEntry("modelport.drift.window.max-rows", "500");
  }

  @Test
  void anUnknownServiceInSetIsAUsageErrorNamingIt() throws IOException {
    Path home = TestProjects.projectRoot(dir);
    StringWriter err = new StringWriter();
    CommandLine line = Modelport.commandLine();
    line.setErr(new PrintWriter(err));

    int code = line.execute("up", "--home", home.toString(), "--set", "kafka.num.partitions=3");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("unknown service 'kafka'");
  }

  @Test
  void theServicesListenOnLoopbackUnlessHostSaysOtherwise() throws IOException {
    Path home = TestProjects.projectRoot(dir);

    UpSettings local = parse().settings(home);
    UpSettings exposed = parse("--host", "0.0.0.0").settings(home);

    assertThat(local.host()).isEqualTo("127.0.0.1");
    assertThat(local.exposed()).isFalse();
    assertThat(exposed.host()).isEqualTo("0.0.0.0");
    assertThat(exposed.exposed()).isTrue();
    assertThatThrownBy(() -> parse("--host", " ").settings(home)).hasMessageContaining("--host");
  }

  @Test
  void anExposingHostGetsAWarningLineOfItsOwn() throws IOException {
    Path home = TestProjects.projectRoot(dir);

    List<String> local = SuiteLauncher.warnings(parse().settings(home));
    List<String> exposed = SuiteLauncher.warnings(parse("--host", "0.0.0.0").settings(home));

    assertThat(local).singleElement().asString().contains("security.enabled=false");
    assertThat(exposed)
        .hasSize(2)
        .last()
        .asString()
        .startsWith("WARNING: --host 0.0.0.0 exposes the services beyond this machine");
  }

  @Test
  void aSecondUpOnTheSameDataFolderExits1BeforeTouchingAnything() throws Exception {
    Path home = TestProjects.projectRoot(dir);
    Path data = dir.resolve("data");
    Path log = Files.createDirectories(data.resolve("logs")).resolve("serving-service.log");
    Files.writeString(log, "the running suite's log\n");
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.PrintStream stderr = System.err;
    int code;
    try (UpLock running = UpLock.acquire(data)) {
      System.setErr(new java.io.PrintStream(err, true));
      code =
          Modelport.commandLine()
              .execute("up", "--home", home.toString(), "--data-dir", data.toString());
    } finally {
      System.setErr(stderr);
    }

    assertThat(code).isEqualTo(1);
    assertThat(err.toString())
        .contains("already running on " + data)
        .contains("pid " + ProcessHandle.current().pid());
    assertThat(Files.readString(log)).isEqualTo("the running suite's log\n");
    assertThat(data.resolve("kafka")).doesNotExist();
  }
}
