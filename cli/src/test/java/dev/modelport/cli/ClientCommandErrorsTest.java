package dev.modelport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.testsupport.ExampleModels;
import dev.modelport.testsupport.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every client command's bad input and a suite that is down: one line on stderr starting with
 * {@code modelport: }, no stack trace, exit code 1 (failure) or 2 (usage). The services are free
 * ports with nothing listening.
 */
class ClientCommandErrorsTest {
  private static final String BREAST = ExampleModels.BREAST_CANCER;

  @TempDir Path dir;

  private static String down() {
    return "http://127.0.0.1:" + FreePorts.next();
  }

  static Stream<Arguments> everyCommandAgainstARegistryThatIsDown() {
    String folder = ExampleModels.dir(BREAST).toString();
    String csv = ExampleModels.file(BREAST, "test.csv").toString();
    return Stream.of(
        Arguments.of((Object) new String[] {"models", "list"}),
        Arguments.of((Object) new String[] {"models", "show", BREAST}),
        Arguments.of((Object) new String[] {"models", "register", folder}),
        Arguments.of((Object) new String[] {"versions", "list", BREAST}),
        Arguments.of((Object) new String[] {"alias", "set", BREAST, "champion", "1"}),
        Arguments.of((Object) new String[] {"alias", "delete", BREAST, "champion"}),
        Arguments.of((Object) new String[] {"infer", BREAST, "--csv", csv}),
        Arguments.of((Object) new String[] {"bench", BREAST, "--duration", "1"}));
  }

  @ParameterizedTest
  @MethodSource
  void everyCommandAgainstARegistryThatIsDown(String[] command) {
    String registry = down();

    CommandRun run = run(command, "--registry", registry, "--serving", down());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.errLines())
        .singleElement()
        .asString()
        .startsWith(
            "modelport: cannot reach the registry at " + registry + " (connection refused)");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aMissingModelFolderIsNamed() {
    CommandRun run =
        run(
            args("models", "register", dir.resolve("no-such-model").toString()),
            "--registry",
            down());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.errLines())
        .containsExactly("modelport: no such file or folder: " + dir.resolve("no-such-model"));
  }

  @Test
  void aFolderWithoutModelYamlSaysWhatItNeeds() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("bare"));
    Files.copy(ExampleModels.onnx(BREAST), folder.resolve("model.onnx"));

    CommandRun run = run(args("models", "register", folder.toString()), "--registry", down());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.errLines()).singleElement().asString().contains("has no model.yaml");
  }

  @Test
  void aFolderWithoutTheChosenFormatsArtifactSaysWhichFile() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("onnx-only"));
    Files.copy(ExampleModels.onnx(BREAST), folder.resolve("model.onnx"));
    Files.copy(ExampleModels.file(BREAST, "model.yaml"), folder.resolve("model.yaml"));

    CommandRun run =
        run(
            args("models", "register", folder.toString(), "--format", "torchscript"),
            "--registry",
            down());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.errLines()).singleElement().asString().contains("has no model.pt");
  }

  @Test
  void anUnknownFormatIsAUsageError() {
    CommandRun run =
        run(args("models", "register", ExampleModels.dir(BREAST).toString(), "--format", "keras"));

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.errLines())
        .singleElement()
        .asString()
        .startsWith(
            "modelport: Invalid value for option '--format': must be onnx or torchscript, got 'keras'");
  }

  @Test
  void aFileWhoseFormatTheNameDoesNotTellNeedsFormat() {
    CommandRun run =
        run(
            args(
                "models",
                "register",
                ExampleModels.file(BREAST, "train.csv").toString(),
                "--name",
                "x"));

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.errLines())
        .singleElement()
        .asString()
        .contains("cannot tell the format of train.csv")
        .contains("--format");
  }

  @Test
  void aSingleFileNeedsAName() {
    CommandRun run = run(args("models", "register", ExampleModels.onnx(BREAST).toString()));

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.errLines()).singleElement().asString().contains("--name is required");
  }

  @Test
  void aSingleFileWithoutSignatureSaysHowToGiveOne() throws IOException {
    Path file = Files.copy(ExampleModels.onnx(BREAST), dir.resolve("m.onnx"));

    CommandRun run = run(args("models", "register", file.toString(), "--name", "m"));

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.errLines()).singleElement().asString().contains("--signature FILE");
  }

  @Test
  void aMissingTrainingDataFileIsNamed() {
    Path missing = dir.resolve("nope.csv");
    CommandRun run =
        run(
            args(
                "models",
                "register",
                ExampleModels.dir(BREAST).toString(),
                "--train-data",
                missing.toString()));

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.errLines())
        .containsExactly("modelport: no such file: " + missing + " (--train-data)");
  }

  @Test
  void aMetricThatIsNotANumberIsAUsageErrorNamingTheOption() {
    CommandRun run =
        run(
            args(
                "models",
                "register",
                ExampleModels.dir(BREAST).toString(),
                "--metric",
                "accuracy=high"));

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.errLines()).singleElement().asString().contains("--metric");
  }

  @Test
  void aMissingCsvIsNamed() {
    Path missing = dir.resolve("rows.csv");
    CommandRun run = run(args("infer", BREAST, "--csv", missing.toString()), "--registry", down());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.errLines()).containsExactly("modelport: no such file: " + missing);
  }

  @Test
  void anAliasVersionThatIsNotANumberIsAUsageError() {
    CommandRun run = run(args("alias", "set", BREAST, "champion", "latest"));

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.errLines())
        .singleElement()
        .asString()
        .contains("VERSION must be a version number")
        .contains("'latest'");
  }

  @Test
  void aMissingArgumentIsAUsageErrorThatPointsAtHelp() {
    CommandRun run = run(args("models", "show"));

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.errLines())
        .containsExactly(
            "modelport: Missing required parameter: 'MODEL' (usage: modelport models show --help)");
  }

  @Test
  void aGroupWithoutItsCommandIsAUsageError() {
    assertThat(run(args("models")).code()).isEqualTo(2);
    assertThat(run(args("versions")).code()).isEqualTo(2);
    assertThat(run(args("alias")).code()).isEqualTo(2);
  }

  @Test
  void everyCommandHasHelp() {
    for (String[] command :
        List.of(
            args("models"),
            args("models", "list"),
            args("models", "show"),
            args("models", "register"),
            args("versions", "list"),
            args("alias", "set"),
            args("alias", "delete"),
            args("infer"),
            args("bench"))) {
      CommandRun run = run(command, "--help");
      assertThat(run.code()).as(String.join(" ", command)).isZero();
      assertThat(run.out())
          .as(String.join(" ", command))
          .startsWith("Usage: modelport " + String.join(" ", command));
    }
    assertThat(run(args("infer", "--help")).out())
        .contains("--registry", "--serving", "--grpc", "--api-key", "--drift");
  }

  private CommandRun run(String[] command, String... options) {
    List<String> all = new ArrayList<>(Arrays.asList(command));
    all.addAll(List.of(options));
    // no up.properties in an empty data folder: the defaults do not reach a suite on this machine
    if (!all.contains("--help")) {
      all.addAll(List.of("--data-dir", dir.resolve("data").toString()));
    }
    return CommandRun.of(all.toArray(String[]::new));
  }

  private static String[] args(String... args) {
    return args;
  }
}
