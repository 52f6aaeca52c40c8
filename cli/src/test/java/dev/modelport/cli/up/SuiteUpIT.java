package dev.modelport.cli.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.modelport.cli.suite.SuiteEndpoints;
import dev.modelport.registryclient.RegistryClient;
import dev.modelport.registryclient.api.Alias;
import dev.modelport.testsupport.CsvTable;
import dev.modelport.testsupport.ExampleModels;
import dev.modelport.testsupport.FreePorts;
import dev.modelport.testsupport.PackagedService;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code modelport up} as a process, the way a user does (the command's JVM with {@code
 * cli/target/classpath.txt}, the packaged services as its children), on free ports with a models
 * folder holding only breast-cancer-mlp; then {@code modelport demo} as a process against it, a
 * second {@code up} on the same data folder, {@code modelport infer}, {@code models register} and
 * {@code alias set} as processes (serving must follow champion to the new version), the README's
 * walkthrough ({@link ReadmeWalkthrough}) as one shell script, and a SIGTERM that must leave no
 * process behind. Skipped when a service or the command is not packaged.
 */
class SuiteUpIT {

  private static final String MODEL = ExampleModels.BREAST_CANCER;
  private static final Pattern URL = Pattern.compile("(http://[^\\s]+)");
  private static final Pattern MODEL_VERSION =
      Pattern.compile("\"model_version\"\\s*:\\s*\"([^\"]*)\"");
  private static final Pattern VERSIONS_2_ONLY =
      Pattern.compile("\"versions\"\\s*:\\s*\\[\\s*\"2\"\\s*\\]");
  private static final Pattern OUTPUT_DATA =
      Pattern.compile("\"outputs\".*?\"data\"\\s*:\\s*\\[([^\\]]*)\\]", Pattern.DOTALL);

  @TempDir Path dir;

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void stopWhatIsLeft() throws InterruptedException, IOException {
    // the consoles of up, the second up and demo, for the failsafe report's output file
    for (String name :
        List.of(
            "up.out",
            "second.out",
            "demo.out",
            "infer.out",
            "register.out",
            "alias.out",
            "walkthrough.out")) {
      System.out.println("==== " + name + "\n" + read(dir.resolve(name)));
    }
    for (Process p : started) {
      List<ProcessHandle> children = p.descendants().toList();
      p.destroy();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
      children.forEach(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void upRegistersAndServesTheExampleTheDemoShowsDriftASecondUpIsRefusedAndStopLeavesNothing()
      throws Exception {
    Path home = ExampleModels.projectRoot();
    for (Service service : Service.values()) {
      assumeTrue(
          PackagedService.isPackaged(service.module()),
          service.module() + " is not packaged; run ./mvnw package -DskipTests first");
    }
    Path classpath = home.resolve("cli/target/classpath.txt");
    assumeTrue(Files.isRegularFile(classpath), classpath + " is missing (mvn package writes it)");
    Path models = copyModel(ExampleModels.dir(MODEL), dir.resolve("models"));
    Path data = dir.resolve("data");
    int[] ports = FreePorts.next(5);
    List<String> upArgs =
        List.of(
            "up",
            "--home",
            home.toString(),
            "--data-dir",
            data.toString(),
            "--models",
            models.toString(),
            "--kafka-port",
            String.valueOf(ports[0]),
            "--registry-port",
            String.valueOf(ports[1]),
            "--serving-port",
            String.valueOf(ports[2]),
            "--grpc-port",
            String.valueOf(ports[3]),
            "--drift-port",
            String.valueOf(ports[4]),
            "--start-timeout",
            "150",
            "--set",
            "serving.modelport.serving.engine.onnx.intra-op-threads=1");
    Path upOut = dir.resolve("up.out");
    Process up = command(upArgs, upOut);
    await("modelport up is up")
        .atMost(Duration.ofSeconds(240))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              assertThat(up.isAlive()).as("up is running: %s", read(upOut)).isTrue();
              return read(upOut).contains("Modelport is up.");
            });
    String console = read(upOut);
    assertThat(console)
        .contains("registry-service is ready (")
        .contains(
            "Registered " + MODEL + " version 1 (onnx, baseline from train.csv), champion -> 1")
        .contains("serving-service serves " + MODEL + " version 1 (champion)");

    SuiteEndpoints endpoints = SuiteEndpoints.read(SuiteEndpoints.file(data)).orElseThrow();
    assertThat(endpoints.pid()).isEqualTo(up.pid());
    assertThat(endpoints.serving()).isEqualTo(URI.create("http://127.0.0.1:" + ports[2]));

    List<ProcessHandle> children = up.descendants().toList();
    assertThat(children).hasSize(3).allMatch(ProcessHandle::isAlive);
    String servingCommand =
        children.stream()
            .map(c -> String.join(" ", c.info().arguments().orElse(new String[0])))
            .filter(c -> c.contains("serving-service"))
            .findFirst()
            .orElseThrow();
    assertThat(servingCommand)
        .contains("-Dmodelport.serving.source=registry")
        .contains("-Dkafka.bootstrap.servers=127.0.0.1:" + ports[0])
        .contains("-Dquarkus.http.host=127.0.0.1")
        .contains("-Dmodelport.serving.engine.onnx.intra-op-threads=1");

    RegistryClient registry = RegistryClient.builder(endpoints.registry()).build();
    Alias champion = registry.resolveAlias(MODEL, "champion");
    assertThat(champion.version().toString()).isEqualTo("1");
    assertThat(registry.getVersion(MODEL, champion.version()).hasBaseline()).isTrue();

    List<String> urls = new ArrayList<>();
    Matcher m = URL.matcher(console.substring(console.indexOf("Modelport is up.")));
    while (m.find()) {
      urls.add(m.group(1));
    }
    String report =
        urls.stream().filter(u -> u.contains("/drift/" + MODEL)).findFirst().orElseThrow();
    assertThat(urls)
        .contains(
            endpoints.serving() + "/v2/health/ready", endpoints.serving() + "/v2/models/" + MODEL);
    for (String url : urls) {
      if (!url.equals(report)) {
        assertThat(status(url)).as(url).isEqualTo(200);
      }
    }

    Path secondOut = dir.resolve("second.out");
    long logSize = Files.size(data.resolve("logs/serving-service.log"));
    Process second = command(upArgs, secondOut);
    assertThat(second.waitFor(90, TimeUnit.SECONDS)).as("second up ends").isTrue();
    assertThat(second.exitValue()).isEqualTo(1);
    assertThat(read(secondOut)).contains("already running").contains("pid " + up.pid());
    assertThat(Files.size(data.resolve("logs/serving-service.log")))
        .isGreaterThanOrEqualTo(logSize);
    assertThat(up.isAlive()).isTrue();

    Path demoOut = dir.resolve("demo.out");
    Process demo =
        command(
            List.of(
                "demo", "--data-dir", data.toString(), "--home", home.toString(), "--rate", "40"),
            demoOut);
    assertThat(demo.waitFor(150, TimeUnit.SECONDS)).as("demo ends: %s", read(demoOut)).isTrue();
    String demoConsole = read(demoOut);
    assertThat(demo.exitValue()).as(demoConsole).isZero();
    assertThat(demoConsole)
        .contains("test rows: 0 of 30 features drifted; data set drift no")
        .contains("drifted rows: 5 of 30 features drifted (")
        .contains("Report: " + report);
    String driftedLine =
        demoConsole
            .lines()
            .filter(l -> l.contains("drifted rows: 5 of 30"))
            .findFirst()
            .orElseThrow();
    assertThat(driftedLine).contains(ExampleModels.BREAST_CANCER_DRIFTED);
    assertThat(demoConsole).containsPattern("mean_radius +ks +\\|[^|]+ok +\\|[^|]+DRIFT");
    assertThat(status(report)).as(report).isEqualTo(200);

    float[] features = fp32(ExampleModels.csv(MODEL, "test.csv").withoutLastColumn()[0]);
    double[] expected = ExampleModels.csv(MODEL, "expected_test_probabilities.csv").rows()[0];
    double[] output = outputData(infer(endpoints.serving(), features));
    assertThat(output).hasSameSizeAs(expected);
    for (int i = 0; i < expected.length; i++) {
      assertThat(output[i]).isCloseTo(expected[i], within(1e-4));
    }

    Path test = ExampleModels.file(MODEL, "test.csv");
    CsvTable expectedTable =
        CsvTable.read(ExampleModels.file(MODEL, "expected_test_probabilities.csv"));
    String inferConsole =
        finish(
            "infer.out",
            "infer",
            MODEL,
            "--csv",
            test.toString(),
            "--output",
            "csv",
            "--data-dir",
            data.toString());
    assertPredictions(inferConsole, expectedTable);

    // a new version from a model folder, champion moved to it: serving follows the registry
    Path newVersion =
        copyModel(ExampleModels.dir(MODEL), dir.resolve("new-version")).resolve(MODEL);
    String registered =
        finish(
            "register.out",
            "models",
            "register",
            newVersion.toString(),
            "-q",
            "--data-dir",
            data.toString());
    assertThat(registered.lines().toList()).last().isEqualTo("2");
    assertThat(
            finish(
                "alias.out", "alias", "set", MODEL, "champion", "2", "--data-dir", data.toString()))
        .contains("champion of " + MODEL + " now points at version 2");
    await("serving answers with version 2 after champion moved")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> answeredBy(infer(endpoints.serving(), features)).equals("2"));
    await("version 1 unloaded")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> get(endpoints.serving() + "/v2/models/" + MODEL), VERSIONS_2_ONLY.asPredicate());
    double[] fromVersion2 = outputData(infer(endpoints.serving(), features));
    for (int i = 0; i < expected.length; i++) {
      assertThat(fromVersion2[i]).isCloseTo(expected[i], within(1e-4));
    }

    // the README's walkthrough, word for word but for the ports
    String script =
        ReadmeWalkthrough.read(home.resolve("README.md"))
            .script(
                Map.of(
                    8080, ports[2],
                    8081, ports[3],
                    8090, ports[1],
                    8092, ports[4]));
    Path walkthroughOut = dir.resolve("walkthrough.out");
    ProcessBuilder walkthrough =
        new ProcessBuilder("bash", "-c", script)
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(walkthroughOut.toFile());
    walkthrough.environment().put("MODELPORT_DATA_DIR", data.toString());
    Process shell = walkthrough.start();
    started.add(shell);
    assertThat(shell.waitFor(240, TimeUnit.SECONDS))
        .as("walkthrough ends: %s", read(walkthroughOut))
        .isTrue();
    assertThat(shell.exitValue()).as("walkthrough: %s", read(walkthroughOut)).isZero();
    String servingLog = read(data.resolve("logs/serving-service.log"));
    assertThat(servingLog).doesNotContain("Unrecognized configuration key");

    up.destroy();
    assertThat(up.waitFor(90, TimeUnit.SECONDS)).as("up stops on SIGTERM").isTrue();
    assertThat(children).noneMatch(ProcessHandle::isAlive);
    assertThat(read(upOut)).contains("Modelport stopped.").doesNotContain("exited on its own");
    assertThat(SuiteEndpoints.file(data)).doesNotExist();
    assertThat(PortProbe.isFree(ports[0])).as("broker port released").isTrue();
  }

  /** Runs the modelport command in its own JVM, as ./modelport does, output to {@code out}. */
  private Process command(List<String> args, Path out) throws IOException {
    Path home = ExampleModels.projectRoot();
    String classpath =
        home.resolve("cli/target/classes")
            + File.pathSeparator
            + Files.readString(home.resolve("cli/target/classpath.txt")).strip();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(classpath);
    command.add("dev.modelport.cli.Modelport");
    command.addAll(args);
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    started.add(process);
    return process;
  }

  /** Runs a modelport command to its end (at most 90 s); its console, after exit code 0. */
  private String finish(String out, String... args) throws IOException, InterruptedException {
    Path file = dir.resolve(out);
    Process process = command(List.of(args), file);
    assertThat(process.waitFor(90, TimeUnit.SECONDS))
        .as("%s ends: %s", String.join(" ", args), read(file))
        .isTrue();
    assertThat(process.exitValue()).as("%s: %s", String.join(" ", args), read(file)).isZero();
    return read(file);
  }

  /** {@code infer --output csv}'s rows against the reference probabilities. */
  private static void assertPredictions(String console, CsvTable expected) {
    List<String> lines = console.lines().toList();
    int header = lines.indexOf("ROW,label,probabilities[0],probabilities[1]");
    assertThat(header).as("the predictions' header in %s", console).isNotNegative();
    List<String> rows = lines.subList(header + 1, lines.size());
    assertThat(rows).hasSize(expected.size());
    for (int r = 0; r < expected.size(); r++) {
      String[] cells = rows.get(r).split(",");
      assertThat(cells[0]).isEqualTo(String.valueOf(r + 1));
      for (int k = 0; k < 2; k++) {
        assertThat(Double.parseDouble(cells[2 + k]))
            .as("row %d output %d", r + 1, k)
            .isCloseTo(expected.rows()[r][k], within(1e-4));
      }
    }
  }

  private static String answeredBy(String answer) {
    Matcher matcher = MODEL_VERSION.matcher(answer);
    assertThat(matcher.find()).as("model_version in %s", answer).isTrue();
    return matcher.group(1);
  }

  private String get(String url) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build();
    return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
  }

  private static String read(Path file) throws IOException {
    return Files.isRegularFile(file) ? Files.readString(file) : "";
  }

  private static Path copyModel(Path from, Path repository) throws IOException {
    Path to = Files.createDirectories(repository.resolve(MODEL));
    for (String name : List.of("model.yaml", "model.onnx", "train.csv")) {
      Files.copy(from.resolve(name), to.resolve(name));
    }
    return repository;
  }

  private int status(String url) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private String infer(URI serving, float[] features) throws IOException, InterruptedException {
    StringBuilder data = new StringBuilder();
    for (float feature : features) {
      data.append(data.length() == 0 ? "" : ",").append(feature);
    }
    String body =
        "{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[1,"
            + features.length
            + "],\"data\":["
            + data
            + "]}]}";
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(serving + "/v2/models/" + MODEL + "/infer"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("inference answer %s", response.body()).isEqualTo(200);
    return response.body();
  }

  private static double[] outputData(String answer) {
    Matcher matcher = OUTPUT_DATA.matcher(answer);
    assertThat(matcher.find()).as("outputs in %s", answer).isTrue();
    return Arrays.stream(matcher.group(1).split(","))
        .map(String::trim)
        .mapToDouble(Double::parseDouble)
        .toArray();
  }

  private static float[] fp32(double[] row) {
    float[] out = new float[row.length];
    for (int i = 0; i < row.length; i++) {
      out[i] = (float) row[i];
    }
    return out;
  }
}
