package dev.modelport.featurestats.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.featurestats.profile.CsvProfileReader;
import dev.modelport.featurestats.profile.DatasetProfile;
import dev.modelport.featurestats.profile.ExampleSchemas;
import dev.modelport.featurestats.profile.FeatureSchema;
import dev.modelport.featurestats.profile.FeatureType;
import dev.modelport.featurestats.profile.ProfileOptions;
import dev.modelport.testsupport.ExampleModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DriftConfigTest {

  static final FeatureSchema SCHEMA = ExampleSchemas.inputs(ExampleModels.CREDIT_RISK);

  static DatasetProfile train;
  static DatasetProfile drifted;

  @BeforeAll
  static void readProfiles() throws Exception {
    CsvProfileReader reader =
        new CsvProfileReader(SCHEMA, ProfileOptions.DEFAULTS, CsvProfileReader.Precision.FP64);
    train = reader.read(ExampleModels.file(ExampleModels.CREDIT_RISK, "train.csv"));
    drifted = reader.read(ExampleModels.file(ExampleModels.CREDIT_RISK, "drifted.csv"));
  }

  @Test
  void evidentlyDefaultsDependOnTypeReferenceSizeAndDistinctValues() {
    assertThat(EvidentlyDefaults.method(FeatureType.NUMERIC, 1000, -1, 1000))
        .isEqualTo(DriftMethod.KS);
    assertThat(EvidentlyDefaults.method(FeatureType.NUMERIC, 1001, -1, 1000))
        .isEqualTo(DriftMethod.WASSERSTEIN_NORMED);
    assertThat(EvidentlyDefaults.method(FeatureType.NUMERIC, 500, 4, 1000))
        .isEqualTo(DriftMethod.CHI_SQUARE);
    assertThat(EvidentlyDefaults.method(FeatureType.NUMERIC, 500, 2, 1000))
        .isEqualTo(DriftMethod.Z_TEST);
    assertThat(EvidentlyDefaults.method(FeatureType.NUMERIC, 5000, 3, 1000))
        .isEqualTo(DriftMethod.JENSEN_SHANNON);
    assertThat(EvidentlyDefaults.method(FeatureType.CATEGORICAL, 1000, 7, 1000))
        .isEqualTo(DriftMethod.CHI_SQUARE);
    assertThat(EvidentlyDefaults.method(FeatureType.CATEGORICAL, 1000, 2, 1000))
        .isEqualTo(DriftMethod.Z_TEST);
    assertThat(EvidentlyDefaults.method(FeatureType.CATEGORICAL, 1001, 2, 1000))
        .isEqualTo(DriftMethod.JENSEN_SHANNON);
  }

  @Test
  void aPerFeatureOverrideChangesMethodAndThreshold() {
    DriftConfig config = DriftConfig.defaults().withFeature("utilization", DriftMethod.PSI, 50.0);

    DatasetDriftResult result = new DriftDetector(config).compare(train, drifted);

    FeatureDriftResult utilization = result.feature("utilization");
    assertThat(utilization.method()).isEqualTo(DriftMethod.PSI);
    assertThat(utilization.threshold()).isEqualTo(50.0);
    assertThat(utilization.drifted()).isFalse();
    assertThat(result.driftedFeatureNames()).containsExactly("region");
  }

  @Test
  void perModelMethodsAndThresholdsApplyToEveryFeatureOfTheirType() {
    DriftConfig config =
        DriftConfig.defaults()
            .withNumericMethod(DriftMethod.KS)
            .withCategoricalMethod(DriftMethod.CHI_SQUARE)
            .withThreshold(DriftMethod.KS, 1e-9);

    DatasetDriftResult result = new DriftDetector(config).compare(train, drifted);

    assertThat(result.feature("income").method()).isEqualTo(DriftMethod.KS);
    assertThat(result.feature("income").threshold()).isEqualTo(1e-9);
    assertThat(result.feature("region").method()).isEqualTo(DriftMethod.CHI_SQUARE);
    assertThat(result.feature("region").drifted()).isTrue();
    assertThat(result.feature("income").drifted()).isFalse();
    assertThat(result.feature("utilization").drifted())
        .as("a shift of 1.2 standard deviations on 800 rows has a p-value near 0")
        .isTrue();
  }

  @Test
  void datasetDriftsWhenTheShareOfDriftedFeaturesReachesTheConfiguredShare() {
    DatasetDriftResult byDefault = new DriftDetector().compare(train, drifted);
    DatasetDriftResult third =
        new DriftDetector(DriftConfig.defaults().withDatasetDriftShare(1.0 / 3))
            .compare(train, drifted);

    assertThat(byDefault.share()).isEqualTo(2.0 / 6);
    assertThat(byDefault.drifted()).isFalse();
    assertThat(third.drifted()).isTrue();
  }

  @Test
  void aMethodThatDoesNotApplyIsReportedAsSuch() {
    DriftConfig config =
        DriftConfig.defaults()
            .withFeature("income", DriftMethod.CHI_SQUARE, null)
            .withFeature("region", DriftMethod.Z_TEST, null);

    DatasetDriftResult result = new DriftDetector(config).compare(train, drifted);

    assertThat(result.feature("income").status()).isEqualTo(FeatureDriftStatus.NOT_APPLICABLE);
    assertThat(result.feature("region").status()).isEqualTo(FeatureDriftStatus.NOT_APPLICABLE);
    assertThat(result.evaluatedFeatures()).isEqualTo(4);
    assertThatThrownBy(() -> DriftConfig.defaults().withCategoricalMethod(DriftMethod.KS))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void resultsAndConfigRoundTripThroughJson() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    DriftConfig config =
        DriftConfig.defaults()
            .withFeature("age", DriftMethod.KS, 0.01)
            .withThreshold(DriftMethod.PSI, 0.2);
    DatasetDriftResult result = new DriftDetector(config).compare(train, drifted);

    String json = mapper.writeValueAsString(result);
    DatasetDriftResult back = mapper.readValue(json, DatasetDriftResult.class);

    assertThat(back).isEqualTo(result);
    assertThat(mapper.readTree(json).get("features").get(3).get("drifted").asBoolean()).isTrue();
    assertThat(mapper.readValue(mapper.writeValueAsString(config), DriftConfig.class))
        .isEqualTo(config);
  }
}
