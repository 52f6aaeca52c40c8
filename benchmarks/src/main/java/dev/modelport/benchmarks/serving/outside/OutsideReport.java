package dev.modelport.benchmarks.serving.outside;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The generated block of {@code docs/benchmarks.md} for {@link OutsideServingBenchmark}: the
 * machine and pinning, one table row per scenario (server CPU per request first), and each issue 17
 * target's figure.
 */
public final class OutsideReport {

  /** Row names the targets refer to. */
  public static final String REST_ON = "breast-cancer-mlp, 1 row, REST JSON, batching on";

  public static final String REST_OFF = "breast-cancer-mlp, 1 row, REST JSON, batching off";
  public static final String GRPC_ON = "breast-cancer-mlp, 1 row, gRPC raw, batching on";
  public static final String GRPC_OFF = "breast-cancer-mlp, 1 row, gRPC raw, batching off";
  public static final String MOBILENET_SERVED = "mobilenet-v3-small, gRPC raw, served";
  public static final String MOBILENET_REST_BINARY = "mobilenet-v3-small, REST binary, served";
  public static final String MOBILENET_IN_PROCESS = "mobilenet-v3-small, in-process, best batch";
  public static final String GRPC_PACED = "breast-cancer-mlp, 1 row, gRPC raw, 50 req/s";
  public static final String REST_PACED = "breast-cancer-mlp, 1 row, REST JSON, 50 req/s";
  public static final String IN_PROCESS_PACED = "breast-cancer-mlp, 1 row, in-process, 50 calls/s";

  private final String header;
  private final List<Row> rows;

  /**
   * @param header the lines above the table (machine, pinning, date, settings)
   */
  public OutsideReport(String header, List<Row> rows) {
    this.header = header;
    this.rows = rows;
  }

  /** The block's Markdown. */
  public String markdown() {
    StringBuilder md = new StringBuilder(header.strip()).append("\n\n");
    md.append(
        "| scenario | load | **server CPU per request (µs)** | throughput (req/s) | p50 (ms) |"
            + " p90 (ms) | p99 (ms) | mean (ms) | errors | generator CPU (of its cores) | valid |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Row r : rows) {
      md.append(row(r)).append('\n');
    }
    md.append('\n');
    md.append(
        "Each cell: the median over the rounds, with the spread (min–max) for CPU and throughput."
            + " In-process rows: CPU per image (row) of the baseline process, images (rows) per"
            + " second, latency per engine call. A row is **INVALID** when, in any round, the load"
            + " generator used more than "
            + pct(GeneratorRun.MAX_CPU_SHARE)
            + " of its cores: then it may have been the bottleneck.\n\n");
    md.append("Against the targets of issue 17:\n\n");
    for (String line : targets()) {
      md.append("- ").append(line).append('\n');
    }
    return md.toString();
  }

  /** One table row. */
  static String row(Row r) {
    if (r.skipped() != null || r.rounds().isEmpty()) {
      return "| "
          + r.scenario()
          + " | "
          + r.generator()
          + " | skipped: "
          + (r.skipped() != null ? r.skipped() : "no rounds")
          + " | | | | | | | | |";
    }
    double share = r.max(Round::generatorShare);
    long invalid = r.invalidRounds();
    return String.format(
        Locale.ROOT,
        "| %s | %s | **%s** | %s | %s | %s | %s | %s | %d | %s | %s |",
        r.scenario(),
        r.generator(),
        spread(r, Round::serverCpuMicros, 1),
        spread(r, Round::throughput, 0),
        ms(r.median(Round::p50)),
        ms(r.median(Round::p90)),
        ms(r.median(Round::p99)),
        ms(r.median(Round::mean)),
        r.errors(),
        Double.isNaN(share) ? "—" : "max " + pct(share),
        invalid == 0
            ? "ok"
            : "**INVALID** ("
                + invalid
                + " of "
                + r.rounds().size()
                + " rounds: generator > "
                + pct(GeneratorRun.MAX_CPU_SHARE)
                + ")");
  }

  /** Each target's figure, met or not. */
  List<String> targets() {
    List<String> lines = new java.util.ArrayList<>();
    lines.add(cpuTarget(GRPC_ON, 12, "gRPC"));
    lines.add(cpuTarget(REST_ON, 25, "REST JSON"));
    lines.add(onNotSlower(GRPC_ON, GRPC_OFF, "gRPC"));
    lines.add(onNotSlower(REST_ON, REST_OFF, "REST JSON"));
    lines.add(servedShare(MOBILENET_SERVED, 0.9, "gRPC raw"));
    lines.add(servedShare(MOBILENET_REST_BINARY, 0.85, "REST binary"));
    Row paced = find(IN_PROCESS_PACED);
    lines.add(addedLatency(GRPC_PACED, paced, 0.3, "gRPC"));
    lines.add(addedLatency(REST_PACED, paced, 0.5, "REST JSON"));
    return lines;
  }

  private String servedShare(String name, double target, String protocol) {
    Row served = find(name);
    Row engine = find(MOBILENET_IN_PROCESS);
    if (!measured(served) || !measured(engine)) {
      return "mobilenet-v3-small " + protocol + " served vs in-process: not measured.";
    }
    double ratio = served.median(Round::throughput) / engine.median(Round::throughput);
    return String.format(
        Locale.ROOT,
        "mobilenet-v3-small %s served at **%s** of the in-process engine's best batched"
            + " throughput on the same core (%.0f vs %.0f img/s, medians; server CPU %.0f µs"
            + " per image vs %.0f µs in-process); target ≥ %s: %s%s.",
        protocol,
        pct(ratio),
        served.median(Round::throughput),
        engine.median(Round::throughput),
        served.median(Round::serverCpuMicros),
        engine.median(Round::serverCpuMicros),
        pct(target),
        ratio >= target ? "met" : "not met",
        validity(served));
  }

  private String cpuTarget(String name, double target, String protocol) {
    Row r = find(name);
    if (!measured(r)) {
      return "breast-cancer-mlp " + protocol + " with batching: not measured.";
    }
    double cpu = r.median(Round::serverCpuMicros);
    return String.format(
        Locale.ROOT,
        "breast-cancer-mlp, 1-row requests, %s with batching: **%.1f µs** of server CPU per"
            + " request (median; %.1f–%.1f) at %.0f req/s; target ≤ %.0f µs: %s%s.",
        protocol,
        cpu,
        r.min(Round::serverCpuMicros),
        r.max(Round::serverCpuMicros),
        r.median(Round::throughput),
        target,
        cpu <= target ? "met" : "not met",
        validity(r));
  }

  private String onNotSlower(String onName, String offName, String protocol) {
    Row on = find(onName);
    Row off = find(offName);
    if (!measured(on) || !measured(off)) {
      return "batching on vs off over " + protocol + ": not measured.";
    }
    double a = on.median(Round::throughput);
    double b = off.median(Round::throughput);
    return String.format(
        Locale.ROOT,
        "batching on vs off over %s: %.0f vs %.0f req/s (**%.2f×**), server CPU %.1f vs %.1f µs"
            + " per request; target: on never slower than off: %s%s.",
        protocol,
        a,
        b,
        a / b,
        on.median(Round::serverCpuMicros),
        off.median(Round::serverCpuMicros),
        a >= b ? "met" : "not met",
        validity(on) + validity(off).replace("; ", ", "));
  }

  private String addedLatency(String name, Row inProcess, double targetMs, String protocol) {
    Row r = find(name);
    if (!measured(r) || !measured(inProcess)) {
      return "latency added at 50 requests/s over " + protocol + ": not measured.";
    }
    double p50 = (r.median(Round::p50) - inProcess.median(Round::p50)) / 1000;
    double mean = (r.median(Round::mean) - inProcess.median(Round::mean)) / 1000;
    return String.format(
        Locale.ROOT,
        "latency added at 50 requests/s over %s: median **%.3f ms** (%.3f ms end to end vs %.3f ms"
            + " for the in-process call paced the same way), mean %.3f ms (%.3f vs %.3f); target ≤"
            + " %.1f ms: %s (on the median).",
        protocol,
        p50,
        r.median(Round::p50) / 1000,
        inProcess.median(Round::p50) / 1000,
        mean,
        r.median(Round::mean) / 1000,
        inProcess.median(Round::mean) / 1000,
        targetMs,
        p50 <= targetMs ? "met" : "not met");
  }

  private static String validity(Row r) {
    return r.invalidRounds() == 0 ? "" : "; but the row is INVALID (generator-bound rounds)";
  }

  private static boolean measured(Row r) {
    return r != null && r.skipped() == null && !r.rounds().isEmpty();
  }

  private Row find(String name) {
    return rows.stream().filter(r -> r.scenario().equals(name)).findFirst().orElse(null);
  }

  private static String spread(Row r, ToDoubleFunction<Round> f, int decimals) {
    String format = "%." + decimals + "f";
    return String.format(
        Locale.ROOT, format + " (" + format + "–" + format + ")", r.median(f), r.min(f), r.max(f));
  }

  private static String ms(double micros) {
    return Double.isNaN(micros) ? "—" : String.format(Locale.ROOT, "%.2f", micros / 1000);
  }

  private static String pct(double share) {
    return String.format(Locale.ROOT, "%.0f %%", share * 100);
  }
}
