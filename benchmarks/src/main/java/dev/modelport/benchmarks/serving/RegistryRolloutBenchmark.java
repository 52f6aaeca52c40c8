package dev.modelport.benchmarks.serving;

import dev.modelport.protocol.grpc.ModelInferResponse;
import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.registryclient.RegistryClient;
import dev.modelport.registryclient.VersionUpload;
import dev.modelport.registryclient.api.ArtifactFormat;
import dev.modelport.registryclient.api.NewModel;
import dev.modelport.registryclient.api.ServingSettings;
import dev.modelport.registryclient.api.VersionMetadata;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Rollouts from the registry under load (issue 11): the packaged registry-service (H2 and blobs in
 * a temp folder, security off) and the packaged serving-service with {@code source=registry}.
 *
 * <ol>
 *   <li>Switch time: {@code breast-cancer-mlp} versions 1 and 2 registered, 4 gRPC clients in a
 *       closed loop; {@code champion} moves {@code bench.rollout.moves} times (default 20) between
 *       them; each figure is the time from the {@code PUT} of the alias returning to the first
 *       response answered by the new version.
 *   <li>Memory: {@code mobilenet-v3-small} versions 1 and 2 (the same ONNX file), one gRPC client
 *       in a loop, {@code bench.rollout.memory-cycles} (default 50) alternating alias moves, each
 *       waited for until responses come from the new version; the resident size of the server after
 *       a full GC, at the start and every 10 rollouts.
 * </ol>
 *
 * Run from the repository root after packaging registry-service and serving-service, with the class
 * path of this module (see docs/benchmarks.md). Writes the section "serving-service: rollouts from
 * the registry" of {@code docs/benchmarks.md}.
 */
public final class RegistryRolloutBenchmark {

  static final String HEADING = "## serving-service: rollouts from the registry";
  private static final int REGISTRY_PORT = 18090;

  private final int moves = Integer.getInteger("bench.rollout.moves", 20);
  private final int memoryCycles = Integer.getInteger("bench.rollout.memory-cycles", 50);
  private final Path out = Path.of(System.getProperty("bench.out", "docs/benchmarks.md"));
  private final Path models = Path.of("examples/models");

  public static void main(String[] args) throws Exception {
    new RegistryRolloutBenchmark().run();
    System.exit(0);
  }

  void run() throws Exception {
    Path work = Files.createTempDirectory("rollout-bench");
    Process registry = startRegistry(work);
    try {
      RegistryClient client =
          RegistryClient.builder(URI.create("http://127.0.0.1:" + REGISTRY_PORT)).build();
      for (String m : List.of("breast-cancer-mlp", "mobilenet-v3-small")) {
        client.createModel(new NewModel(m, null, Map.of()));
        for (int i = 0; i < 2; i++) {
          // the serving hints of the examples' model.yaml (batching up to 32 images, 64 rows)
          ServingSettings hints =
              new ServingSettings(m.startsWith("mobilenet") ? 32 : 64, 0L, List.of(), 1024, 1);
          VersionMetadata meta =
              new VersionMetadata(
                  ArtifactFormat.ONNX, null, null, hints, Map.of(), Map.of(), null, Map.of(), null);
          client.uploadVersion(
              m,
              VersionUpload.of(models.resolve(m).resolve("model.onnx"), meta)
                  .withModelYaml(signatureYaml(work, m)));
        }
        client.setAlias(m, "champion", VersionNumber.of(1));
      }
      Map<String, String> props =
          Map.of(
              "modelport.serving.source",
              "registry",
              "modelport.serving.registry.url",
              "http://127.0.0.1:" + REGISTRY_PORT,
              "modelport.serving.registry.poll-wait",
              "10s",
              "modelport.serving.cache-dir",
              work.resolve("serving-cache").toString());
      List<Double> switchMs = new ArrayList<>();
      List<long[]> memory = new ArrayList<>();
      try (ServerProcess server =
              ServerProcess.start(
                  Path.of("serving-service/target/quarkus-app/quarkus-run.jar"),
                  models,
                  "rollout",
                  props);
          V2Clients clients =
              new V2Clients("127.0.0.1", ServerProcess.REST_PORT, ServerProcess.GRPC_PORT)) {
        switchMs.addAll(switchTimes(client, clients));
        memory.addAll(memoryOverRollouts(client, clients, server));
      }
      String section = markdown(switchMs, memory);
      ReportSection.write(out, HEADING, section);
      System.out.println(section);
    } finally {
      registry.destroy();
      registry.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private List<Double> switchTimes(RegistryClient registry, V2Clients clients) throws Exception {
    String model = "breast-cancer-mlp";
    Tensor input = input(new long[] {1, 30});
    AtomicReference<String> target = new AtomicReference<>("1");
    AtomicLong firstSeen = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    try (Load load = new Load(4, clients, model, input, target, firstSeen, failures)) {
      awaitVersion(target, firstSeen, "1");
      List<Double> times = new ArrayList<>();
      for (int i = 0; i < moves; i++) {
        String next = i % 2 == 0 ? "2" : "1";
        firstSeen.set(0);
        target.set(next);
        registry.setAlias(model, "champion", VersionNumber.parse(next));
        long moved = System.nanoTime();
        awaitVersion(target, firstSeen, next);
        times.add((firstSeen.get() - moved) / 1e6);
        ServingBenchmark.log("move " + (i + 1) + " to " + next + ": " + times.get(i) + " ms");
        Thread.sleep(1000); // let the old version drain before the next move
      }
      if (failures.get() > 0) {
        ServingBenchmark.log("failed requests during the moves: " + failures.get());
      }
      return times;
    }
  }

  private List<long[]> memoryOverRollouts(
      RegistryClient registry, V2Clients clients, ServerProcess server) throws Exception {
    String model = "mobilenet-v3-small";
    Tensor input = input(new long[] {1, 3, 224, 224});
    AtomicReference<String> target = new AtomicReference<>("1");
    AtomicLong firstSeen = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    List<long[]> readings = new ArrayList<>();
    try (Load load = new Load(1, clients, model, input, target, firstSeen, failures)) {
      awaitVersion(target, firstSeen, "1");
      readings.add(new long[] {0, rss(server)});
      for (int cycle = 1; cycle <= memoryCycles; cycle++) {
        String next = cycle % 2 == 1 ? "2" : "1";
        firstSeen.set(0);
        target.set(next);
        registry.setAlias(model, "champion", VersionNumber.parse(next));
        awaitVersion(target, firstSeen, next);
        if (cycle % 10 == 0 || cycle == memoryCycles) {
          Thread.sleep(1500); // the old version drains and unloads
          readings.add(new long[] {cycle, rss(server)});
          ServingBenchmark.log(
              "rollout " + cycle + ": " + readings.get(readings.size() - 1)[1] / 1e6 + " MB");
        }
      }
    }
    return readings;
  }

  private static long rss(ServerProcess server) throws Exception {
    server.collectGarbage();
    return server.residentBytes();
  }

  private static void awaitVersion(AtomicReference<String> target, AtomicLong firstSeen, String v)
      throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (firstSeen.get() == 0 || !v.equals(target.get())) {
      if (System.nanoTime() > until) {
        throw new IllegalStateException("version " + v + " never answered");
      }
      Thread.sleep(1);
    }
  }

  /** Closed-loop gRPC clients recording when the target version first answers. */
  private static final class Load implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    Load(
        int n,
        V2Clients clients,
        String model,
        Tensor input,
        AtomicReference<String> target,
        AtomicLong firstSeen,
        AtomicLong failures) {
      var call = clients.grpcRaw(model, List.of(input));
      for (int i = 0; i < n; i++) {
        Thread t =
            new Thread(
                () -> {
                  while (running.get()) {
                    try {
                      ModelInferResponse r = (ModelInferResponse) call.get().get();
                      if (r.getModelVersion().equals(target.get())) {
                        firstSeen.compareAndSet(0, System.nanoTime());
                      }
                    } catch (Exception e) {
                      failures.incrementAndGet();
                    }
                  }
                });
        t.setDaemon(true);
        t.start();
        threads.add(t);
      }
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      for (Thread t : threads) {
        t.join(10_000);
      }
    }
  }

  private String markdown(List<Double> switchMs, List<long[]> memory) {
    List<Double> sorted = new ArrayList<>(switchMs);
    Collections.sort(sorted);
    double median =
        sorted.size() % 2 == 1
            ? sorted.get(sorted.size() / 2)
            : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
    StringBuilder md = new StringBuilder();
    md.append(HEADING).append("\n\n");
    md.append(
        "Targets (issue 11): time from an alias move to the first response of the new version under"
            + " load (median and max of 20 moves); 50 alternating rollouts of mobilenet-v3-small"
            + " leave resident memory within 50 MB of where it started.\n\n");
    md.append(
        "Command: `./mvnw -q -pl registry-service,serving-service,benchmarks -am package -Dquick"
            + " dependency:build-classpath -Dmdep.outputFile=target/classpath.txt`, then `java -cp"
            + " benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
            + " dev.modelport.benchmarks.serving.RegistryRolloutBenchmark` (properties"
            + " `bench.rollout.moves`, `bench.rollout.memory-cycles`). The registry (H2 and blobs in a"
            + " temp folder, security off) and the server (`-Xmx1g`, `MALLOC_ARENA_MAX=2`,"
            + " `source=registry`, change feed long poll) run as processes. Load: 4 gRPC clients in a"
            + " closed loop on breast-cancer-mlp (versions 1 and 2, the same ONNX file) for the"
            + " switch times; 1 gRPC client on mobilenet-v3-small for memory. Each upload carries"
            + " the serving hints of the examples' model.yaml (max batch 32 for mobilenet, 64 for"
            + " breast cancer), so warm-up runs the same batch sizes as the local benchmark. A move is `PUT"
            + " .../aliases/champion`; the time runs from the PUT's answer to the first response"
            + " whose `model_version` is the new version. Memory is `VmRSS` after `jcmd GC.run`, 1.5"
            + " s after a rollout (the old version drained and unloaded).\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "Machine: `nproc` = %d, %s, Java %s; shared with other builds.\n\n",
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("os.arch"),
            System.getProperty("java.version")));
    md.append(
        String.format(
            Locale.ROOT,
            "| measure | result | target |\n|---|---|---|\n| alias move → first response of the new"
                + " version, %d moves | median **%.0f ms**, max **%.0f ms** | — (reported) |\n",
            switchMs.size(),
            median,
            sorted.get(sorted.size() - 1)));
    long start = memory.get(0)[1];
    long end = memory.get(memory.size() - 1)[1];
    StringBuilder series = new StringBuilder();
    for (long[] r : memory) {
      series.append(String.format(Locale.ROOT, "%d: %.0f MB; ", r[0], r[1] / 1e6));
    }
    md.append(
        String.format(
            Locale.ROOT,
            "| resident memory over %d alternating rollouts of mobilenet-v3-small | %.0f MB →"
                + " %.0f MB (**%+.0f MB**); after rollouts %s | within 50 MB: %s |\n",
            memory.get(memory.size() - 1)[0],
            start / 1e6,
            end / 1e6,
            (end - start) / 1e6,
            series.toString().trim(),
            Math.abs(end - start) <= 50_000_000L ? "met" : "not met"));
    return md.toString();
  }

  private static Process startRegistry(Path work) throws IOException, InterruptedException {
    List<String> command =
        List.of(
            "java",
            "--add-modules=jdk.incubator.foreign",
            "-Dquarkus.http.port=" + REGISTRY_PORT,
            "-Dquarkus.http.host=127.0.0.1",
            "-Dmodelport.registry.data-dir=" + work.resolve("registry"),
            "-Dmodelport.registry.security.enabled=false",
            "-jar",
            "registry-service/target/quarkus-app/quarkus-run.jar");
    Path log = Path.of("benchmarks/target/registry-rollout.log");
    Files.createDirectories(log.getParent());
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    HttpClient http = HttpClient.newHttpClient();
    long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (true) {
      try {
        HttpResponse<Void> r =
            http.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + REGISTRY_PORT + "/q/health/ready"))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return p;
        }
      } catch (IOException e) {
        // not up yet
      }
      if (!p.isAlive() || System.nanoTime() > until) {
        p.destroyForcibly();
        throw new IllegalStateException("the registry did not start; see " + log);
      }
      Thread.sleep(250);
    }
  }

  /** The model's model.yaml reduced to its signature (the registry's model.yaml form). */
  private Path signatureYaml(Path work, String model) throws IOException {
    List<String> keep = new ArrayList<>();
    boolean in = false;
    for (String line : Files.readAllLines(models.resolve(model).resolve("model.yaml"))) {
      if (line.startsWith("inputs:") || line.startsWith("outputs:")) {
        in = true;
      } else if (!line.startsWith(" ") && !line.startsWith("#") && !line.isBlank()) {
        in = false;
      }
      if (in) {
        keep.add(line);
      }
    }
    Path file = work.resolve(model + "-signature.yaml");
    Files.write(file, keep);
    return file;
  }

  private static Tensor input(long[] shape) {
    float[] data = new float[Math.toIntExact(Tensor.elementCount(shape))];
    for (int i = 0; i < data.length; i++) {
      data[i] = (i % 255) / 255f;
    }
    return new Tensor("input", DataType.FP32, shape, data);
  }
}
