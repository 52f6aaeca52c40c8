package dev.modelport.cli.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.modelport.testsupport.ExampleModels;
import dev.modelport.testsupport.FreePorts;
import dev.modelport.testsupport.PackagedService;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the real suite (the packaged services as processes, the broker in this JVM) on free ports
 * with a repository holding only breast-cancer-mlp, talks to each service, stops it and checks that
 * no child process is left. Skipped when a service is not packaged.
 */
class SuiteUpIT {

  private static final String MODEL = ExampleModels.BREAST_CANCER;

  /** The flat {@code data} array of the first output of a V2 answer. */
  private static final Pattern OUTPUT_DATA =
      Pattern.compile("\"outputs\".*?\"data\"\\s*:\\s*\\[([^\\]]*)\\]", Pattern.DOTALL);

  @TempDir Path dir;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void theSuiteServesAnInferenceAnswersOnEveryServiceAndLeavesNoProcessBehind() throws Exception {
    Path home = ExampleModels.projectRoot();
    for (Service service : Service.values()) {
      assumeTrue(
          PackagedService.isPackaged(service.module()),
          service.module()
              + " is not packaged ("
              + PackagedService.jar(service.module())
              + "); run ./mvnw package -DskipTests first");
    }
    Path models = copyModel(ExampleModels.dir(MODEL), dir.resolve("models"));
    int[] ports = FreePorts.next(5);
    UpSettings settings =
        new UpSettings(
            home,
            dir.resolve("data"),
            models,
            ports[0],
            ports[1],
            ports[2],
            ports[3],
            ports[4],
            true,
            true,
            Duration.ofSeconds(80));

    List<ProcessHandle> children;
    try (RunningSuite suite = new RunningSuite(new PrintStream(PrintStream.nullOutputStream()))) {
      new SuiteLauncher(settings, System.out).startInto(suite);
      children = suite.processes();
      assertThat(children).hasSize(3).allMatch(ProcessHandle::isAlive);

      float[] features = fp32(ExampleModels.csv(MODEL, "test.csv").withoutLastColumn()[0]);
      double[] expected = ExampleModels.csv(MODEL, "expected_test_probabilities.csv").rows()[0];
      double[] output = outputData(infer(settings.servingPort(), features));
      assertThat(output).hasSameSizeAs(expected);
      for (int i = 0; i < expected.length; i++) {
        assertThat(output[i]).isCloseTo(expected[i], within(1e-4));
      }

      assertThat(status("http://localhost:" + settings.registryPort() + "/api/v1/models"))
          .isEqualTo(200);
      assertThat(status("http://localhost:" + settings.driftPort() + "/q/health/ready"))
          .isEqualTo(200);

      suite.close();
      assertThat(suite.isClosed()).isTrue();
    }
    assertThat(children).noneMatch(ProcessHandle::isAlive);
    assertThat(PortProbe.isFree(settings.kafkaPort())).as("broker port released").isTrue();
  }

  private static Path copyModel(Path from, Path repository) throws IOException {
    Path to = Files.createDirectories(repository.resolve(MODEL));
    for (String name : List.of("model.yaml", "model.onnx", "model.pt")) {
      Files.copy(from.resolve(name), to.resolve(name));
    }
    return repository;
  }

  private String infer(int port, float[] features) throws IOException, InterruptedException {
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
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/v2/models/" + MODEL + "/infer"))
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

  private int status(String url) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** A row of test.csv as the FP32 features a client sends. */
  private static float[] fp32(double[] row) {
    float[] out = new float[row.length];
    for (int i = 0; i < row.length; i++) {
      out[i] = (float) row[i];
    }
    return out;
  }
}
