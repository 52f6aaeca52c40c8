package dev.modelport.registry.baseline;

import dev.modelport.protocol.model.ModelSignature;
import dev.modelport.protocol.model.TensorSpec;
import dev.modelport.protocol.tensor.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * The CSV columns that hold a model's outputs in its training data, for prediction drift: an output
 * of shape {@code [N]} or {@code [N, 1]} is one column named after it; {@code [N, K]} (K up to 64)
 * is K columns {@code <output>_<k>}, k from 0 (e.g. {@code probabilities_1}). drift-monitor names
 * the live outputs the same way. An output is profiled only when the CSV holds all of its columns;
 * BYTES outputs and other shapes never. Stateless.
 */
final class OutputColumns {

  /** Most columns of one output that are profiled. */
  static final int MAX_COLUMNS = 64;

  private OutputColumns() {}

  /** The output columns of {@code signature} that {@code header} holds, in signature order. */
  static List<String> presentIn(ModelSignature signature, List<String> header) {
    List<String> present = new ArrayList<>();
    for (TensorSpec output : signature.outputs()) {
      List<String> names = names(output);
      if (!names.isEmpty() && header.containsAll(names)) {
        present.addAll(names);
      }
    }
    return present;
  }

  /** The column names of one output; empty when it is not profiled. */
  static List<String> names(TensorSpec output) {
    long[] shape = output.shape();
    if (output.datatype() == DataType.BYTES) {
      return List.of();
    }
    if (shape.length == 1 || (shape.length == 2 && shape[1] == 1)) {
      return List.of(output.name());
    }
    if (shape.length != 2 || shape[1] < 2 || shape[1] > MAX_COLUMNS) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    for (int k = 0; k < shape[1]; k++) {
      names.add(output.name() + "_" + k);
    }
    return names;
  }
}
