package dev.modelport.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.modelport.protocol.model.FeatureType;
import dev.modelport.protocol.model.ModelSignature;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExampleModelsTest {

  @Test
  void findsTheSixExampleModelsFromAnyModule() {
    assertThat(ExampleModels.names())
        .containsExactly(
            "breast-cancer-mlp",
            "credit-risk-mixed",
            "diabetes-regressor",
            "digits-cnn",
            "digits-static-batch",
            "mobilenet-v3-small");
  }

  @Test
  void signaturesComeFromModelYamlWithTheTrainingColumnsAsFeatures() {
    ModelSignature breast = ExampleModels.signature(ExampleModels.BREAST_CANCER);
    CsvTable train = ExampleModels.csv(ExampleModels.BREAST_CANCER, "train.csv");

    assertThat(breast.inputFeatureNames()).isEqualTo(train.header().subList(0, 30));
    assertThat(breast.inputFeatureNames()).containsAll(ExampleModels.BREAST_CANCER_DRIFTED);
    assertThat(
            ExampleModels.signature(ExampleModels.CREDIT_RISK).inputFeatures().stream()
                .filter(f -> f.type() == FeatureType.CATEGORICAL)
                .map(f -> f.name()))
        .containsExactly("region", "employment");
  }

  @Test
  void csvTablesDropTheLabelColumnOnRequest() {
    CsvTable test = ExampleModels.csv(ExampleModels.BREAST_CANCER, "test.csv");
    CsvTable expected =
        ExampleModels.csv(ExampleModels.BREAST_CANCER, "expected_test_probabilities.csv");

    assertThat(test.size()).isEqualTo(expected.size()).isGreaterThan(10);
    assertThat(test.withoutLastColumn()[0]).hasSize(30);
    assertThat(test.floats(0, 30)).hasSize(30 * test.size());
    assertThat(Arrays.stream(expected.rows()).mapToDouble(r -> r[0] + r[1]))
        .allSatisfy(sum -> assertThat(sum).isBetween(0.999, 1.001));
  }

  @Test
  void anUnknownModelIsNamed() {
    assertThatThrownBy(() -> ExampleModels.dir("no-such-model"))
        .hasMessageContaining("no-such-model");
  }

  @Test
  void freePortsAreDistinctAndBindable() throws Exception {
    int[] ports = FreePorts.next(5);
    assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(5);
    try (var socket = new java.net.ServerSocket(ports[0], 1, InetAddress.getLoopbackAddress())) {
      assertThat(socket.getLocalPort()).isEqualTo(ports[0]);
    }
  }

  @Test
  void awaitStatusWaitsForTheStateNotForATime() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/ready",
        exchange -> {
          int status = calls.incrementAndGet() < 3 ? 503 : 200;
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
    try {
      URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ready");
      Http.awaitStatus(uri, 200, Duration.ofSeconds(10));
      assertThat(calls.get()).isEqualTo(3);
      assertThat(Http.status(URI.create("http://127.0.0.1:" + FreePorts.next() + "/")))
          .isEqualTo(-1);
    } finally {
      server.stop(0);
    }
  }
}
