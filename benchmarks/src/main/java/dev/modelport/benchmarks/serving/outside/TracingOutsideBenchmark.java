package dev.modelport.benchmarks.serving.outside;

import dev.modelport.benchmarks.serving.ServerProcess;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.testsupport.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cost of tracing (issue 18), measured from outside: three packaged servers pinned to the
 * server's cores, breast-cancer-mlp with batching on, tracing off ({@code
 * quarkus.otel.sdk.disabled=true}), sampled at 0.01 and at 1.0; their OTLP exporter points at a
 * closed local port, so every sampled span is made, batched and handed to the exporter, whose
 * export fails at connect (the cost of the serialization and the network write to a real collector
 * is not in these figures). {@link GrpcSlices} loads them in turn, round after round; the table
 * (medians over the rounds) goes between the {@code serving-tracing} markers of {@code
 * docs/benchmarks.md}.
 *
 * <p>Properties: {@code bench.outside.server-cpus} (1), {@code bench.outside.generator-cpus} (0),
 * {@code bench.outside.rounds} (3), {@code bench.outside.seconds} (10), {@code
 * bench.outside.warmup-seconds} (20), {@code bench.jar}, {@code bench.models}, {@code bench.out}.
 */
public final class TracingOutsideBenchmark {

  static final String BLOCK = "serving-tracing";
  private static final String MODEL = "breast-cancer-mlp";

  private final OutsideSettings settings = OutsideSettings.fromSystemProperties();
  private final Path out = Path.of(System.getProperty("bench.out", "docs/benchmarks.md"));
  private final Path work = Path.of("benchmarks/target/tracing-outside");

  public static void main(String[] args) throws Exception {
    new TracingOutsideBenchmark().run();
    System.exit(0);
  }

  void run() throws Exception {
    Files.createDirectories(work);
    GrpcSlices slices =
        new GrpcSlices(settings.generatorCpus(), work, TracingOutsideBenchmark::log);
    float[] data = new float[30];
    for (int i = 0; i < data.length; i++) {
      data[i] = (i % 7) / 7f;
    }
    List<Tensor> row = List.of(new Tensor("input", DataType.FP32, new long[] {1, 30}, data));
    Path body = work.resolve("breast.grpc");
    Files.write(body, GrpcFrame.modelInfer(MODEL, row));
    String started =
        ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    String loadBefore = HostLoad.oneMinute();
    String closedCollector = "http://127.0.0.1:" + FreePorts.next();
    Map<String, String> variants = new LinkedHashMap<>();
    variants.put("tracing off", null);
    variants.put("tracing on, ratio 0.01", "0.01");
    variants.put("tracing on, ratio 1.0", "1.0");
    Map<String, ServerProcess> servers = new LinkedHashMap<>();
    Map<String, Integer> grpcPorts = new LinkedHashMap<>();
    Map<String, List<GrpcSlices.Slice>> results = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, String> v : variants.entrySet()) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("modelport.serving.models", MODEL);
        props.put("modelport.serving.batching-enabled", "true");
        props.put("quarkus.otel.sdk.disabled", Boolean.toString(v.getValue() == null));
        if (v.getValue() != null) {
          props.put("quarkus.otel.traces.sampler.arg", v.getValue());
          props.put("quarkus.otel.exporter.otlp.traces.endpoint", closedCollector);
        }
        int[] ports = FreePorts.next(2);
        String label = "tracing-" + servers.size();
        servers.put(v.getKey(), settings.startServer(label, props, ports));
        grpcPorts.put(v.getKey(), ports[1]);
        results.put(v.getKey(), new ArrayList<>());
      }
      long response = GrpcSlices.responseBytes(grpcPorts.values().iterator().next(), MODEL, row);
      log("JIT warm-up: " + settings.warmupSeconds() + " s per server");
      for (String v : variants.keySet()) {
        slices.grpc(servers.get(v), grpcPorts.get(v), body, settings.warmupSeconds(), response);
      }
      for (int round = 1; round <= settings.rounds(); round++) {
        for (String v : variants.keySet()) {
          results
              .get(v)
              .add(
                  slices.report(
                      "round " + round + " " + v,
                      slices.grpc(
                          servers.get(v), grpcPorts.get(v), body, settings.seconds(), response)));
        }
      }
    } finally {
      for (ServerProcess s : servers.values()) {
        s.close();
      }
    }
    String block = markdown(started, loadBefore, results);
    MarkedBlock.write(out, BLOCK, block);
    System.out.println(block);
  }

  private String markdown(
      String started, String loadBefore, Map<String, List<GrpcSlices.Slice>> results) {
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            "Run of %s UTC: breast-cancer-mlp, 1-row gRPC raw, batching on, h2load -c4 -m16 (64"
                + " streams); server `taskset -c %s`, h2load `taskset -c %s`; %d rounds of %d s"
                + " after %d s of warm-up per server; load average %s at the start, %s at the"
                + " end.%n%n",
            started,
            settings.serverCpus(),
            settings.generatorCpus(),
            settings.rounds(),
            settings.seconds(),
            settings.warmupSeconds(),
            loadBefore,
            HostLoad.oneMinute()));
    md.append(
        "| tracing | server CPU per request (µs) | throughput (req/s) | p99 (ms) | errors |\n");
    md.append("|---|---|---|---|---|\n");
    double offThroughput = Double.NaN;
    for (Map.Entry<String, List<GrpcSlices.Slice>> e : results.entrySet()) {
      double cpu = median(e.getValue(), GrpcSlices.Slice::cpuMicros);
      double rps = median(e.getValue(), GrpcSlices.Slice::throughput);
      double p99 = median(e.getValue(), GrpcSlices.Slice::p99Micros);
      long errors = e.getValue().stream().mapToLong(GrpcSlices.Slice::errors).sum();
      if (Double.isNaN(offThroughput)) {
        offThroughput = rps;
      }
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %.1f | %.0f (%+.1f %%) | %.2f | %d |%n",
              e.getKey(),
              cpu,
              rps,
              (rps / offThroughput - 1) * 100,
              p99 / 1000,
              errors));
    }
    md.append(
        "\nMedians over the rounds; the percentage compares each throughput with tracing off."
            + " Target (issue 18): at ratio 0.01 within 3 % of tracing off.\n");
    return md.toString();
  }

  private static double median(
      List<GrpcSlices.Slice> slices, java.util.function.ToDoubleFunction<GrpcSlices.Slice> figure) {
    return GrpcSlices.median(slices.stream().mapToDouble(figure).toArray());
  }

  static void log(String message) {
    System.out.println("[tracing-outside] " + message);
  }
}
