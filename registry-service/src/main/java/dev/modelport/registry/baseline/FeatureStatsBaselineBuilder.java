package dev.modelport.registry.baseline;

import dev.modelport.featurestats.profile.CsvProfileReader;
import dev.modelport.featurestats.profile.DatasetProfile;
import dev.modelport.featurestats.profile.FeatureSchema;
import dev.modelport.featurestats.profile.FeatureSpec;
import dev.modelport.featurestats.profile.FeatureType;
import dev.modelport.featurestats.profile.ProfileJson;
import dev.modelport.featurestats.profile.ProfileOptions;
import dev.modelport.protocol.model.Feature;
import dev.modelport.protocol.model.ModelSignature;
import dev.modelport.protocol.model.TensorSpec;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.registry.error.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Baselines with the feature-stats library: a training CSV is streamed into a {@link
 * DatasetProfile} over the signature's input features (columns matched by header name; extra
 * columns such as the label are ignored), followed by the model's outputs when the CSV holds them
 * (prediction drift: {@link OutputColumns}); a precomputed profile must describe exactly the
 * signature's features. Either way the stored form is {@link ProfileJson}. Numbers are read as FP32
 * when every tensor carrying features is FP32 or FP16, so the baseline equals what serving sees in
 * its tensors. Stateless and thread-safe.
 */
@ApplicationScoped
public class FeatureStatsBaselineBuilder implements BaselineBuilder {

  @Override
  public Optional<String> build(
      ModelSignature signature, Optional<Path> trainingCsv, Optional<Path> profileJson) {
    if (trainingCsv.isPresent() && profileJson.isPresent()) {
      throw new InvalidInputException(
          "profile", "send either training-data or a profile, not both");
    }
    if (trainingCsv.isEmpty() && profileJson.isEmpty()) {
      return Optional.empty();
    }
    List<Feature> features = signature.inputFeatures();
    String part = trainingCsv.isPresent() ? "training-data" : "profile";
    if (features.isEmpty()) {
      throw new InvalidInputException(part, "the signature's inputs name no features to profile");
    }
    FeatureSchema schema =
        new FeatureSchema(
            features.stream()
                .map(
                    f ->
                        new FeatureSpec(
                            f.name(),
                            f.type() == dev.modelport.protocol.model.FeatureType.CATEGORICAL
                                ? FeatureType.CATEGORICAL
                                : FeatureType.NUMERIC))
                .toList());
    DatasetProfile profile =
        trainingCsv.isPresent()
            ? fromCsv(schema, signature, trainingCsv.get())
            : fromJson(schema, profileJson.get());
    return Optional.of(ProfileJson.toJson(profile));
  }

  private static DatasetProfile fromCsv(FeatureSchema inputs, ModelSignature signature, Path csv) {
    List<String> header = header(csv);
    List<String> missing =
        inputs.features().stream().map(FeatureSpec::name).filter(n -> !header.contains(n)).toList();
    if (!missing.isEmpty()) {
      throw new InvalidInputException(
          "training-data",
          "the CSV header lacks the signature's features " + missing + " (header: " + header + ")");
    }
    List<FeatureSpec> columns = new ArrayList<>(inputs.features());
    OutputColumns.presentIn(signature, header).forEach(n -> columns.add(FeatureSpec.numeric(n)));
    FeatureSchema schema = new FeatureSchema(columns);
    try {
      return new CsvProfileReader(schema, ProfileOptions.DEFAULTS, precision(signature)).read(csv);
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidInputException("training-data", e.getMessage());
    }
  }

  private static DatasetProfile fromJson(FeatureSchema schema, Path json) {
    DatasetProfile profile;
    try (InputStream in = Files.newInputStream(json)) {
      profile = ProfileJson.read(in);
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException("profile", "not a feature-stats profile: " + e.getMessage());
    }
    if (!profile.schema().equals(schema)) {
      throw new InvalidInputException(
          "profile",
          "its features "
              + describe(profile.schema())
              + " differ from the signature's "
              + describe(schema));
    }
    return profile;
  }

  private static List<String> header(Path csv) {
    try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      String line = in.readLine();
      if (line == null) {
        throw new InvalidInputException(
            "training-data", "the CSV is empty; a header row of feature names is required");
      }
      if (!line.isEmpty() && line.charAt(0) == '\uFEFF') {
        line = line.substring(1);
      }
      return Arrays.stream(line.split(",", -1)).map(h -> h.strip().replace("\"", "")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static CsvProfileReader.Precision precision(ModelSignature signature) {
    boolean allFloat =
        signature.inputs().stream()
            .filter(t -> !t.features().isEmpty())
            .map(TensorSpec::datatype)
            .allMatch(d -> d == DataType.FP32 || d == DataType.FP16);
    return allFloat ? CsvProfileReader.Precision.FP32 : CsvProfileReader.Precision.FP64;
  }

  private static String describe(FeatureSchema schema) {
    return schema.features().stream()
        .map(f -> f.name() + ":" + f.type().name().toLowerCase(java.util.Locale.ROOT))
        .toList()
        .toString();
  }
}
