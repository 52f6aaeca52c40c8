package dev.modelport.benchmarks.serving.outside;

import dev.modelport.benchmarks.serving.ServerProcess;
import dev.modelport.benchmarks.serving.V2Clients;
import dev.modelport.protocol.grpc.ModelInferResponse;
import dev.modelport.protocol.rest.EncodedBody;
import dev.modelport.protocol.rest.InferenceJsonEncoder;
import dev.modelport.protocol.rest.InferenceRequest;
import dev.modelport.protocol.rest.RequestInput;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.testsupport.FreePorts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The serving benchmark measured from outside the server: the packaged serving-service pinned to
 * the server's cores ({@code taskset -c}), loaded by the C load generators {@code wrk} (REST JSON,
 * a Lua script for the POST body) and {@code h2load} (gRPC: a prebuilt length-prefixed {@code
 * ModelInfer} body, many streams per connection) pinned to the other cores, and the in-process
 * engine ({@link PinnedBaseline}) pinned to the server's cores. The first figure of every row is
 * the server's CPU time per request ({@code /proc/<pid>/stat} around the generator's run divided by
 * the requests it completed); the generator's own CPU time is measured too, and a round where it
 * used more than 80 % of its cores marks the row INVALID. It regenerates the block {@code
 * serving-outside} of {@code docs/benchmarks.md}.
 *
 * <p>Run it with {@code benchmarks/serving-outside.sh} (it packages the server and the benchmarks
 * first). System properties: {@code bench.outside.server-cpus} (default {@code 1}), {@code
 * bench.outside.generator-cpus} ({@code 0}), {@code bench.outside.rounds} (3), {@code
 * bench.outside.seconds} (10, per round and row), {@code bench.outside.warmup-seconds} (20, per
 * server and protocol, for the JIT), {@code bench.outside.sweep-seconds} (3, per batch size of the
 * in-process sweep), {@code bench.outside.paced} ({@code true}: the 50 requests/s rows), {@code
 * bench.jar}, {@code bench.models}, {@code bench.out}.
 */
public final class OutsideServingBenchmark {

  static final String BLOCK = "serving-outside";
  private static final int REST_CONNECTIONS = 64;
  private static final int GRPC_CONNECTIONS = 4;
  private static final int GRPC_STREAMS = 16; // per connection: 64 streams
  private static final int MOBILENET_STREAMS = 12; // per connection: 48 streams
  private static final int MOBILENET_CONNECTIONS = 48; // REST binary: as many as gRPC streams
  private static final int[] SWEEP = {1, 2, 4, 8, 16, 32};

  private final String serverCpus = System.getProperty("bench.outside.server-cpus", "1");
  private final String generatorCpus = System.getProperty("bench.outside.generator-cpus", "0");
  private final int rounds = Integer.getInteger("bench.outside.rounds", 3);
  private final int seconds = Integer.getInteger("bench.outside.seconds", 10);
  private final int warmupSeconds = Integer.getInteger("bench.outside.warmup-seconds", 20);
  private final int sweepSeconds = Integer.getInteger("bench.outside.sweep-seconds", 3);
  private final boolean paced =
      Boolean.parseBoolean(System.getProperty("bench.outside.paced", "true"));
  private final Path jar =
      Path.of(
          System.getProperty("bench.jar", "serving-service/target/quarkus-app/quarkus-run.jar"));
  private final Path models = Path.of(System.getProperty("bench.models", "examples/models"));
  private final Path out = Path.of(System.getProperty("bench.out", "docs/benchmarks.md"));
  private final Path work = Path.of("benchmarks/target/outside");

  private boolean pinned;
  private boolean wrk;
  private boolean h2load;
  private int generatorCores;

  public static void main(String[] args) throws Exception {
    new OutsideServingBenchmark().run();
    System.exit(0);
  }

  void run() throws Exception {
    pinned = installed("taskset");
    wrk = installed("wrk");
    h2load = installed("h2load");
    if (!pinned) {
      log("taskset is not installed: nothing is pinned, the figures are not comparable");
    }
    if (!wrk) {
      log("wrk is not installed (apt-get install -y wrk): the REST rows are skipped");
    }
    if (!h2load) {
      log(
          "h2load is not installed (apt-get install -y nghttp2-client): the gRPC and 50 req/s"
              + " rows are skipped");
    }
    generatorCores = pinned ? CpuList.count(generatorCpus) : 1;
    String loadBefore = loadAverage();
    String started = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE);
    String startTime = LocalTime.now(ZoneOffset.UTC).withNano(0).toString();

    Files.createDirectories(work);
    List<Tensor> row = List.of(random("input", new long[] {1, 30}));
    List<Tensor> image = List.of(random("input", new long[] {1, 3, 224, 224}));
    Path json = write("breast.json", InferenceJsonEncoder.encodeRequest(row).bytes());
    Path lua = work.resolve("post.lua");
    Files.writeString(lua, WrkScript.post(json, "application/json"));
    EncodedBody imageBinary =
        InferenceJsonEncoder.encodeRequest(
            new InferenceRequest(
                null,
                Map.of("binary_data_output", true),
                image.stream().map(RequestInput::of).toList(),
                null),
            name -> true);
    Path imageRest = write("mobilenet.bin", imageBinary.bytes());
    Path binaryLua = work.resolve("post-binary.lua");
    Files.writeString(
        binaryLua,
        WrkScript.post(
            imageRest,
            "application/octet-stream",
            Map.of(
                EncodedBody.HEADER_CONTENT_LENGTH, Integer.toString(imageBinary.headerLength()))));
    Path breastGrpc = write("breast.grpc", GrpcFrame.modelInfer("breast-cancer-mlp", row));
    Path imageGrpc = write("mobilenet.grpc", GrpcFrame.modelInfer("mobilenet-v3-small", image));

    Row restOn = new Row(OutsideReport.REST_ON, "wrk -c" + REST_CONNECTIONS);
    Row restOff = new Row(OutsideReport.REST_OFF, "wrk -c" + REST_CONNECTIONS);
    String grpcLoad =
        "h2load -c"
            + GRPC_CONNECTIONS
            + " -m"
            + GRPC_STREAMS
            + " ("
            + GRPC_CONNECTIONS * GRPC_STREAMS
            + " streams)";
    Row grpcOn = new Row(OutsideReport.GRPC_ON, grpcLoad);
    Row grpcOff = new Row(OutsideReport.GRPC_OFF, grpcLoad);
    Row mobilenetServed =
        new Row(
            OutsideReport.MOBILENET_SERVED,
            "h2load -c"
                + GRPC_CONNECTIONS
                + " -m"
                + MOBILENET_STREAMS
                + " ("
                + GRPC_CONNECTIONS * MOBILENET_STREAMS
                + " streams)");
    Row mobilenetRest =
        new Row(OutsideReport.MOBILENET_REST_BINARY, "wrk -c" + MOBILENET_CONNECTIONS);
    Row mobilenetEngine = new Row(OutsideReport.MOBILENET_IN_PROCESS, "in-process");
    Row grpcPaced = new Row(OutsideReport.GRPC_PACED, "h2load -c1 -m1 --rps 50");
    Row restPaced = new Row(OutsideReport.REST_PACED, "h2load --h1 -c1 --rps 50");
    Row enginePaced = new Row(OutsideReport.IN_PROCESS_PACED, "in-process");
    List<Row> rows =
        List.of(
            restOn,
            restOff,
            grpcOn,
            grpcOff,
            mobilenetServed,
            mobilenetRest,
            mobilenetEngine,
            grpcPaced,
            restPaced,
            enginePaced);
    if (!wrk) {
      List.of(restOn, restOff, mobilenetRest).forEach(r -> r.skip("wrk not installed"));
    }
    if (!h2load) {
      List.of(grpcOn, grpcOff, mobilenetServed, grpcPaced, restPaced)
          .forEach(r -> r.skip("h2load not installed"));
    }
    if (!paced) {
      List.of(grpcPaced, restPaced, enginePaced).forEach(r -> r.skip("bench.outside.paced=false"));
    }

    int bestBatch;
    try (Baseline baseline = new Baseline()) {
      log("in-process sweep (mobilenet-v3-small, pinned to " + serverCpus + ")");
      bestBatch = 1;
      double best = 0;
      StringBuilder sweep = new StringBuilder();
      for (int batch : SWEEP) {
        Round r = baseline.call("measure mobilenet-v3-small " + batch + " " + sweepSeconds);
        sweep.append(String.format(Locale.ROOT, "%d: %.0f img/s; ", batch, r.throughput()));
        if (r.throughput() > best) {
          best = r.throughput();
          bestBatch = batch;
        }
      }
      log("  " + sweep + "best batch " + bestBatch);

      int[] onPorts = FreePorts.next(2);
      int[] offPorts = FreePorts.next(2);
      try (ServerProcess on =
              ServerProcess.start(
                  jar,
                  models,
                  "outside-batching",
                  Map.of(
                      "modelport.serving.models",
                      "mobilenet-v3-small,breast-cancer-mlp",
                      "modelport.serving.batching-enabled",
                      "true"),
                  onPorts[0],
                  onPorts[1],
                  pinned ? serverCpus : null);
          ServerProcess off =
              ServerProcess.start(
                  jar,
                  models,
                  "outside-unbatched",
                  Map.of(
                      "modelport.serving.models",
                      "breast-cancer-mlp",
                      "modelport.serving.batching-enabled",
                      "false"),
                  offPorts[0],
                  offPorts[1],
                  pinned ? serverCpus : null)) {
        long breastResponse = check(onPorts, row, image, true);
        check(offPorts, row, image, false);
        long imageResponse = responseFrameBytes(onPorts, "mobilenet-v3-small", image);
        Target restOnT = new Target(on, onPorts, "breast-cancer-mlp");
        Target restOffT = new Target(off, offPorts, "breast-cancer-mlp");
        log("JIT warm-up: " + warmupSeconds + " s per server and protocol");
        for (Target t : List.of(restOnT, restOffT)) {
          if (wrk) {
            wrk(t, lua, REST_CONNECTIONS, warmupSeconds, null);
          }
          if (h2load) {
            grpc(t, breastGrpc, GRPC_STREAMS, warmupSeconds, breastResponse, null);
          }
        }
        if (h2load) {
          grpc(
              restOnT.model("mobilenet-v3-small"),
              imageGrpc,
              MOBILENET_STREAMS,
              warmupSeconds,
              imageResponse,
              null);
        }
        if (wrk) {
          wrk(
              restOnT.model("mobilenet-v3-small"),
              binaryLua,
              MOBILENET_CONNECTIONS,
              warmupSeconds,
              null);
        }
        for (int round = 1; round <= rounds; round++) {
          log("round " + round + " of " + rounds);
          if (wrk) {
            wrk(restOnT, lua, REST_CONNECTIONS, seconds, restOn);
            wrk(restOffT, lua, REST_CONNECTIONS, seconds, restOff);
          }
          if (h2load) {
            grpc(restOnT, breastGrpc, GRPC_STREAMS, seconds, breastResponse, grpcOn);
            grpc(restOffT, breastGrpc, GRPC_STREAMS, seconds, breastResponse, grpcOff);
            grpc(
                restOnT.model("mobilenet-v3-small"),
                imageGrpc,
                MOBILENET_STREAMS,
                seconds,
                imageResponse,
                mobilenetServed);
          }
          if (wrk) {
            wrk(
                restOnT.model("mobilenet-v3-small"),
                binaryLua,
                MOBILENET_CONNECTIONS,
                seconds,
                mobilenetRest);
          }
          Round engine = baseline.call("measure mobilenet-v3-small " + bestBatch + " " + seconds);
          mobilenetEngine.add(engine);
          log(describe(mobilenetEngine.scenario(), engine));
        }
        if (paced) {
          for (int round = 1; round <= rounds; round++) {
            log("50 req/s, round " + round + " of " + rounds);
            if (h2load) {
              pacedGrpc(restOnT, breastGrpc, breastResponse, grpcPaced);
              pacedRest(restOnT, json, restPaced);
            }
            Round engine = baseline.call("paced breast-cancer-mlp 50 " + seconds);
            enginePaced.add(engine);
            log(describe(enginePaced.scenario(), engine));
          }
        }
      }
    }
    String header = header(started, startTime, loadBefore, loadAverage(), bestBatch);
    String block = new OutsideReport(header, rows).markdown();
    MarkedBlock.write(out, BLOCK, block);
    System.out.println(block);
  }

  /** A server, its ports and the model the generator calls. */
  private record Target(ServerProcess server, int[] ports, String model) {
    Target model(String name) {
      return new Target(server, ports, name);
    }

    String restUrl() {
      return "http://127.0.0.1:" + ports[0] + "/v2/models/" + model + "/infer";
    }

    String grpcUrl() {
      return "http://127.0.0.1:" + ports[1] + GrpcFrame.MODEL_INFER_PATH;
    }
  }

  private void wrk(Target t, Path lua, int connections, int duration, Row into) throws Exception {
    List<String> cmd =
        List.of(
            "wrk",
            "-t" + generatorCores,
            "-c" + connections,
            "-d" + duration + "s",
            "--latency",
            "-s",
            lua.toString(),
            t.restUrl());
    ProcStat before = ProcStat.read(t.server().pid());
    GeneratorRun g = GeneratorRun.run(generatorCpus(), cmd, work, duration + 120L);
    ProcStat after = ProcStat.read(t.server().pid());
    WrkOutput w = WrkOutput.parse(g.output());
    if (into == null) {
      return;
    }
    Round r =
        new Round(
            cpuMicros(before, after, w.requests()),
            w.requestsPerSecond(),
            w.p50(),
            w.p90(),
            w.p99(),
            w.mean(),
            w.errors(),
            g.cpuShare());
    into.add(r);
    log(describe(into.scenario(), r));
  }

  private void grpc(Target t, Path body, int streams, int duration, long responseBytes, Row into)
      throws Exception {
    List<String> cmd = new ArrayList<>(h2loadBase(duration, Math.min(generatorCores, 4)));
    cmd.addAll(
        List.of(
            "-c" + GRPC_CONNECTIONS,
            "-m" + streams,
            "-d",
            body.toString(),
            "-H",
            "content-type: application/grpc",
            "-H",
            "te: trailers"));
    h2loadRound(t, cmd, t.grpcUrl(), responseBytes, into);
  }

  private void pacedGrpc(Target t, Path body, long responseBytes, Row into) throws Exception {
    List<String> cmd = new ArrayList<>(h2loadBase(seconds, 1));
    cmd.addAll(
        List.of(
            "-c1",
            "-m1",
            "--rps",
            "50",
            "-d",
            body.toString(),
            "-H",
            "content-type: application/grpc",
            "-H",
            "te: trailers"));
    h2loadRound(t, cmd, t.grpcUrl(), responseBytes, into);
  }

  private void pacedRest(Target t, Path json, Row into) throws Exception {
    List<String> cmd = new ArrayList<>(h2loadBase(seconds, 1));
    cmd.addAll(
        List.of(
            "--h1",
            "-c1",
            "-m1",
            "--rps",
            "50",
            "-d",
            json.toString(),
            "-H",
            "content-type: application/json"));
    h2loadRound(t, cmd, t.restUrl(), 0, into);
  }

  /** h2load's common options; {@code threads} must not exceed its clients ({@code -c}). */
  private static List<String> h2loadBase(int duration, int threads) {
    return List.of("h2load", "-t" + threads, "-D", Integer.toString(duration));
  }

  /**
   * Runs h2load once; with {@code into}, logs each request (for percentiles) and adds a round.
   *
   * @param responseBytes gRPC: the bytes of one successful response's DATA (length-prefixed
   *     message), to count answers with a gRPC error status (trailers only, no DATA); 0 for
   *     HTTP/1.1
   */
  private void h2loadRound(Target t, List<String> cmd, String url, long responseBytes, Row into)
      throws Exception {
    List<String> line = new ArrayList<>(cmd);
    Path requestLog = work.resolve("h2load-requests.tsv");
    Files.deleteIfExists(requestLog);
    if (into != null) {
      line.add("--log-file=" + requestLog);
    }
    line.add(url);
    int duration = Integer.parseInt(cmd.get(cmd.indexOf("-D") + 1));
    ProcStat before = ProcStat.read(t.server().pid());
    GeneratorRun g = GeneratorRun.run(generatorCpus(), line, work, duration + 120L);
    ProcStat after = ProcStat.read(t.server().pid());
    H2loadOutput h = H2loadOutput.parse(g.output());
    if (into == null) {
      return;
    }
    double[] p = H2loadOutput.percentiles(requestLog, 50, 90, 99);
    Files.deleteIfExists(requestLog);
    long errors = responseBytes > 0 ? h.grpcErrors(responseBytes) : h.done() - h.status2xx();
    long completed = h.done() - errors;
    Round r =
        new Round(
            cpuMicros(before, after, completed),
            completed / h.seconds(),
            p.length > 0 ? p[0] : Double.NaN,
            p.length > 0 ? p[1] : Double.NaN,
            p.length > 0 ? p[2] : Double.NaN,
            h.meanMicros(),
            errors,
            g.cpuShare());
    into.add(r);
    log(describe(into.scenario(), r));
  }

  private String generatorCpus() {
    return pinned ? generatorCpus : null;
  }

  private static double cpuMicros(ProcStat before, ProcStat after, long requests) {
    return ClockTicks.seconds(after.ownTicks() - before.ownTicks()) * 1e6 / Math.max(1, requests);
  }

  /**
   * Sends one request of each kind the run uses with the Java clients and checks the answers, so
   * that a body the C generators send is known to be served; returns the gRPC response's framed
   * size for breast-cancer-mlp.
   */
  private long check(int[] ports, List<Tensor> row, List<Tensor> image, boolean mobilenet)
      throws Exception {
    try (V2Clients clients = new V2Clients("127.0.0.1", ports[0], ports[1], 1)) {
      clients.restJson("breast-cancer-mlp", row).get().get(30, TimeUnit.SECONDS);
      if (mobilenet) {
        clients.grpcRaw("mobilenet-v3-small", image).get().get(60, TimeUnit.SECONDS);
        clients.restBinary("mobilenet-v3-small", image).get().get(60, TimeUnit.SECONDS);
      }
    }
    return responseFrameBytes(ports, "breast-cancer-mlp", row);
  }

  private static long responseFrameBytes(int[] ports, String model, List<Tensor> inputs)
      throws Exception {
    try (V2Clients clients = new V2Clients("127.0.0.1", ports[0], ports[1], 1)) {
      ModelInferResponse r =
          (ModelInferResponse) clients.grpcRaw(model, inputs).get().get(60, TimeUnit.SECONDS);
      return r.getSerializedSize() + 5L;
    }
  }

  /** The in-process baseline's JVM, pinned to the server's cores. */
  private final class Baseline implements AutoCloseable {
    private final Process process;
    private final BufferedReader in;
    private final Writer outStream;

    Baseline() throws IOException {
      List<String> cmd = new ArrayList<>();
      if (pinned) {
        cmd.addAll(List.of("taskset", "-c", serverCpus));
      }
      cmd.addAll(
          List.of(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-Xmx1g",
              "-cp",
              System.getProperty("java.class.path"),
              PinnedBaseline.class.getName(),
              models.toString()));
      process =
          new ProcessBuilder(cmd).redirectError(work.resolve("baseline.err").toFile()).start();
      in =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      outStream = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
      expect("READY");
    }

    Round call(String command) throws IOException {
      outStream.write(command + "\n");
      outStream.flush();
      String[] f = expect("RESULT").split(" ");
      return new Round(
          Double.parseDouble(f[7]),
          Double.parseDouble(f[2]),
          Double.parseDouble(f[3]),
          Double.parseDouble(f[4]),
          Double.parseDouble(f[5]),
          Double.parseDouble(f[6]),
          0,
          Double.NaN);
    }

    private String expect(String prefix) throws IOException {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.startsWith(prefix)) {
          return line;
        }
      }
      throw new IOException("the in-process baseline ended; see " + work.resolve("baseline.err"));
    }

    @Override
    public void close() throws Exception {
      try {
        outStream.write("quit\n");
        outStream.flush();
      } catch (IOException e) {
        // already gone
      }
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  private String header(
      String date, String startTime, String loadBefore, String loadAfter, int bestBatch) {
    return String.format(
        Locale.ROOT,
        "Run of %s, %s–%s UTC. Machine: %s, %s CPUs (`lscpu`), Java %s; wrk: %s; h2load: %s.%n"
            + "Pinning: %s. Load average (1 min) %s at the start, %s at the end.%n"
            + "Settings: %d rounds of %d s per row, after %d s of JIT warm-up per server and"
            + " protocol; in-process sweep over batch sizes %s (%d s each), best batch **%d**.",
        date,
        startTime,
        LocalTime.now(ZoneOffset.UTC).withNano(0),
        lscpu("Model name:"),
        lscpu("CPU(s):"),
        System.getProperty("java.version"),
        wrk ? firstLine("wrk", "-v") : "not installed",
        h2load ? firstLine("h2load", "--version") : "not installed",
        pinned
            ? "server and in-process baseline `taskset -c "
                + serverCpus
                + "`, load generators and this benchmark's JVM `taskset -c "
                + generatorCpus
                + "`"
            : "none (taskset not installed)",
        loadBefore,
        loadAfter,
        rounds,
        seconds,
        warmupSeconds,
        java.util.Arrays.toString(SWEEP),
        sweepSeconds,
        bestBatch);
  }

  private Path write(String name, byte[] bytes) throws IOException {
    Path p = work.resolve(name);
    Files.write(p, bytes);
    return p;
  }

  private static boolean installed(String tool) {
    try {
      Process p = new ProcessBuilder("sh", "-c", "command -v " + tool).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String firstLine(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor();
      return text.lines().findFirst().orElse("?").replaceAll("\\s+Copyright.*", "").trim();
    } catch (IOException e) {
      return "?";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "?";
    }
  }

  /** A field of {@code lscpu}'s output, e.g. {@code "Model name:"}. */
  private static String lscpu(String field) {
    try {
      Process p = new ProcessBuilder("lscpu").redirectErrorStream(true).start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor();
      return text.lines()
          .filter(l -> l.startsWith(field))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("?");
    } catch (IOException e) {
      return "?";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "?";
    }
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }

  private static String describe(String scenario, Round r) {
    return String.format(
        Locale.ROOT,
        "  %s: server CPU %.1f µs/request, %.0f req/s, p50 %.2f ms, p99 %.2f ms, errors %d,"
            + " generator %s",
        scenario,
        r.serverCpuMicros(),
        r.throughput(),
        r.p50() / 1000,
        r.p99() / 1000,
        r.errors(),
        Double.isNaN(r.generatorShare())
            ? "—"
            : String.format(Locale.ROOT, "%.0f %% of its cores", 100 * r.generatorShare()));
  }

  private static Tensor random(String name, long[] shape) {
    float[] data = new float[Math.toIntExact(Tensor.elementCount(shape))];
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) random.nextDouble(-1, 1);
    }
    return new Tensor(name, DataType.FP32, shape, data);
  }

  static void log(String message) {
    System.out.println("[outside " + LocalTime.now().withNano(0) + "] " + message);
  }
}
