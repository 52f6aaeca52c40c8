package dev.modelport.featurestats.profile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Profiles of every feature of a schema: the training baseline a registry stores with a model
 * version, or one live window of the drift-monitor. Both are built through the same methods, so the
 * two sides see the same values: rows of an {@code [N, F]} tensor ({@code float[]}, {@code
 * double[]}, {@code long[]}), blocks of columns of a multi-input model, whole columns, or a CSV
 * ({@link CsvProfileReader}). Profiles of the same schema and options merge.
 *
 * <p>Not thread-safe: a window has one owner; merge per-thread profiles to combine them.
 */
public final class DatasetProfile {

  private final FeatureSchema schema;
  private final ProfileOptions options;
  private final FeatureProfile[] features;

  private DatasetProfile(FeatureSchema schema, ProfileOptions options, FeatureProfile[] features) {
    this.schema = schema;
    this.options = options;
    this.features = features;
  }

  /** An empty profile of {@code schema}. */
  public static DatasetProfile create(FeatureSchema schema, ProfileOptions options) {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(options, "options");
    FeatureProfile[] features = new FeatureProfile[schema.size()];
    for (int i = 0; i < features.length; i++) {
      FeatureSpec spec = schema.get(i);
      features[i] =
          spec.type() == FeatureType.NUMERIC
              ? new NumericProfile(spec.name(), options)
              : new CategoricalProfile(spec.name(), options);
    }
    return new DatasetProfile(schema, options, features);
  }

  /** A profile made of restored feature profiles (used by the JSON reader), in schema order. */
  public static DatasetProfile of(
      FeatureSchema schema, ProfileOptions options, List<FeatureProfile> features) {
    if (features.size() != schema.size()) {
      throw new IllegalArgumentException(
          "expected " + schema.size() + " features, got " + features.size());
    }
    for (int i = 0; i < features.size(); i++) {
      FeatureProfile f = features.get(i);
      if (!f.name().equals(schema.get(i).name()) || f.type() != schema.get(i).type()) {
        throw new IllegalArgumentException(
            "feature "
                + i
                + " is "
                + f.name()
                + " ("
                + f.type()
                + "), schema says "
                + schema.get(i));
      }
    }
    return new DatasetProfile(schema, options, features.toArray(FeatureProfile[]::new));
  }

  /** Adds one row holding every feature in schema order (NaN is missing). */
  public void addRow(double[] row) {
    checkWidth(row.length);
    for (int i = 0; i < row.length; i++) {
      features[i].accept(row[i]);
    }
  }

  /** Adds one FP32 row; values are widened to double exactly. */
  public void addRow(float[] row) {
    checkWidth(row.length);
    for (int i = 0; i < row.length; i++) {
      features[i].accept(row[i]);
    }
  }

  /**
   * Adds a row-major {@code [N, columns]} FP32 block whose columns are features {@code firstFeature
   * .. firstFeature + columns - 1} (one input of a multi-input model).
   */
  public void addRows(float[] data, int firstFeature, int columns) {
    checkBlock(data.length, firstFeature, columns);
    for (int r = 0; r < data.length; r += columns) {
      for (int c = 0; c < columns; c++) {
        features[firstFeature + c].accept(data[r + c]);
      }
    }
  }

  /** As {@link #addRows(float[], int, int)} for FP64 data. */
  public void addRows(double[] data, int firstFeature, int columns) {
    checkBlock(data.length, firstFeature, columns);
    for (int r = 0; r < data.length; r += columns) {
      for (int c = 0; c < columns; c++) {
        features[firstFeature + c].accept(data[r + c]);
      }
    }
  }

  /**
   * As {@link #addRows(float[], int, int)} for INT64 data, typically category codes; a numeric
   * feature receives the value as a double.
   */
  public void addRows(long[] data, int firstFeature, int columns) {
    checkBlock(data.length, firstFeature, columns);
    for (int r = 0; r < data.length; r += columns) {
      for (int c = 0; c < columns; c++) {
        FeatureProfile f = features[firstFeature + c];
        if (f instanceof CategoricalProfile cat) {
          cat.update(data[r + c]);
        } else {
          f.accept(data[r + c]);
        }
      }
    }
  }

  private void checkWidth(int width) {
    if (width != features.length) {
      throw new IllegalArgumentException(
          "row has " + width + " values, schema has " + features.length + " features");
    }
  }

  private void checkBlock(int length, int firstFeature, int columns) {
    if (columns < 1 || firstFeature < 0 || firstFeature + columns > features.length) {
      throw new IllegalArgumentException(
          "columns "
              + firstFeature
              + ".."
              + (firstFeature + columns - 1)
              + " outside the schema's "
              + features.length
              + " features");
    }
    if (length % columns != 0) {
      throw new IllegalArgumentException(
          length + " values are not rows of " + columns + " columns");
    }
  }

  /** Adds all of {@code other}'s values (same schema and options); {@code other} is not changed. */
  public void merge(DatasetProfile other) {
    if (!other.schema.equals(schema)) {
      throw new IllegalArgumentException("cannot merge profiles of different schemas");
    }
    for (int i = 0; i < features.length; i++) {
      features[i].merge(other.features[i]);
    }
  }

  public FeatureSchema schema() {
    return schema;
  }

  public ProfileOptions options() {
    return options;
  }

  public FeatureProfile feature(int index) {
    return features[index];
  }

  public FeatureProfile feature(String name) {
    return features[schema.indexOf(name)];
  }

  /** The named numeric feature's profile, to update it column-wise or read it. */
  public NumericProfile numeric(String name) {
    if (feature(name) instanceof NumericProfile p) {
      return p;
    }
    throw new IllegalArgumentException(name + " is not numeric");
  }

  /** The named categorical feature's profile, to update it column-wise or read it. */
  public CategoricalProfile categorical(String name) {
    if (feature(name) instanceof CategoricalProfile p) {
      return p;
    }
    throw new IllegalArgumentException(name + " is not categorical");
  }

  /** Feature profiles in schema order (live views, not copies). */
  public List<FeatureProfile> features() {
    return Collections.unmodifiableList(new ArrayList<>(List.of(features)));
  }
}
