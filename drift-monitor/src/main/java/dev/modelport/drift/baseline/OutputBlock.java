package dev.modelport.drift.baseline;

import java.util.ArrayList;
import java.util.List;

/**
 * One output tensor of a signature as the drift-monitor profiles it (prediction drift): an {@code
 * [N, columns]} tensor whose columns are output columns {@code firstColumn .. firstColumn + columns
 * - 1} of the version's output schema. An {@code [N]} or {@code [N, 1]} output is one column named
 * after the output; an {@code [N, K]} output gives K columns {@code <output>_<k>}, k from 0 (e.g.
 * {@code probabilities_1}). These are the names a baseline (the training CSV) uses for them.
 *
 * @param name tensor name
 * @param columns columns of the last dimension (1 for {@code [N]})
 * @param firstColumn index of its first column in the output schema
 */
public record OutputBlock(String name, int columns, int firstColumn) {

  /** The column names, in order. */
  public List<String> columnNames() {
    return columnNames(name, columns);
  }

  /** The column names of an output of {@code columns} columns. */
  public static List<String> columnNames(String output, int columns) {
    if (columns == 1) {
      return List.of(output);
    }
    List<String> names = new ArrayList<>(columns);
    for (int k = 0; k < columns; k++) {
      names.add(output + "_" + k);
    }
    return names;
  }
}
