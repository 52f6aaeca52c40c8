package dev.modelport.featurestats.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.datasketches.common.ArrayOfStringsSerDe;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;

/**
 * The persisted form of a {@link DatasetProfile}: JSON with {@code "formatVersion": 1}. Sketches
 * are their DataSketches binary images in base64 (KLL doubles; frequent items of strings); the
 * reservoir values, bin edges and category counts are plain JSON. Undefined statistics of an empty
 * feature (min, max, mean, variance) are null. A reader accepts exactly the versions it knows and
 * keeps reading them when newer ones appear (golden files under {@code
 * src/test/resources/profile-format}). Stateless and thread-safe.
 */
public final class ProfileJson {

  /** The version this class writes. */
  public static final int FORMAT_VERSION = 1;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ArrayOfStringsSerDe STRINGS = new ArrayOfStringsSerDe();

  private ProfileJson() {}

  public static String toJson(DatasetProfile profile) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toTree(profile));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write profile JSON", e);
    }
  }

  /** Writes the profile; does not close the stream. */
  public static void write(DatasetProfile profile, OutputStream out) throws IOException {
    MAPPER
        .writerWithDefaultPrettyPrinter()
        .without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
        .writeValue(out, toTree(profile));
  }

  public static DatasetProfile fromJson(String json) throws IOException {
    return fromTree(MAPPER.readTree(json));
  }

  /** Reads a profile; does not close the stream. */
  public static DatasetProfile read(InputStream in) throws IOException {
    return fromTree(MAPPER.readTree(in));
  }

  public static ObjectNode toTree(DatasetProfile profile) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("formatVersion", FORMAT_VERSION);
    ProfileOptions o = profile.options();
    ObjectNode options = root.putObject("options");
    options.put("kllK", o.kllK());
    options.put("reservoirCapacity", o.reservoirCapacity());
    options.put("binCount", o.binCount());
    options.put("categoryCap", o.categoryCap());
    options.put("frequentItemsMapSize", o.frequentItemsMapSize());
    options.put("seed", o.seed());
    ArrayNode features = root.putArray("features");
    for (FeatureProfile f : profile.features()) {
      ObjectNode node = features.addObject();
      node.put("name", f.name());
      node.put("type", f.type().name());
      node.put("count", f.count());
      node.put("missing", f.missing());
      if (f instanceof NumericProfile n) {
        writeNumeric(n, node);
      } else {
        writeCategorical((CategoricalProfile) f, node);
      }
    }
    return root;
  }

  private static void writeNumeric(NumericProfile n, ObjectNode node) {
    putNullable(node, "min", n.min());
    putNullable(node, "max", n.max());
    putNullable(node, "mean", n.mean());
    putNullable(node, "variance", n.variance());
    ArrayNode edges = node.putArray("binEdges");
    for (double e : n.binEdges()) {
      edges.add(e);
    }
    node.put("kll", Base64.getEncoder().encodeToString(n.sketch().toByteArray()));
    ObjectNode reservoir = node.putObject("reservoir");
    reservoir.put("capacity", n.reservoir().capacity());
    reservoir.put("seen", n.reservoir().seen());
    ArrayNode values = reservoir.putArray("values");
    for (double v : n.reservoir().values()) {
      values.add(v);
    }
    LowCardinalityCounts low = n.lowCardinality();
    if (low.overflowed()) {
      node.putNull("distinctValues");
    } else {
      ObjectNode distinct = node.putObject("distinctValues");
      ArrayNode dv = distinct.putArray("values");
      ArrayNode dc = distinct.putArray("counts");
      for (double v : low.sortedValues()) {
        dv.add(v);
        dc.add(low.count(v));
      }
    }
  }

  private static void writeCategorical(CategoricalProfile c, ObjectNode node) {
    node.put("exact", c.isExact());
    if (c.isExact()) {
      ObjectNode freq = node.putObject("frequencies");
      c.frequencies().forEach(freq::put);
      node.putNull("frequentItems");
    } else {
      node.putNull("frequencies");
      node.put(
          "frequentItems", Base64.getEncoder().encodeToString(c.sketch().toByteArray(STRINGS)));
    }
  }

  private static void putNullable(ObjectNode node, String field, double value) {
    if (Double.isNaN(value)) {
      node.putNull(field);
    } else {
      node.put(field, value);
    }
  }

  public static DatasetProfile fromTree(JsonNode root) throws IOException {
    int version = root.path("formatVersion").asInt(-1);
    if (version != FORMAT_VERSION) {
      throw new IOException(
          "unsupported profile formatVersion "
              + root.path("formatVersion")
              + " (this reader knows "
              + FORMAT_VERSION
              + ")");
    }
    JsonNode o = required(root, "options");
    ProfileOptions options =
        new ProfileOptions(
            required(o, "kllK").asInt(),
            required(o, "reservoirCapacity").asInt(),
            required(o, "binCount").asInt(),
            required(o, "categoryCap").asInt(),
            required(o, "frequentItemsMapSize").asInt(),
            required(o, "seed").asLong());
    List<FeatureSpec> specs = new ArrayList<>();
    List<FeatureProfile> profiles = new ArrayList<>();
    for (JsonNode f : required(root, "features")) {
      String name = required(f, "name").asText();
      FeatureType type = FeatureType.valueOf(required(f, "type").asText());
      specs.add(new FeatureSpec(name, type));
      profiles.add(
          type == FeatureType.NUMERIC
              ? readNumeric(name, options, f)
              : readCategorical(name, options, f));
    }
    return DatasetProfile.of(new FeatureSchema(specs), options, profiles);
  }

  private static NumericProfile readNumeric(String name, ProfileOptions options, JsonNode f)
      throws IOException {
    long count = required(f, "count").asLong();
    RunningMoments moments =
        RunningMoments.restore(
            count,
            nullable(f, "mean"),
            nullable(f, "variance"),
            nullable(f, "min"),
            nullable(f, "max"));
    KllDoublesSketch sketch =
        KllDoublesSketch.heapify(
            Memory.wrap(Base64.getDecoder().decode(required(f, "kll").asText())));
    JsonNode r = required(f, "reservoir");
    ReservoirSample reservoir =
        ReservoirSample.restore(
            required(r, "capacity").asInt(),
            options.seed() ^ name.hashCode(),
            required(r, "seen").asLong(),
            doubles(required(r, "values")));
    JsonNode d = f.path("distinctValues");
    LowCardinalityCounts low =
        d.isObject()
            ? LowCardinalityCounts.restore(
                doubles(required(d, "values")), longs(required(d, "counts")))
            : LowCardinalityCounts.restore(null, null);
    if (sketch.getN() != count || reservoir.seen() != count) {
      throw new IOException(
          "feature "
              + name
              + ": count "
              + count
              + " disagrees with sketch ("
              + sketch.getN()
              + ") or reservoir ("
              + reservoir.seen()
              + ")");
    }
    return NumericProfile.restore(
        name,
        options,
        moments,
        sketch,
        reservoir,
        low,
        required(f, "missing").asLong(),
        doubles(required(f, "binEdges")));
  }

  private static CategoricalProfile readCategorical(String name, ProfileOptions options, JsonNode f)
      throws IOException {
    long missing = required(f, "missing").asLong();
    if (required(f, "exact").asBoolean()) {
      Map<String, Long> freq = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = required(f, "frequencies").fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        freq.put(e.getKey(), e.getValue().asLong());
      }
      return CategoricalProfile.restoreExact(name, options, freq, missing);
    }
    ItemsSketch<String> sketch =
        ItemsSketch.getInstance(
            Memory.wrap(Base64.getDecoder().decode(required(f, "frequentItems").asText())),
            STRINGS);
    return CategoricalProfile.restoreSketch(name, options, sketch, missing);
  }

  private static JsonNode required(JsonNode node, String field) throws IOException {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw new IOException("profile JSON lacks " + field);
    }
    return v;
  }

  private static double nullable(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? Double.NaN : v.asDouble();
  }

  private static double[] doubles(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asDouble();
    }
    return out;
  }

  private static long[] longs(JsonNode array) {
    long[] out = new long[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asLong();
    }
    return out;
  }
}
