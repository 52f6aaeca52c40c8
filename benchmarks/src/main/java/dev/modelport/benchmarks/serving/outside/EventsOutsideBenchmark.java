package dev.modelport.benchmarks.serving.outside;

import dev.modelport.benchmarks.serving.BrokerProcess;
import dev.modelport.benchmarks.serving.ServerProcess;
import dev.modelport.benchmarks.serving.V2Clients;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.testsupport.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The server CPU cost of inference events, measured from outside: two packaged servers pinned to
 * the server's cores ({@code taskset -c}), breast-cancer-mlp with batching on (as the gRPC
 * batching-on row of {@link OutsideServingBenchmark}), one with {@code kafka.bootstrap.servers} set
 * to an embedded broker ({@link BrokerProcess}, pinned with the generator), one without. {@code
 * h2load} (4 connections × 16 streams, a prebuilt 1-row {@code ModelInfer} body) loads them in
 * turn; the figure is the server's CPU time per answered request ({@code /proc/<pid>/stat} around
 * the run). Prints one line per round and slice and the medians; writes nothing.
 *
 * <p>Properties: {@code bench.outside.server-cpus} (1), {@code bench.outside.generator-cpus} (0,
 * the broker too), {@code bench.outside.rounds} (3), {@code bench.outside.seconds} (10), {@code
 * bench.outside.warmup-max-seconds} (180), {@code bench.events.on-jvm-options} (extra JVM options
 * of the events-on server only, e.g. {@code
 * -XX:StartFlightRecording=filename=/tmp/on.jfr,settings=profile}), {@code bench.events.only-on}
 * ({@code false}: skip the events-off server), {@code bench.jar}, {@code bench.models}.
 */
public final class EventsOutsideBenchmark {

  private static final String MODEL = "breast-cancer-mlp";
  private static final String TOPIC = "modelport.inference-events";

  private final OutsideSettings settings = OutsideSettings.fromSystemProperties();
  private final String onJvmOptions = System.getProperty("bench.events.on-jvm-options", "");
  private final boolean onlyOn = Boolean.getBoolean("bench.events.only-on");
  private final Path work = Path.of("benchmarks/target/events-outside");

  public static void main(String[] args) throws Exception {
    new EventsOutsideBenchmark().run();
    System.exit(0);
  }

  void run() throws Exception {
    Files.createDirectories(work);
    GrpcSlices slices = new GrpcSlices(settings.generatorCpus(), work, EventsOutsideBenchmark::log);
    float[] data = new float[30];
    for (int i = 0; i < data.length; i++) {
      data[i] = (i % 7) / 7f;
    }
    List<Tensor> row = List.of(new Tensor("input", DataType.FP32, new long[] {1, 30}, data));
    Path body = work.resolve("breast.grpc");
    Files.write(body, GrpcFrame.modelInfer(MODEL, row));
    Path brokerDir = Files.createTempDirectory(work, "broker-");
    log("load average " + HostLoad.averages());
    try (BrokerProcess broker = BrokerProcess.start(brokerDir, TOPIC, settings.generatorCpus())) {
      Map<String, String> common =
          Map.of("modelport.serving.models", MODEL, "modelport.serving.batching-enabled", "true");
      Map<String, String> onProps = new HashMap<>(common);
      onProps.put("kafka.bootstrap.servers", broker.bootstrapServers());
      int[] onPorts = FreePorts.next(2);
      int[] offPorts = FreePorts.next(2);
      String saved = System.getProperty("bench.server.jvm-options", "");
      System.setProperty("bench.server.jvm-options", saved + " " + onJvmOptions);
      ServerProcess on = settings.startServer("events-on", onProps, onPorts);
      System.setProperty("bench.server.jvm-options", saved);
      ServerProcess off = onlyOn ? null : settings.startServer("events-off", common, offPorts);
      try {
        long response = GrpcSlices.responseBytes(onPorts[1], MODEL, row);
        log(
            "warm-up: until each server's JIT settles, at most "
                + settings.warmupMaxSeconds()
                + " s");
        slices.warmUp(on, onPorts[1], body, response, settings.warmupMaxSeconds());
        if (off != null) {
          slices.warmUp(off, offPorts[1], body, response, settings.warmupMaxSeconds());
        }
        List<GrpcSlices.Slice> onSlices = new ArrayList<>();
        List<GrpcSlices.Slice> offSlices = new ArrayList<>();
        for (int round = 1; round <= settings.rounds(); round++) {
          if (off != null) {
            offSlices.add(
                slices.report(
                    "round " + round + " off",
                    slices.grpc(off, offPorts[1], body, settings.seconds(), response)));
          }
          double published0 = published(onPorts, "modelport_events_published_total");
          double dropped0 = published(onPorts, "modelport_events_dropped_total");
          GrpcSlices.Slice s = slices.grpc(on, onPorts[1], body, settings.seconds(), response);
          slices.report("round " + round + " on ", s);
          log(
              String.format(
                  Locale.ROOT,
                  "    events published %.0f, dropped %.0f (counted by the end of the slice)",
                  published(onPorts, "modelport_events_published_total") - published0,
                  published(onPorts, "modelport_events_dropped_total") - dropped0));
          onSlices.add(s);
        }
        if (off != null) {
          slices.summary("events off", offSlices);
        }
        slices.summary("events on ", onSlices);
        log("load average " + HostLoad.averages());
      } finally {
        on.close();
        if (off != null) {
          off.close();
        }
      }
    }
  }

  private static double published(int[] ports, String metric) throws Exception {
    try (V2Clients clients = new V2Clients("127.0.0.1", ports[0], ports[1], 1)) {
      return clients.metricSum(metric, "");
    }
  }

  static void log(String message) {
    System.out.println("[events-outside] " + message);
  }
}
