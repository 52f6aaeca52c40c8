package dev.modelport.cli.infer;

import dev.modelport.cli.console.TextTable;
import dev.modelport.protocol.tensor.Tensor;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;

/**
 * Predictions as a table, one line per CSV row: its number, the CSV's pass-through columns (a
 * label, an id), then each output's values ({@code probabilities[0]}, {@code probabilities[1]} for
 * an output of shape [N, 2]; the output's name alone for [N] or [N, 1]).
 */
final class PredictionTable {
  private final RowMapping rows;
  private TextTable table;

  PredictionTable(RowMapping rows) {
    this.rows = rows;
  }

  /** Adds the outputs answering rows {@code from} to {@code from + n}. */
  void add(int from, List<Tensor> outputs) {
    if (table == null) {
      List<String> header = new ArrayList<>(List.of("ROW"));
      header.addAll(rows.passThroughNames());
      for (Tensor out : outputs) {
        int width = width(out);
        for (int k = 0; k < width; k++) {
          header.add(width == 1 ? out.name() : out.name() + "[" + k + "]");
        }
      }
      table = new TextTable(header);
    }
    int n = outputs.isEmpty() ? 0 : (int) outputs.get(0).shape()[0];
    for (int r = 0; r < n; r++) {
      List<String> cells = new ArrayList<>();
      cells.add(Integer.toString(from + r + 1));
      cells.addAll(rows.passThroughCells(from + r));
      for (Tensor out : outputs) {
        int width = width(out);
        Object values = out.values();
        for (int k = 0; k < width; k++) {
          cells.add(String.valueOf(Array.get(values, r * width + k)));
        }
      }
      table.row(cells);
    }
  }

  TextTable table() {
    return table;
  }

  private static int width(Tensor out) {
    long[] shape = out.shape();
    if (shape.length == 0 || shape[0] == 0) {
      return 1;
    }
    return (int) (out.elementCount() / shape[0]);
  }
}
