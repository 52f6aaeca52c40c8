package dev.modelport.drift.window;

/**
 * Columns {@code firstFeature .. firstFeature + columns - 1} of N rows, row-major, in a {@code
 * float[]}, {@code double[]} or {@code long[]} (category codes and integers). Owned by the window
 * once added; nobody writes the array afterwards.
 */
public record RowBlock(Object data, int firstFeature, int columns) {

  public RowBlock {
    if (!(data instanceof float[] || data instanceof double[] || data instanceof long[])) {
      throw new IllegalArgumentException("row data must be float[], double[] or long[]");
    }
  }
}
