package dev.modelport.cli.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.cli.Modelport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
