package dev.modelport.featurestats.profile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link DatasetProfile} from a CSV with a header row (RFC 4180: commas, optional double
 * quotes). Columns are matched to the schema by name; columns not in the schema (the label of the
 * example data sets) are ignored; a schema feature missing from the header is an error. An empty
 * field, {@code NaN} or {@code NA} is a missing value.
 *
 * <p>{@link Precision#FP32} rounds numbers to float before widening them, so that a baseline read
 * from text equals what the drift-monitor sees in FP32 tensors; {@link Precision#FP64} keeps the
 * text's double value. Streams the file: memory is that of the profile.
 */
public final class CsvProfileReader {

  /** How numeric fields are parsed. */
  public enum Precision {
    /** {@link Double#parseDouble}. */
    FP64,
    /** {@link Float#parseFloat}, then widened: the values of an FP32 input tensor. */
    FP32
  }

  private final FeatureSchema schema;
  private final ProfileOptions options;
  private final Precision precision;

  public CsvProfileReader(FeatureSchema schema, ProfileOptions options, Precision precision) {
    this.schema = schema;
    this.options = options;
    this.precision = precision;
  }

  public DatasetProfile read(Path csv) throws IOException {
    try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      return read(reader);
    }
  }

  /** Reads every row of {@code csv} into a new profile. Does not close the reader. */
  public DatasetProfile read(Reader csv) throws IOException {
    DatasetProfile profile = DatasetProfile.create(schema, options);
    readInto(csv, profile);
    return profile;
  }

  /** Adds every row of {@code csv} to {@code profile}. Does not close the reader. */
  public void readInto(Reader csv, DatasetProfile profile) throws IOException {
    BufferedReader in = csv instanceof BufferedReader b ? b : new BufferedReader(csv);
    String headerLine = in.readLine();
    if (headerLine == null) {
      throw new IOException("empty CSV: no header row");
    }
    List<String> header = split(stripBom(headerLine));
    int[] columnOfFeature = new int[schema.size()];
    for (int f = 0; f < schema.size(); f++) {
      columnOfFeature[f] = header.indexOf(schema.get(f).name());
      if (columnOfFeature[f] < 0) {
        throw new IOException("CSV header has no column " + schema.get(f).name() + ": " + header);
      }
    }
    String line;
    int lineNumber = 1;
    while ((line = in.readLine()) != null) {
      lineNumber++;
      if (line.isEmpty()) {
        continue;
      }
      List<String> fields = split(line);
      if (fields.size() != header.size()) {
        throw new IOException(
            "line "
                + lineNumber
                + " has "
                + fields.size()
                + " fields, header has "
                + header.size());
      }
      for (int f = 0; f < columnOfFeature.length; f++) {
        String field = fields.get(columnOfFeature[f]);
        FeatureProfile feature = profile.feature(f);
        if (feature instanceof CategoricalProfile cat) {
          cat.update(field);
        } else {
          feature.accept(parseNumber(field, lineNumber, schema.get(f).name()));
        }
      }
    }
  }

  private double parseNumber(String field, int lineNumber, String feature) throws IOException {
    String t = field.strip();
    if (t.isEmpty() || t.equalsIgnoreCase("nan") || t.equalsIgnoreCase("na")) {
      return Double.NaN;
    }
    try {
      return precision == Precision.FP32 ? Float.parseFloat(t) : Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw new IOException(
          "line " + lineNumber + ", feature " + feature + ": not a number: " + field, e);
    }
  }

  private static String stripBom(String s) {
    return !s.isEmpty() && s.charAt(0) == '\uFEFF' ? s.substring(1) : s;
  }

  static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(field.toString());
        field.setLength(0);
      } else if (c != '\r') {
        field.append(c);
      }
    }
    out.add(field.toString());
    return out;
  }
}
