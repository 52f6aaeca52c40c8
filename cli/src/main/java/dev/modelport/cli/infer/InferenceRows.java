package dev.modelport.cli.infer;

import dev.modelport.cli.connect.ConnectionOptions;
import dev.modelport.cli.console.CommandFailure;
import dev.modelport.protocol.model.ModelSignature;
import dev.modelport.protocol.model.TensorSpec;
import dev.modelport.protocol.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Request inputs for other commands ({@code bench}): from a CSV's first rows or zeros. */
public final class InferenceRows {
  private InferenceRows() {}

  /**
   * {@code rows} rows of input for {@code model}: the first rows of {@code csv} (repeated when it
   * has fewer), or zeros shaped by the signature when {@code csv} is null.
   */
  public static List<Tensor> of(ConnectionOptions connection, String model, Path csv, int rows) {
    ModelSignature signature = ServedSignature.of(connection.registry(), model, null);
    if (csv != null) {
      CsvFile file = CsvFile.read(csv);
      List<String[]> repeated = new ArrayList<>();
      for (int i = 0; i < rows; i++) {
        repeated.add(file.rows().get(i % file.rows().size()));
      }
      return RowMapping.of(signature, new CsvFile(file.file(), file.header(), repeated))
          .tensors(0, rows);
    }
    List<Tensor> zeros = new ArrayList<>();
    for (TensorSpec input : signature.inputs()) {
      long[] shape = input.shape().clone();
      if (shape.length == 0) {
        throw new CommandFailure("input '" + input.name() + "' has no batch dimension");
      }
      shape[0] = rows;
      long n = 1;
      for (int d = 0; d < shape.length; d++) {
        if (shape[d] < 0) {
          throw new CommandFailure(
              "input '" + input.name() + "' has a variable dimension beyond the batch: pass --csv");
        }
        n *= shape[d];
      }
      Object data =
          java.lang.reflect.Array.newInstance(
              input.datatype().arrayType().getComponentType(), (int) n);
      zeros.add(new Tensor(input.name(), input.datatype(), shape, data));
    }
    return zeros;
  }

  /** Sends {@code inputs} once and fails with serving's answer when it is an error. */
  public static void check(ConnectionOptions connection, String model, List<Tensor> inputs) {
    try (ServingClient serving =
        connection.grpcRequested()
            ? new GrpcServing(connection.endpoints().servingGrpc(), connection.timeout())
            : new RestServing(connection.endpoints().serving(), connection.timeout())) {
      serving.infer(model, null, inputs);
    }
  }
}
