package dev.modelport.cli.console;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table for the console: a header row and left-aligned columns padded to their widest
 * cell, two spaces apart. Or, for scripts, the same rows as CSV. Not thread-safe.
 */
public final class TextTable {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  public TextTable(List<String> header) {
    this.header = List.copyOf(header);
  }

  public TextTable(String... header) {
    this(Arrays.asList(header));
  }

  /** Adds a row; {@code null} cells print as empty. */
  public TextTable row(List<String> cells) {
    if (cells.size() != header.size()) {
      throw new IllegalArgumentException(
          "a row of " + cells.size() + " cells for " + header.size() + " columns");
    }
    rows.add(cells.stream().map(c -> c == null ? "" : c).toList());
    return this;
  }

  public TextTable row(String... cells) {
    return row(Arrays.asList(cells));
  }

  public int size() {
    return rows.size();
  }

  /** Prints the aligned table. */
  public void print(PrintWriter out) {
    int[] widths = new int[header.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = header.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    printRow(out, header, widths);
    for (List<String> row : rows) {
      printRow(out, row, widths);
    }
    out.flush();
  }

  /** Prints the rows as CSV (header first); cells with commas or quotes are quoted. */
  public void printCsv(PrintWriter out) {
    out.println(String.join(",", header.stream().map(TextTable::csvCell).toList()));
    for (List<String> row : rows) {
      out.println(String.join(",", row.stream().map(TextTable::csvCell).toList()));
    }
    out.flush();
  }

  private static void printRow(PrintWriter out, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      line.append(cell);
      if (i < cells.size() - 1) {
        line.append(" ".repeat(widths[i] - cell.length() + 2));
      }
    }
    out.println(line.toString().stripTrailing());
  }

  private static String csvCell(String cell) {
    return cell.contains(",") || cell.contains("\"")
        ? "\"" + cell.replace("\"", "\"\"") + "\""
        : cell;
  }
}
