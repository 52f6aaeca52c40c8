package dev.modelport.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.modelport.testsupport.CsvTable;
import dev.modelport.testsupport.ExampleModels;
import dev.modelport.testsupport.FreePorts;
import dev.modelport.testsupport.Http;
import dev.modelport.testsupport.PackagedService;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client commands against the packaged registry-service and serving-service (registry source)
 * run as processes on free ports: register the example folders, move aliases, infer over REST and
 * gRPC and compare with the reference outputs, bench. The commands run in this JVM through {@link
 * CommandRun}, as {@code ./modelport} runs them. Skipped when a service is not packaged.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClientCommandsIT {
  private static final String BREAST = ExampleModels.BREAST_CANCER;
  private static final String CREDIT = ExampleModels.CREDIT_RISK;

  @TempDir static Path dir;

  private static PackagedService registry;
  private static PackagedService serving;
  private static String[] connection;
  private static int grpcPort;

  @BeforeAll
  static void startServices() {
    for (String module : List.of("registry-service", "serving-service")) {
      assumeTrue(
          PackagedService.isPackaged(module),
          module + " is not packaged; run ./mvnw -pl " + module + " -am package -DskipTests");
    }
    int[] ports = FreePorts.next(4);
    registry =
        PackagedService.of("registry-service")
            .httpPort(ports[0])
            .workDir(dir)
            .log(dir.resolve("registry.log"))
            .property("quarkus.http.host", "127.0.0.1")
            .property("modelport.registry.data-dir", dir.resolve("registry"))
            .property("modelport.registry.security.enabled", false)
            .jvmArg("-Xmx256m")
            .start();
    String registryUrl = "http://127.0.0.1:" + ports[0];
    grpcPort = ports[2];
    serving =
        PackagedService.of("serving-service")
            .httpPort(ports[1])
            .readiness(URI.create("http://127.0.0.1:" + ports[1] + "/q/health/live"))
            .workDir(dir)
            .log(dir.resolve("serving.log"))
            .property("quarkus.http.host", "127.0.0.1")
            .property("quarkus.grpc.server.port", ports[2])
            .property("quarkus.grpc.server.host", "127.0.0.1")
            .property("modelport.serving.source", "registry")
            .property("modelport.serving.registry.url", registryUrl)
            .property("modelport.serving.registry.poll-wait", "2s")
            .property("modelport.serving.cache-dir", dir.resolve("serving-cache"))
            // no broker: serving counts its events as dropped and goes on serving
            .property("kafka.bootstrap.servers", "127.0.0.1:" + ports[3])
            .property("modelport.serving.engine.onnx.intra-op-threads", 1)
            .jvmArg("-Xmx512m")
            .start();
    connection =
        new String[] {
          "--registry",
          registryUrl,
          "--serving",
          "http://127.0.0.1:" + ports[1],
          "--data-dir",
          dir.resolve("no-up").toString()
        };
  }

  @AfterAll
  static void stopServices() {
    if (serving != null) {
      serving.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  @Order(1)
  void registeringAnExampleFolderCreatesTheModelAndPrintsTheVersion() {
    CommandRun run =
        run(
            "models",
            "register",
            ExampleModels.dir(BREAST).toString(),
            "--metric",
            "accuracy=0.956",
            "--tag",
            "team=demo");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.outLines())
        .containsExactly(
            "registered " + BREAST + " version 1 (onnx, 17.4 KiB, baseline from train.csv)");

    CommandRun second =
        run(
            "models",
            "register",
            ExampleModels.dir(BREAST).toString(),
            "--format",
            "torchscript",
            "--quiet");
    assertThat(second.code()).as(second.err()).isZero();
    assertThat(second.outLines()).containsExactly("2");
  }

  @Test
  @Order(2)
  void aliasSetShowsInModelsListShowAndVersionsList() {
    CommandRun set = run("alias", "set", BREAST, "champion", "1");
    assertThat(set.code()).as(set.err()).isZero();
    assertThat(set.outLines())
        .containsExactly("champion of " + BREAST + " now points at version 1");

    CommandRun list = run("models", "list");
    assertThat(list.code()).isZero();
    assertThat(list.outLines())
        .anySatisfy(l -> assertThat(l).matches(BREAST + "\\s+2\\s+champion=1\\s*"));

    CommandRun show = run("models", "show", BREAST);
    assertThat(show.code()).isZero();
    assertThat(show.out()).contains("Aliases:     champion=1", "Versions:    2");
    assertThat(show.outLines())
        .anySatisfy(
            l ->
                assertThat(l)
                    .matches("1\\s+onnx\\s+17.4 KiB\\s+yes\\s+champion\\s+accuracy=0.956\\s+\\S+"))
        .anySatisfy(l -> assertThat(l).matches("2\\s+torchscript\\s+28.6 KiB\\s+yes\\s+\\S+"));

    CommandRun versions = run("versions", "list", BREAST);
    assertThat(versions.code()).isZero();
    assertThat(versions.outLines()).hasSize(3).first().asString().startsWith("VERSION");
  }

  @Test
  @Order(3)
  void inferOverRestAndGrpcMatchesTheReferenceOutputs() throws IOException {
    awaitServed(BREAST);
    Path test = ExampleModels.file(BREAST, "test.csv");
    CsvTable expected =
        CsvTable.read(ExampleModels.file(BREAST, "expected_test_probabilities.csv"));

    CommandRun rest = run("infer", BREAST, "--csv", test.toString(), "--output", "csv");
    assertThat(rest.code()).as(rest.err()).isZero();
    assertMatches(rest, expected);

    CommandRun grpc =
        run("infer", BREAST, "--csv", test.toString(), "--output", "csv", "--grpc", grpcAddress());
    assertThat(grpc.code()).as(grpc.err()).isZero();
    assertMatches(grpc, expected);

    CommandRun table = run("infer", BREAST, "--csv", test.toString());
    assertThat(table.outLines().get(0))
        .matches("ROW\\s+label\\s+probabilities\\[0\\]\\s+probabilities\\[1\\]");
    assertThat(table.outLines()).hasSize(expected.size() + 1);
  }

  @Test
  @Order(4)
  void aMixedFp32AndInt64ModelTakesItsTestRowsFromTheCsv() throws IOException {
    CommandRun register = run("models", "register", ExampleModels.dir(CREDIT).toString(), "-q");
    assertThat(register.code()).as(register.err()).isZero();
    assertThat(run("alias", "set", CREDIT, "champion", register.outLines().get(0)).code()).isZero();
    awaitServed(CREDIT);

    CommandRun run =
        run(
            "infer",
            CREDIT,
            "--csv",
            ExampleModels.file(CREDIT, "test.csv").toString(),
            "--output",
            "csv",
            "--grpc",
            grpcAddress());

    assertThat(run.code()).as(run.err()).isZero();
    assertMatches(
        run, CsvTable.read(ExampleModels.file(CREDIT, "expected_test_probabilities.csv")));
  }

  @Test
  @Order(5)
  void aCsvWithTheWrongColumnsNamesTheMissingAndUnknownColumn() throws IOException {
    List<String> lines = Files.readAllLines(ExampleModels.file(BREAST, "test.csv"));
    lines.set(0, lines.get(0).replace("mean_radius", "mean_radious"));
    Path csv = Files.write(dir.resolve("misspelt.csv"), lines);

    CommandRun run = run("infer", BREAST, "--csv", csv.toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.errLines())
        .singleElement()
        .asString()
        .startsWith(
            "modelport: "
                + csv
                + ": missing column 'mean_radius'; unknown columns 'mean_radious', 'label'");
  }

  @Test
  @Order(5)
  void anUnknownModelIsNamedWithTheRegistrysUrl() {
    for (String[] command :
        List.of(
            new String[] {"models", "show", "no-such-model"},
            new String[] {"versions", "list", "no-such-model"},
            new String[] {"alias", "set", "no-such-model", "champion", "1"},
            new String[] {
              "infer", "no-such-model", "--csv", ExampleModels.file(BREAST, "test.csv").toString()
            },
            new String[] {"bench", "no-such-model", "--duration", "1"})) {
      CommandRun run = run(command);
      assertThat(run.code()).as(String.join(" ", command)).isEqualTo(1);
      assertThat(run.errLines())
          .as(String.join(" ", command))
          .containsExactly(
              "modelport: model 'no-such-model' not found in the registry at " + connection[1]);
    }
  }

  @Test
  @Order(5)
  void aVersionThatIsNotLoadedIsServingsAnswerInOneLine() {
    CommandRun run =
        run(
            "infer",
            BREAST,
            "--csv",
            ExampleModels.file(BREAST, "test.csv").toString(),
            "--version",
            "2");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.errLines())
        .singleElement()
        .asString()
        .startsWith("modelport: model '" + BREAST + "' version 2 is not served at ");
  }

  @Test
  @Order(5)
  void aModelFileInTheWrongFormatIsTheRegistrysRefusal() {
    CommandRun run =
        run(
            "models",
            "register",
            ExampleModels.file(BREAST, "model.pt").toString(),
            "--name",
            "wrong-format",
            "--format",
            "onnx");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.errLines())
        .singleElement()
        .asString()
        .startsWith("modelport: the registry at " + connection[1] + " refused it (400): ");
  }

  @Test
  @Order(5)
  void servingThatIsDownIsNamed() {
    String down = "http://127.0.0.1:" + FreePorts.next();
    List<String> args =
        new ArrayList<>(
            List.of("infer", BREAST, "--csv", ExampleModels.file(BREAST, "test.csv").toString()));
    args.addAll(
        List.of("--registry", connection[1], "--serving", down, "--data-dir", connection[5]));

    CommandRun run = CommandRun.of(args.toArray(String[]::new));

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.errLines())
        .containsExactly(
            "modelport: cannot reach serving at "
                + down
                + " (connection refused): is 'modelport up' running? Another suite: --serving URL");
  }

  @Test
  @Order(6)
  void benchPrintsASummaryOfRequestsPerSecondAndLatency() {
    CommandRun run = run("bench", BREAST, "--duration", "2", "--warmup", "1", "--concurrency", "2");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.outLines()).hasSize(2);
    assertThat(run.outLines().get(0))
        .matches(
            "MODEL\\s+PROTOCOL\\s+CONCURRENCY\\s+ROWS/REQ\\s+REQUESTS\\s+ERRORS\\s+REQ/S\\s+P50 MS\\s+P99 MS");
    String[] cells = run.outLines().get(1).split("\\s+");
    assertThat(cells[0]).isEqualTo(BREAST);
    assertThat(cells[1]).isEqualTo("REST");
    assertThat(Long.parseLong(cells[4])).isPositive();
    assertThat(Long.parseLong(cells[5])).isZero();
    assertThat(Double.parseDouble(cells[6])).isPositive();
    assertThat(Double.parseDouble(cells[8])).isGreaterThanOrEqualTo(Double.parseDouble(cells[7]));
  }

  @Test
  @Order(7)
  void aliasDeleteRemovesTheAlias() {
    CommandRun delete = run("alias", "delete", BREAST, "champion");
    assertThat(delete.code()).as(delete.err()).isZero();
    assertThat(run("models", "show", BREAST).out()).contains("Aliases:     none");

    CommandRun again = run("alias", "delete", BREAST, "champion");
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.errLines())
        .singleElement()
        .asString()
        .contains("not found in the registry at");
  }

  private static void assertMatches(CommandRun run, CsvTable expected) {
    List<String> lines = run.outLines();
    assertThat(lines.get(0)).isEqualTo("ROW,label,probabilities[0],probabilities[1]");
    assertThat(lines).hasSize(expected.size() + 1);
    for (int r = 0; r < expected.size(); r++) {
      String[] cells = lines.get(r + 1).split(",");
      for (int k = 0; k < 2; k++) {
        assertThat(Double.parseDouble(cells[2 + k]))
            .as("row %d output %d", r + 1, k)
            .isCloseTo(expected.rows()[r][k], within(1e-4));
      }
    }
  }

  private static void awaitServed(String model) {
    Http.awaitStatus(
        URI.create(connection[3] + "/v2/models/" + model + "/ready"), 200, Duration.ofSeconds(90));
  }

  private static String grpcAddress() {
    return "127.0.0.1:" + grpcPort;
  }

  private static CommandRun run(String... command) {
    List<String> args = new ArrayList<>(Arrays.asList(command));
    args.addAll(List.of(connection));
    return CommandRun.of(args.toArray(String[]::new));
  }
}
