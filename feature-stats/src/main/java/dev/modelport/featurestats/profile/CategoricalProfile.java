package dev.modelport.featurestats.profile;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;

/**
 * Profile of a categorical feature: category frequencies, exact until more than {@link
 * ProfileOptions#categoryCap()} distinct categories, then a frequent-items sketch (Apache
 * DataSketches {@link ItemsSketch}, whose estimates are within {@code 3.5 / mapSize} of the stream
 * length). Keys are normalised by {@link CategoryKeys}. Not thread-safe.
 */
public final class CategoricalProfile implements FeatureProfile {

  /** Key under which {@link #frequencies()} reports the weight that a sketch does not attribute. */
  public static final String OTHER = "__other__";

  private final String name;
  private final ProfileOptions options;
  private Map<String, long[]> counts = new HashMap<>();
  private ItemsSketch<String> sketch;
  private long count;
  private long missing;

  public CategoricalProfile(String name, ProfileOptions options) {
    this.name = Objects.requireNonNull(name, "name");
    this.options = Objects.requireNonNull(options, "options");
  }

  /** Restores an exact profile (used by the JSON reader). */
  public static CategoricalProfile restoreExact(
      String name, ProfileOptions options, Map<String, Long> frequencies, long missing) {
    CategoricalProfile p = new CategoricalProfile(name, options);
    frequencies.forEach(p::add);
    p.missing = missing;
    return p;
  }

  /** Restores a sketch-mode profile (used by the JSON reader); takes ownership of the sketch. */
  public static CategoricalProfile restoreSketch(
      String name, ProfileOptions options, ItemsSketch<String> sketch, long missing) {
    CategoricalProfile p = new CategoricalProfile(name, options);
    p.counts = null;
    p.sketch = sketch;
    p.count = sketch.getStreamLength();
    p.missing = missing;
    return p;
  }

  /** Adds a value as text (CSV field, string tensor); null, empty and NaN are missing. */
  public void update(String value) {
    String key = CategoryKeys.of(value);
    if (key == null) {
      missing++;
    } else {
      add(key, 1);
    }
  }

  /** Adds an integer code (INT64 tensor element). */
  public void update(long code) {
    add(CategoryKeys.of(code), 1);
  }

  @Override
  public void accept(double value) {
    String key = CategoryKeys.of(value);
    if (key == null) {
      missing++;
    } else {
      add(key, 1);
    }
  }

  @Override
  public void acceptMissing() {
    missing++;
  }

  private void add(String key, long n) {
    count += n;
    if (sketch != null) {
      sketch.update(key, n);
      return;
    }
    long[] c = counts.get(key);
    if (c == null) {
      counts.put(key, new long[] {n});
      if (counts.size() > options.categoryCap()) {
        switchToSketch();
      }
    } else {
      c[0] += n;
    }
  }

  private void switchToSketch() {
    sketch = new ItemsSketch<>(options.frequentItemsMapSize());
    counts.forEach((k, c) -> sketch.update(k, c[0]));
    counts = null;
  }

  @Override
  public void merge(FeatureProfile other) {
    if (!(other instanceof CategoricalProfile o) || !o.name.equals(name)) {
      throw new IllegalArgumentException(
          "cannot merge "
              + other.name()
              + " ("
              + other.type()
              + ") into categorical feature "
              + name);
    }
    if (!o.options.equals(options)) {
      throw new IllegalArgumentException("profile options differ for feature " + name);
    }
    if (o.sketch == null) {
      o.counts.forEach((k, c) -> add(k, c[0]));
    } else {
      if (sketch == null) {
        switchToSketch();
      }
      sketch.merge(o.sketch);
      count += o.count;
    }
    missing += o.missing;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public FeatureType type() {
    return FeatureType.CATEGORICAL;
  }

  @Override
  public long count() {
    return count;
  }

  @Override
  public long missing() {
    return missing;
  }

  public ProfileOptions options() {
    return options;
  }

  /** True while every category is counted exactly. */
  public boolean isExact() {
    return sketch == null;
  }

  /** The frequent-items sketch, or null while exact (read it, do not update it). */
  public ItemsSketch<String> sketch() {
    return sketch;
  }

  /**
   * Category counts, sorted by key. Exact while {@link #isExact()}; afterwards the sketch's
   * estimates of its frequent items plus {@link #OTHER} for the rest of the stream.
   */
  public Map<String, Long> frequencies() {
    TreeMap<String, Long> out = new TreeMap<>();
    if (sketch == null) {
      counts.forEach((k, c) -> out.put(k, c[0]));
      return out;
    }
    long attributed = 0;
    for (ItemsSketch.Row<String> row : sketch.getFrequentItems(ErrorType.NO_FALSE_NEGATIVES)) {
      out.put(row.getItem(), row.getEstimate());
      attributed += row.getEstimate();
    }
    if (count > attributed) {
      out.merge(OTHER, count - attributed, Long::sum);
    }
    return out;
  }
}
