package dev.modelport.serving.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.modelport.protocol.model.ModelSignature;
import dev.modelport.protocol.model.TensorSpec;
import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.registryclient.RegistryClient;
import dev.modelport.registryclient.VersionUpload;
import dev.modelport.registryclient.api.ArtifactFormat;
import dev.modelport.registryclient.api.NewModel;
import dev.modelport.registryclient.api.VersionMetadata;
import dev.modelport.testsupport.CsvTable;
import dev.modelport.testsupport.ExampleModels;
import dev.modelport.testsupport.FreePorts;
import dev.modelport.testsupport.PackagedService;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Serving from a real registry: the packaged registry-service (H2 and filesystem blobs in a temp
 * folder, security off) and the packaged serving-service with {@code source=registry} and no
 * deployment for the model but a canary ({@code alias:challenger}, 10 %) and a shadow ({@code
 * alias:shadow}) that stay empty until those aliases exist. The tests run in order on the same two
 * processes, as one story: champion v1 goes live, rollouts 1 → 2 → 1 under load, canary, shadow,
 * refused versions, registry outage, restart from the cache.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistryServingIT {

  static final String MODEL = ExampleModels.BREAST_CANCER;
  static final Duration TIMEOUT = Duration.ofSeconds(90);

  static Path work;
  static PackagedService registry;
  static PackagedService serving;
  static RegistryClient client;
  static ServingProcesses api;
  static CsvTable test;

  @BeforeAll
  static void start() throws IOException {
    assumeTrue(
        PackagedService.isPackaged("registry-service")
            && PackagedService.isPackaged("serving-service"),
        "registry-service or serving-service is not packaged ("
            + PackagedService.jar("registry-service")
            + "): run ./mvnw -pl registry-service,serving-service -am verify");
    work = Files.createTempDirectory("serving-registry-it");
    int registryPort = FreePorts.next();
    registry =
        PackagedService.of("registry-service")
            .httpPort(registryPort)
            .property("modelport.registry.data-dir", work.resolve("registry"))
            .property("modelport.registry.security.enabled", false)
            .property("modelport.registry.events.poll-interval", "100ms")
            .property("java.io.tmpdir", work)
            .log(Path.of("target", "registry-serving-it-registry.log").toAbsolutePath())
            .startTimeout(TIMEOUT)
            .start();
    client = RegistryClient.builder(URI.create("http://127.0.0.1:" + registryPort)).build();
    client.createModel(new NewModel(MODEL, "issue 11 test", Map.of()));
    int[] ports = FreePorts.next(2);
    serving =
        PackagedService.of("serving-service")
            .httpPort(ports[0])
            .property("quarkus.grpc.server.port", ports[1])
            .property("quarkus.grpc.server.host", "127.0.0.1")
            .property("modelport.serving.source", "registry")
            .property("modelport.serving.registry.url", "http://127.0.0.1:" + registryPort)
            .property("modelport.serving.registry.poll-wait", "2s")
            .property("modelport.serving.registry.reconcile-interval", "3s")
            .property("modelport.serving.cache-dir", work.resolve("serving-cache"))
            .property("modelport.serving.deployments.\"" + MODEL + "\".canary", "alias:challenger")
            .property("modelport.serving.deployments.\"" + MODEL + "\".canary-weight", 10)
            .property("modelport.serving.deployments.\"" + MODEL + "\".shadow", "alias:shadow")
            .property("modelport.serving.canary-seed", 42)
            .property("modelport.serving.engine.onnx.intra-op-threads", 1)
            .property("modelport.serving.drain-timeout", "10s")
            .property("java.io.tmpdir", work)
            .log(Path.of("target", "registry-serving-it-serving.log").toAbsolutePath())
            .startTimeout(TIMEOUT)
            .start();
    api = new ServingProcesses(ports[0], ports[1]);
    test = ExampleModels.csv(MODEL, "test.csv");
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
    if (serving != null) {
      serving.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  static VersionNumber upload(Path onnx, ModelSignature signature) {
    VersionMetadata metadata =
        new VersionMetadata(
            ArtifactFormat.ONNX, null, signature, null, Map.of(), Map.of(), null, Map.of(), null);
    VersionUpload upload = VersionUpload.of(onnx, metadata);
    if (onnx.equals(ExampleModels.onnx(MODEL))) {
      upload = upload.withTrainingData(ExampleModels.file(MODEL, "train.csv"));
    }
    return client.uploadVersion(MODEL, upload).version();
  }

  static VersionNumber uploadBreast() {
    return upload(ExampleModels.onnx(MODEL), ExampleModels.signature(MODEL));
  }

  static void awaitVersion(String version, Duration within) {
    await("responses from version " + version)
        .atMost(within)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> version.equals(api.rest(MODEL, null, body(), null).version()));
  }

  static byte[] body() {
    return ServingProcesses.request(test, 0, 1);
  }

  @Test
  @Order(1)
  void championV1IsServedWithoutRestartAndGivesTheReferenceOutputs() {
    VersionNumber v1 = uploadBreast();
    assertThat(api.rest(MODEL, null, body(), null).status()).isEqualTo(404);
    client.setAlias(MODEL, "champion", v1);
    awaitVersion("1", Duration.ofSeconds(30));
    ServingProcesses.Answer a =
        api.rest(MODEL, null, ServingProcesses.request(test, 0, test.size()), null);
    CsvTable expected = ExampleModels.csv(MODEL, "expected_test_probabilities.csv");
    assertThat(a.probabilities()).hasSize(test.size() * 2);
    for (int r = 0; r < test.size(); r++) {
      for (int c = 0; c < 2; c++) {
        assertThat(a.probabilities()[r * 2 + c])
            .isCloseTo(expected.rows()[r][c], org.assertj.core.data.Offset.offset(1e-4));
      }
    }
    assertThat(api.get("/v2/models/" + MODEL)).contains("\"roles\":{\"1\":\"primary\"}");
    assertThat(api.get("/q/health/ready")).contains("primary 1");
  }

  @Test
  @Order(2)
  void championMoves1To2To1UnderRestAndGrpcLoadWithoutAFailedRequest() throws Exception {
    try (Load load = Load.start(8)) {
      VersionNumber v2 = uploadBreast();
      load.awaitAnswers(200);
      long moved = System.nanoTime();
      client.setAlias(MODEL, "champion", v2);
      load.awaitAllClientsSee("2", Duration.ofSeconds(5));
      long switched = System.nanoTime() - moved;
      client.setAlias(MODEL, "champion", VersionNumber.of(1));
      load.awaitAllClientsSee("1", Duration.ofSeconds(5));
      load.awaitAnswers(load.answers() + 200);
      assertThat(load.failures()).as("failed requests").isEmpty();
      assertThat(switched).isLessThan(Duration.ofSeconds(5).toNanos());
    }
    assertThat(api.metric("modelport_rollouts_total", "outcome=\"succeeded\""))
        .isGreaterThanOrEqualTo(3);
    assertThat(api.rest(MODEL, "2", body(), null).status())
        .as("version 2 is unloaded after the move back")
        .isEqualTo(404);
    assertThat(api.rest(MODEL, "2", body(), null).body()).contains("loaded versions: [1]");
  }

  @Test
  @Order(3)
  void canaryAtTenPercentAnswersFiveToFifteenPercentAndRouteKeysStick() {
    client.setAlias(MODEL, "challenger", VersionNumber.of(2));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> api.get("/v2/models/" + MODEL).contains("\"2\":\"canary\""));
    int canary = 0;
    byte[] body = body();
    for (int i = 0; i < 2000; i++) {
      ServingProcesses.Answer a = api.rest(MODEL, null, body, null);
      assertThat(a.status()).isEqualTo(200);
      if ("2".equals(a.version())) {
        canary++;
      }
    }
    assertThat(canary).isBetween(100, 300);
    Map<String, String> sides = new HashMap<>();
    for (int k = 0; k < 40; k++) {
      String key = "user-" + k;
      for (int i = 0; i < 5; i++) {
        String rest = api.rest(MODEL, null, body, key).version();
        String grpc = api.grpc(MODEL, test, 0, key).version();
        assertThat(sides.computeIfAbsent(key, x -> rest)).isEqualTo(rest).isEqualTo(grpc);
      }
    }
    assertThat(sides.values()).as("some keys land on each side").contains("1", "2");
    assertThat(api.metric("modelport_canary_requests_total", "version=\"2\"")).isGreaterThan(0);
    client.deleteAlias(MODEL, "challenger");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !api.get("/v2/models/" + MODEL).contains("canary"));
  }

  @Test
  @Order(4)
  void shadowGetsCopiesAndAFailingShadowChangesNothingForClients() {
    client.setAlias(MODEL, "shadow", VersionNumber.of(2));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> api.get("/v2/models/" + MODEL).contains("\"2\":\"shadow\""));
    for (int i = 0; i < 50; i++) {
      assertThat(api.rest(MODEL, null, body(), null).version()).isEqualTo("1");
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                api.metric(
                        "modelport_shadow_requests_total", "version=\"2\"", "outcome=\"success\"")
                    >= 50);
    // a shadow that fails every request: a model whose input is [N, 10] gets breast rows [N, 30]
    VersionNumber broken =
        upload(
            ExampleModels.onnx(ExampleModels.DIABETES),
            ExampleModels.signature(ExampleModels.DIABETES));
    client.setAlias(MODEL, "shadow", broken);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> api.get("/v2/models/" + MODEL).contains("\"" + broken + "\":\"shadow\""));
    for (int i = 0; i < 50; i++) {
      ServingProcesses.Answer a = api.rest(MODEL, null, body(), null);
      assertThat(a.status()).isEqualTo(200);
      assertThat(a.version()).isEqualTo("1");
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                api.metric(
                        "modelport_shadow_requests_total",
                        "version=\"" + broken + "\"",
                        "outcome=\"failed\"")
                    >= 50);
    client.deleteAlias(MODEL, "shadow");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !api.get("/v2/models/" + MODEL).contains("shadow"));
  }

  @Test
  @Order(5)
  void aCorruptedArtifactIsRefusedAndTheCurrentVersionKeepsServing() throws IOException {
    Path onnx = ExampleModels.onnx(ExampleModels.CREDIT_RISK);
    VersionNumber corrupt = upload(onnx, ExampleModels.signature(ExampleModels.CREDIT_RISK));
    byte[] original = Files.readAllBytes(onnx);
    List<Path> blobs;
    try (Stream<Path> files = Files.walk(work.resolve("registry"))) {
      blobs = files.filter(Files::isRegularFile).filter(f -> sameBytes(f, original)).toList();
    }
    assertThat(blobs).as("the registry's blob of the uploaded artifact").isNotEmpty();
    for (Path blob : blobs) {
      byte[] bytes = original.clone();
      bytes[bytes.length / 2] ^= 0x5a;
      Files.write(blob, bytes);
    }
    double failedBefore = api.metric("modelport_rollouts_total", "outcome=\"failed\"");
    client.setAlias(MODEL, "champion", corrupt);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> api.metric("modelport_rollouts_total", "outcome=\"failed\"") > failedBefore);
    assertThat(api.get("/q/health/ready"))
        .contains("last rollout failed")
        .contains("version " + corrupt);
    assertThat(api.rest(MODEL, null, body(), null).version()).isEqualTo("1");
  }

  @Test
  @Order(6)
  void aVersionWhoseWarmUpFailsIsRefusedAndTheCurrentVersionKeepsServing() {
    // the static-batch model takes exactly 1 row; declared as [-1, 1, 8, 8] its warm-up with
    // batch size 64 fails in ONNX Runtime
    ModelSignature lie =
        new ModelSignature(
            List.of(
                TensorSpec.numeric("image", DataType.FP32, new long[] {-1, 1, 8, 8}, List.of())),
            List.of(
                TensorSpec.numeric(
                    "probabilities", DataType.FP32, new long[] {-1, 10}, List.of())));
    VersionNumber cold = upload(ExampleModels.onnx(ExampleModels.DIGITS_STATIC_BATCH), lie);
    double failedBefore = api.metric("modelport_rollouts_total", "outcome=\"failed\"");
    client.setAlias(MODEL, "champion", cold);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> api.metric("modelport_rollouts_total", "outcome=\"failed\"") > failedBefore);
    assertThat(api.get("/q/health/ready")).contains("version " + cold);
    assertThat(api.rest(MODEL, null, body(), null).version()).isEqualTo("1");
  }

  @Test
  @Order(7)
  void registryDownDuringLoadKeepsServingAndALaterMoveIsApplied() throws Exception {
    client.setAlias(MODEL, "champion", VersionNumber.of(1));
    try (Load load = Load.start(8)) {
      load.awaitAnswers(load.answers() + 100);
      registry.kill();
      long before = load.answers();
      load.awaitAnswers(before + 500);
      registry.restart();
      client.setAlias(MODEL, "champion", VersionNumber.of(2));
      load.awaitAllClientsSee("2", Duration.ofSeconds(30));
      assertThat(load.failures()).as("failed requests").isEmpty();
    }
    assertThat(api.metric("modelport_registry_call_failures_total")).isGreaterThan(0);
  }

  @Test
  @Order(8)
  void aRestartWithTheRegistryDownServesFromTheCache() {
    registry.kill();
    serving.stop();
    serving.restart();
    ServingProcesses.Answer a = api.rest(MODEL, null, body(), null);
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(a.version()).isEqualTo("2");
  }

  private static boolean sameBytes(Path f, byte[] expected) {
    try {
      return Files.size(f) == expected.length
          && java.util.Arrays.equals(Files.readAllBytes(f), expected);
    } catch (IOException e) {
      return false;
    }
  }

  /** Clients sending requests in a loop, half over REST and half over gRPC, until closed. */
  static final class Load implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong answers = new AtomicLong();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final Map<Integer, String> lastVersion = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();

    static Load start(int clients) {
      Load load = new Load();
      for (int i = 0; i < clients; i++) {
        int id = i;
        Thread t =
            new Thread(
                () -> {
                  byte[] body = body();
                  while (load.running.get()) {
                    ServingProcesses.Answer a =
                        id % 2 == 0
                            ? api.rest(MODEL, null, body, null)
                            : api.grpc(MODEL, test, 0, null);
                    if (a.status() != 200) {
                      load.failures.add("client " + id + ": " + a.status() + " " + a.body());
                    } else {
                      load.lastVersion.put(id, a.version());
                      load.answers.incrementAndGet();
                    }
                  }
                },
                "load-" + i);
        t.start();
        load.threads.add(t);
      }
      return load;
    }

    long answers() {
      return answers.get();
    }

    List<String> failures() {
      return failures;
    }

    void awaitAnswers(long n) {
      await("answers").atMost(TIMEOUT).until(() -> answers.get() >= n);
    }

    void awaitAllClientsSee(String version, Duration within) {
      await("every client answered by version " + version)
          .atMost(within)
          .pollInterval(Duration.ofMillis(10))
          .until(
              () ->
                  lastVersion.size() == threads.size()
                      && lastVersion.values().stream().allMatch(version::equals));
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      for (Thread t : threads) {
        t.join(30_000);
      }
    }
  }
}
