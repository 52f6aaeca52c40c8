package dev.modelport.cli.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rows of an example CSV (header of feature names, then numbers; a trailing {@code label} column is
 * left out) as the JSON {@code data} arrays of single-row requests. Immutable.
 *
 * @param file where they come from
 * @param features the feature names
 * @param rows each row's numbers as JSON text, e.g. {@code 19.55,28.77,...}
 */
record DemoRows(Path file, List<String> features, List<String> rows) {

  /**
   * Reads {@code file}.
   *
   * @throws IOException when it cannot be read
   * @throws IllegalArgumentException naming the line when a row is not all numbers or has another
   *     column count than the header
   */
  static DemoRows read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (lines.isEmpty()) {
      throw new IllegalArgumentException(file + " is empty");
    }
    List<String> header = Arrays.asList(lines.get(0).trim().split(","));
    int columns = header.size();
    int features = header.get(columns - 1).equals("label") ? columns - 1 : columns;
    List<String> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty()) {
        continue;
      }
      String[] cells = line.split(",");
      if (cells.length != columns) {
        throw new IllegalArgumentException(
            file
                + " line "
                + (i + 1)
                + ": "
                + cells.length
                + " columns, the header has "
                + columns);
      }
      StringBuilder data = new StringBuilder();
      for (int c = 0; c < features; c++) {
        try {
          data.append(c == 0 ? "" : ",").append(Double.parseDouble(cells[c].trim()));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              file + " line " + (i + 1) + ": '" + cells[c] + "' is not a number", e);
        }
      }
      rows.add(data.toString());
    }
    return new DemoRows(file, List.copyOf(header.subList(0, features)), List.copyOf(rows));
  }

  /** The V2 request body of row {@code index}: one FP32 row of input {@code input}. */
  String requestBody(String input, int index) {
    return "{\"inputs\":[{\"name\":\""
        + input
        + "\",\"datatype\":\"FP32\",\"shape\":[1,"
        + features.size()
        + "],\"data\":["
        + rows.get(index)
        + "]}]}";
  }

  int size() {
    return rows.size();
  }
}
