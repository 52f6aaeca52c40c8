package dev.modelport.cli.infer;

import dev.modelport.cli.connect.ConnectionOptions;
import dev.modelport.cli.suite.SuiteEndpoints;
import dev.modelport.protocol.model.ModelSignature;
import dev.modelport.protocol.model.VersionNumber;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code modelport infer <model> --csv rows.csv}: sends a CSV's rows to serving (V2 REST JSON, or
 * gRPC with {@code --grpc}) and prints the predictions. The model's signature comes from the
 * registry ({@link ServedSignature}); the CSV's header names the input features ({@link
 * RowMapping}).
 */
@Command(
    name = "infer",
    description = {
      "Sends the rows of a CSV to serving and prints the predictions as a table.",
      "The header names the model's input features (as examples/models/*/test.csv do); other",
      "columns (a label) are shown beside the predictions. The signature comes from the registry.",
      "--grpc sends over gRPC (to the running up's gRPC port, or --grpc HOST:PORT)."
    })
public final class InferCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private ConnectionOptions connection;

  // no mixinStandardHelpOptions: its --version (the build's) would clash with --version N
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  private boolean help;

  @Parameters(index = "0", paramLabel = "MODEL", description = "model name")
  private String model;

  @Option(names = "--csv", paramLabel = "FILE", required = true, description = "rows to send")
  private Path csv;

  @Option(
      names = "--version",
      paramLabel = "N",
      description = "a version (default: the deployment's)")
  private String version;

  @Option(
      names = "--batch-size",
      paramLabel = "ROWS",
      defaultValue = "64",
      description = "rows per request (default: ${DEFAULT-VALUE})")
  private int batchSize;

  @Option(
      names = "--output",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table or csv (default: ${DEFAULT-VALUE})")
  private String output;

  @Override
  public Integer call() {
    VersionNumber number = version == null ? null : parseVersion();
    if (batchSize < 1) {
      throw new ParameterException(
          spec.commandLine(), "--batch-size must be at least 1, got " + batchSize);
    }
    if (!output.equals("table") && !output.equals("csv")) {
      throw new ParameterException(
          spec.commandLine(), "--output must be table or csv, got '" + output + "'");
    }
    CsvFile rows = CsvFile.read(csv);
    ModelSignature signature = ServedSignature.of(connection.registry(), model, number);
    RowMapping mapping = RowMapping.of(signature, rows);
    PredictionTable predictions = new PredictionTable(mapping);
    try (ServingClient serving = client(connection.endpoints())) {
      for (int from = 0; from < mapping.rows(); from += batchSize) {
        int to = Math.min(mapping.rows(), from + batchSize);
        predictions.add(from, serving.infer(model, version, mapping.tensors(from, to)));
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (output.equals("csv")) {
      predictions.table().printCsv(out);
    } else {
      predictions.table().print(out);
    }
    return 0;
  }

  private ServingClient client(SuiteEndpoints endpoints) {
    return connection.grpcRequested()
        ? new GrpcServing(endpoints.servingGrpc(), connection.timeout())
        : new RestServing(endpoints.serving(), connection.timeout());
  }

  private VersionNumber parseVersion() {
    if (!VersionNumber.isValid(version)) {
      throw new ParameterException(
          spec.commandLine(),
          "--version must be a version number (1, 2, ...), got '" + version + "'");
    }
    return VersionNumber.parse(version);
  }

  static {
    // quiet grpc-netty's own logging of a refused connection: the failure is reported in one line
    java.util.logging.Logger.getLogger("io.grpc").setLevel(java.util.logging.Level.OFF);
  }
}
