package dev.modelport.cli.bench;

import dev.modelport.benchmarks.serving.LoadResult;
import dev.modelport.benchmarks.serving.OpenLoopLoad;
import dev.modelport.benchmarks.serving.V2Clients;
import dev.modelport.cli.connect.ConnectionOptions;
import dev.modelport.cli.console.CommandFailure;
import dev.modelport.cli.console.TextTable;
import dev.modelport.cli.infer.InferenceRows;
import dev.modelport.cli.suite.SuiteEndpoints;
import dev.modelport.protocol.tensor.Tensor;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code modelport bench <model>}: a short closed-loop load on serving with the benchmarks module's
 * generator ({@link OpenLoopLoad} in its saturated mode: each of {@code --concurrency} slots sends
 * again as soon as its answer arrives; {@link V2Clients} with bodies encoded once), then a summary
 * table. The request is the first {@code --rows} rows of {@code --csv}, or zeros of the model's
 * signature.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a short closed-loop load on a served model and prints req/s and latency percentiles.",
      "Requests carry the first --rows rows of --csv, or zeros shaped by the model's signature."
    })
public final class BenchCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private ConnectionOptions connection;

  @Parameters(index = "0", paramLabel = "MODEL", description = "model name")
  private String model;

  @Option(names = "--csv", paramLabel = "FILE", description = "rows to send (default: zeros)")
  private Path csv;

  @Option(
      names = "--rows",
      paramLabel = "N",
      defaultValue = "1",
      description = "rows per request (default: ${DEFAULT-VALUE})")
  private int rows;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      defaultValue = "4",
      description = "requests in flight (default: ${DEFAULT-VALUE})")
  private int concurrency;

  @Option(
      names = "--duration",
      paramLabel = "SECONDS",
      defaultValue = "10",
      description = "measured time (default: ${DEFAULT-VALUE})")
  private int durationSeconds;

  @Option(
      names = "--warmup",
      paramLabel = "SECONDS",
      defaultValue = "2",
      description = "unmeasured time first (default: ${DEFAULT-VALUE})")
  private int warmupSeconds;

  @Override
  public Integer call() throws InterruptedException {
    if (rows < 1 || concurrency < 1 || durationSeconds < 1 || warmupSeconds < 0) {
      throw new ParameterException(
          spec.commandLine(),
          "--rows, --concurrency and --duration must be at least 1 and --warmup at least 0");
    }
    SuiteEndpoints endpoints = connection.endpoints();
    boolean grpc = connection.grpcRequested();
    List<Tensor> inputs = InferenceRows.of(connection, model, csv, rows);
    // one call first, so that a wrong model or a stopped suite fails with serving's own answer
    InferenceRows.check(connection, model, inputs);
    LoadResult result;
    URI serving = endpoints.serving();
    HostPort grpcAddress = HostPort.parse(endpoints.servingGrpc());
    try (V2Clients clients =
        new V2Clients(
            grpc ? grpcAddress.host() : serving.getHost(),
            port(serving),
            grpcAddress.port(),
            grpc ? 2 : 1)) {
      Supplier<CompletableFuture<?>> send =
          grpc ? clients.grpcRaw(model, inputs) : clients.restJson(model, inputs);
      result =
          OpenLoopLoad.run(
              model + (grpc ? " gRPC" : " REST"),
              0,
              concurrency,
              rows,
              Duration.ofSeconds(warmupSeconds),
              Duration.ofSeconds(durationSeconds),
              send);
    }
    if (result.completed() == 0) {
      throw new CommandFailure(
          "no request succeeded in " + durationSeconds + " s (" + result.errors() + " failed)");
    }
    PrintWriter out = spec.commandLine().getOut();
    new TextTable(
            "MODEL",
            "PROTOCOL",
            "CONCURRENCY",
            "ROWS/REQ",
            "REQUESTS",
            "ERRORS",
            "REQ/S",
            "P50 MS",
            "P99 MS")
        .row(
            model,
            grpc ? "gRPC" : "REST",
            Integer.toString(concurrency),
            Integer.toString(rows),
            Long.toString(result.completed()),
            Long.toString(result.errors()),
            String.format(Locale.ROOT, "%.1f", result.requestsPerSecond()),
            String.format(Locale.ROOT, "%.2f", result.millis(50)),
            String.format(Locale.ROOT, "%.2f", result.millis(99)))
        .print(out);
    return 0;
  }

  private static int port(URI uri) {
    return uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
  }

  /** {@code host:port} of serving's gRPC. */
  record HostPort(String host, int port) {
    static HostPort parse(String text) {
      int colon = text.lastIndexOf(':');
      try {
        return new HostPort(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
      } catch (RuntimeException e) {
        throw new CommandFailure("--grpc must be HOST:PORT, got '" + text + "'");
      }
    }
  }
}
