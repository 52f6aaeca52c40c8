package dev.modelport.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A numeric CSV file with a header row, as the example models ship them (training data, test rows,
 * reference outputs). Immutable.
 *
 * @param header the column names
 * @param rows the values, row by row
 */
public record CsvTable(List<String> header, double[][] rows) {

  /** Reads {@code file}; blank lines are skipped. */
  public static CsvTable read(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      List<String> header = List.of(lines.get(0).split(","));
      double[][] rows =
          lines.stream()
              .skip(1)
              .filter(l -> !l.isBlank())
              .map(l -> Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray())
              .toArray(double[][]::new);
      return new CsvTable(header, rows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The rows without their last column (the label of {@code train.csv} and {@code test.csv}). */
  public double[][] withoutLastColumn() {
    return columns(0, header.size() - 1);
  }

  /** Columns {@code [from, to)} of every row. */
  public double[][] columns(int from, int to) {
    return Arrays.stream(rows).map(r -> Arrays.copyOfRange(r, from, to)).toArray(double[][]::new);
  }

  /** Columns {@code [from, to)} of every row as row-major FP32 values. */
  public float[] floats(int from, int to) {
    float[] out = new float[rows.length * (to - from)];
    for (int i = 0; i < rows.length; i++) {
      for (int j = from; j < to; j++) {
        out[i * (to - from) + j - from] = (float) rows[i][j];
      }
    }
    return out;
  }

  /** The number of rows. */
  public int size() {
    return rows.length;
  }
}
