package dev.modelport.drift.support;

import dev.modelport.drift.baseline.MonitoredSignature;
import dev.modelport.drift.baseline.SignatureMapping;
import dev.modelport.featurestats.profile.CsvProfileReader;
import dev.modelport.featurestats.profile.DatasetProfile;
import dev.modelport.featurestats.profile.FeatureProfile;
import dev.modelport.featurestats.profile.FeatureSchema;
import dev.modelport.featurestats.profile.FeatureSpec;
import dev.modelport.featurestats.profile.ProfileJson;
import dev.modelport.featurestats.profile.ProfileOptions;
import dev.modelport.protocol.model.ModelSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The example models of {@code ../examples/models}: signatures, CSV rows and baselines built from
 * train.csv.
 */
public final class ExampleModels {

  public static final Path ROOT = Path.of("..", "examples", "models");
  public static final String BREAST = "breast-cancer-mlp";
  public static final String CREDIT = "credit-risk-mixed";
  public static final List<String> BREAST_DRIFTED =
      List.of("mean_radius", "mean_perimeter", "mean_area", "worst_radius", "worst_perimeter");

  private ExampleModels() {}

  /** The signature of breast-cancer-mlp, from its model.yaml (test-support). */
  public static ModelSignature breastSignature() {
    return dev.modelport.testsupport.ExampleModels.signature(BREAST);
  }

  /**
   * The signature of credit-risk-mixed, from its model.yaml (test-support): FP32 [-1, 4] numeric
   * and INT64 [-1, 2] categorical.
   */
  public static ModelSignature creditSignature() {
    return dev.modelport.testsupport.ExampleModels.signature(CREDIT);
  }

  public static MonitoredSignature monitored(ModelSignature signature) {
    return SignatureMapping.of(signature).orElseThrow();
  }

  /** The baseline profile of a model from its train.csv, read as FP32 like the live tensors. */
  public static DatasetProfile baseline(String model, ModelSignature signature) {
    try {
      return new CsvProfileReader(
              monitored(signature).schema(),
              ProfileOptions.DEFAULTS,
              CsvProfileReader.Precision.FP32)
          .read(ROOT.resolve(model).resolve("train.csv"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String baselineJson(String model, ModelSignature signature) {
    return ProfileJson.toJson(baseline(model, signature));
  }

  /** The rows of a CSV of a model folder without the label column, as numbers. */
  public static double[][] rows(String model, String csv) {
    try {
      List<String> lines = Files.readAllLines(ROOT.resolve(model).resolve(csv));
      List<double[]> out = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        if (line.isBlank()) {
          continue;
        }
        String[] fields = line.split(",");
        out.add(
            Arrays.stream(fields, 0, fields.length - 1).mapToDouble(Double::parseDouble).toArray());
      }
      return out.toArray(double[][]::new);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * breast-cancer-mlp's reference outputs for test.csv (expected_test_probabilities.csv): per row
   * the probabilities of the two classes, the model's {@code probabilities} output.
   */
  public static float[][] breastTestProbabilities() {
    try {
      List<String> lines =
          Files.readAllLines(ROOT.resolve(BREAST).resolve("expected_test_probabilities.csv"));
      List<float[]> rows = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        if (!line.isBlank()) {
          String[] f = line.split(",");
          rows.add(new float[] {Float.parseFloat(f[0]), Float.parseFloat(f[1])});
        }
      }
      return rows.toArray(float[][]::new);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A baseline of breast-cancer-mlp as a training CSV with output columns gives it: train.csv's
   * input features, then columns {@code probabilities_0} and {@code probabilities_1} (here the
   * reference probabilities of test.csv).
   */
  public static DatasetProfile breastBaselineWithOutputs() {
    DatasetProfile inputs = baseline(BREAST, breastSignature());
    FeatureSchema outputSchema = monitored(breastSignature()).outputSchema();
    DatasetProfile outputs = DatasetProfile.create(outputSchema, ProfileOptions.DEFAULTS);
    for (float[] p : breastTestProbabilities()) {
      outputs.addRow(p);
    }
    List<FeatureSpec> specs = new ArrayList<>(inputs.schema().features());
    specs.addAll(outputSchema.features());
    List<FeatureProfile> features = new ArrayList<>(inputs.features());
    features.addAll(outputs.features());
    return DatasetProfile.of(new FeatureSchema(specs), ProfileOptions.DEFAULTS, features);
  }
}
