package dev.modelport.cli.infer;

import dev.modelport.cli.console.CommandFailure;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV file read whole: a header row of column names and rows of cells (comma-separated, cells in
 * double quotes may hold commas; blank lines skipped). Every row must have the header's number of
 * cells.
 *
 * @param file where it was read from, for messages
 * @param header column names
 * @param rows cells per row
 */
record CsvFile(Path file, List<String> header, List<String[]> rows) {

  /** Reads {@code file}. @throws CommandFailure naming the file and line when it is malformed */
  static CsvFile read(Path file) {
    List<String> header = null;
    List<String[]> rows = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        String[] cells = split(line);
        if (header == null) {
          if (number == 1 && line.startsWith("\uFEFF")) {
            cells[0] = cells[0].substring(1);
          }
          header = List.of(cells);
        } else if (cells.length != header.size()) {
          throw new CommandFailure(
              file
                  + " line "
                  + number
                  + ": "
                  + cells.length
                  + " cells for "
                  + header.size()
                  + " columns");
        } else {
          rows.add(cells);
        }
      }
    } catch (NoSuchFileException e) {
      throw new CommandFailure("no such file: " + file);
    } catch (IOException e) {
      throw new CommandFailure("cannot read " + file + ": " + e.getMessage());
    }
    if (header == null) {
      throw new CommandFailure(file + " is empty: expected a header row naming the model's inputs");
    }
    if (rows.isEmpty()) {
      throw new CommandFailure(file + " has a header but no rows");
    }
    return new CsvFile(file, header, rows);
  }

  private static String[] split(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        cells.add(cell.toString().strip());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString().strip());
    return cells.toArray(String[]::new);
  }
}
