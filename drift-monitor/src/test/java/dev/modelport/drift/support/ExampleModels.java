package dev.modelport.drift.support;

import dev.modelport.drift.baseline.ModelSignature;
import dev.modelport.drift.baseline.SignatureMapping;
import dev.modelport.featurestats.profile.CsvProfileReader;
import dev.modelport.featurestats.profile.DatasetProfile;
import dev.modelport.featurestats.profile.ProfileJson;
import dev.modelport.featurestats.profile.ProfileOptions;
import dev.modelport.registryclient.api.Feature;
import dev.modelport.registryclient.api.FeatureType;
import dev.modelport.registryclient.api.Signature;
import dev.modelport.registryclient.api.TensorSpec;
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

  /** The registry signature of breast-cancer-mlp: one FP32 [-1, 30] input of numeric features. */
  public static Signature breastSignature() {
    List<String> names = header(ROOT.resolve(BREAST).resolve("train.csv")).subList(0, 30);
    return new Signature(
        List.of(
            new TensorSpec(
                "input",
                "FP32",
                List.of(-1L, 30L),
                names.stream().map(n -> new Feature(n, FeatureType.NUMERIC)).toList())),
        List.of(new TensorSpec("probabilities", "FP32", List.of(-1L, 2L), List.of())));
  }

  /**
   * The registry signature of credit-risk-mixed: FP32 [-1, 4] numeric and INT64 [-1, 2]
   * categorical.
   */
  public static Signature creditSignature() {
    return new Signature(
        List.of(
            new TensorSpec(
                "numeric",
                "FP32",
                List.of(-1L, 4L),
                List.of(
                    new Feature("income", FeatureType.NUMERIC),
                    new Feature("age", FeatureType.NUMERIC),
                    new Feature("debt_ratio", FeatureType.NUMERIC),
                    new Feature("utilization", FeatureType.NUMERIC))),
            new TensorSpec(
                "categorical",
                "INT64",
                List.of(-1L, 2L),
                List.of(
                    new Feature("region", FeatureType.CATEGORICAL),
                    new Feature("employment", FeatureType.CATEGORICAL)))),
        List.of(new TensorSpec("probabilities", "FP32", List.of(-1L, 2L), List.of())));
  }

  public static ModelSignature monitored(Signature signature) {
    return SignatureMapping.of(signature).orElseThrow();
  }

  /** The baseline profile of a model from its train.csv, read as FP32 like the live tensors. */
  public static DatasetProfile baseline(String model, Signature signature) {
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

  public static String baselineJson(String model, Signature signature) {
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

  private static List<String> header(Path csv) {
    try (var lines = Files.lines(csv)) {
      return List.of(lines.findFirst().orElseThrow().split(","));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
