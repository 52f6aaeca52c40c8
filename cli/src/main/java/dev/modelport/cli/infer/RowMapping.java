package dev.modelport.cli.infer;

import dev.modelport.cli.console.CommandFailure;
import dev.modelport.protocol.model.ModelSignature;
import dev.modelport.protocol.model.TensorSpec;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which CSV column feeds which element of which input tensor. An input's elements per row are its
 * feature names (as {@code model.yaml} lists them) or, for an input without feature names, the
 * columns {@code <input>_0}, {@code <input>_1}, ... Columns that feed no input (a label, an id) are
 * passed through to the output table. A missing column is an error that names it, together with the
 * columns the model does not know (often the misspelling).
 *
 * <p>Supports inputs of FP32, FP64, INT32, INT64 and BOOL whose first dimension is the batch.
 */
final class RowMapping {
  private final CsvFile csv;
  private final List<TensorSpec> inputs;
  private final Map<String, int[]> columns = new LinkedHashMap<>();
  private final List<Integer> passThrough = new ArrayList<>();

  private RowMapping(CsvFile csv, List<TensorSpec> inputs) {
    this.csv = csv;
    this.inputs = inputs;
  }

  /** The mapping of {@code csv}'s columns onto {@code signature}'s inputs. */
  static RowMapping of(ModelSignature signature, CsvFile csv) {
    RowMapping mapping = new RowMapping(csv, signature.inputs());
    Map<String, Integer> index = new LinkedHashMap<>();
    for (int i = 0; i < csv.header().size(); i++) {
      index.put(csv.header().get(i), i);
    }
    List<String> used = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (TensorSpec input : signature.inputs()) {
      List<String> names = elementNames(input);
      int[] cols = new int[names.size()];
      for (int f = 0; f < names.size(); f++) {
        Integer col = index.get(names.get(f));
        if (col == null) {
          missing.add(names.get(f));
        } else {
          cols[f] = col;
          used.add(names.get(f));
        }
      }
      mapping.columns.put(input.name(), cols);
    }
    List<String> unknown = new ArrayList<>();
    for (int i = 0; i < csv.header().size(); i++) {
      if (!used.contains(csv.header().get(i))) {
        unknown.add(csv.header().get(i));
        mapping.passThrough.add(i);
      }
    }
    if (!missing.isEmpty()) {
      throw new CommandFailure(
          csv.file()
              + ": missing column"
              + (missing.size() > 1 ? "s " : " ")
              + quoted(missing.size() > 5 ? missing.subList(0, 5) : missing)
              + (missing.size() > 5 ? " and " + (missing.size() - 5) + " more" : "")
              + (unknown.isEmpty()
                  ? ""
                  : "; unknown column" + (unknown.size() > 1 ? "s " : " ") + quoted(unknown))
              + " (the header must name the model's input features)");
    }
    return mapping;
  }

  /** The names of the columns passed through to the output table, in CSV order. */
  List<String> passThroughNames() {
    return passThrough.stream().map(i -> csv.header().get(i)).toList();
  }

  /** The pass-through cells of row {@code row}. */
  List<String> passThroughCells(int row) {
    String[] cells = csv.rows().get(row);
    return passThrough.stream().map(i -> cells[i]).toList();
  }

  /** The input tensors for rows {@code from} (inclusive) to {@code to} (exclusive). */
  List<Tensor> tensors(int from, int to) {
    List<Tensor> tensors = new ArrayList<>();
    for (TensorSpec input : inputs) {
      int[] cols = columns.get(input.name());
      int rows = to - from;
      long[] shape = input.shape().clone();
      shape[0] = rows;
      Object data = allocate(input, rows * cols.length);
      for (int r = 0; r < rows; r++) {
        String[] cells = csv.rows().get(from + r);
        for (int f = 0; f < cols.length; f++) {
          set(data, input.datatype(), r * cols.length + f, cells[cols[f]], from + r, cols[f]);
        }
      }
      tensors.add(new Tensor(input.name(), input.datatype(), shape, data));
    }
    return tensors;
  }

  int rows() {
    return csv.rows().size();
  }

  private static List<String> elementNames(TensorSpec input) {
    if (input.rank() < 1) {
      throw new CommandFailure(
          "input '" + input.name() + "' has no batch dimension: cannot send it from a CSV");
    }
    long width = 1;
    for (int d = 1; d < input.rank(); d++) {
      if (input.dim(d) < 0) {
        throw new CommandFailure(
            "input '"
                + input.name()
                + "' has a variable dimension beyond the batch: cannot send it from a CSV");
      }
      width *= input.dim(d);
    }
    if (!input.featureNames().isEmpty() && input.featureNames().size() == width) {
      return input.featureNames();
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      names.add(input.name() + "_" + i);
    }
    return names;
  }

  private static Object allocate(TensorSpec input, int n) {
    return switch (input.datatype()) {
      case FP32 -> new float[n];
      case FP64 -> new double[n];
      case INT32 -> new int[n];
      case INT64 -> new long[n];
      case BOOL -> new boolean[n];
      default ->
          throw new CommandFailure(
              "input '"
                  + input.name()
                  + "' is "
                  + input.datatype()
                  + ": a CSV can feed FP32, FP64, INT32, INT64 and BOOL inputs");
    };
  }

  private void set(Object data, DataType type, int i, String cell, int row, int col) {
    try {
      switch (type) {
        case FP32 -> ((float[]) data)[i] = Float.parseFloat(cell);
        case FP64 -> ((double[]) data)[i] = Double.parseDouble(cell);
        case INT32 -> ((int[]) data)[i] = Math.toIntExact(integral(cell));
        case INT64 -> ((long[]) data)[i] = integral(cell);
        case BOOL -> ((boolean[]) data)[i] = bool(cell);
        default -> throw new IllegalStateException(type.name());
      }
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new CommandFailure(
          csv.file()
              + " row "
              + (row + 1)
              + ", column '"
              + csv.header().get(col)
              + "': '"
              + cell
              + "' is not "
              + (type == DataType.BOOL ? "a BOOL (true/false/1/0)" : "an " + type + " number"));
    }
  }

  /** An integer, also when written as {@code 3.0}. */
  private static long integral(String cell) {
    try {
      return Long.parseLong(cell);
    } catch (NumberFormatException e) {
      double d = Double.parseDouble(cell);
      if (d != Math.rint(d) || Double.isInfinite(d)) {
        throw new NumberFormatException(cell);
      }
      return (long) d;
    }
  }

  private static boolean bool(String cell) {
    return switch (cell.toLowerCase(java.util.Locale.ROOT)) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw new IllegalArgumentException(cell);
    };
  }

  /** At most five names, quoted, then how many more. */
  private static String quoted(List<String> names) {
    String shown = String.join(", ", names.stream().limit(5).map(n -> "'" + n + "'").toList());
    return names.size() > 5 ? shown + " and " + (names.size() - 5) + " more" : shown;
  }
}
