package dev.modelport.featurestats.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.featurestats.profile.CsvProfileReader;
import dev.modelport.featurestats.profile.DatasetProfile;
import dev.modelport.featurestats.profile.FeatureSchema;
import dev.modelport.featurestats.profile.FeatureSpec;
import dev.modelport.featurestats.profile.FeatureType;
import dev.modelport.featurestats.profile.ProfileOptions;
import dev.modelport.testsupport.ExampleModels;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Compares Modelport's statistics with SciPy's on the example data and on synthetic cases. The
 * reference values come from {@code src/test/python/scipy_reference.py}, committed with its output
 * {@code scipy-reference.json}. On exact samples statistics agree within 1e-9 relative (1e-12
 * absolute near zero) and p-values within 1e-6 absolute.
 */
class ScipyReferenceTest {

  static final double RELATIVE = 1e-9;
  static final double P_VALUE = 1e-6;

  static JsonNode reference;

  @BeforeAll
  static void loadReference() throws IOException {
    try (InputStream in = ScipyReferenceTest.class.getResourceAsStream("/scipy-reference.json")) {
      reference = new ObjectMapper().readTree(in);
    }
  }

  @TestFactory
  Stream<DynamicTest> exampleDataMatchesScipy() {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode example : reference.get("examples")) {
      tests.add(DynamicTest.dynamicTest(example.get("name").asText(), () -> checkExample(example)));
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> syntheticCasesMatchScipy() {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : reference.get("synthetic")) {
      tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> checkSynthetic(c)));
    }
    return tests.stream();
  }

  private static void checkExample(JsonNode example) throws IOException {
    List<FeatureSpec> specs = new ArrayList<>();
    for (JsonNode f : example.get("schema")) {
      specs.add(
          new FeatureSpec(
              f.get("name").asText(),
              f.get("type").asText().equals("numeric")
                  ? FeatureType.NUMERIC
                  : FeatureType.CATEGORICAL));
    }
    FeatureSchema schema = new FeatureSchema(specs);
    CsvProfileReader reader =
        new CsvProfileReader(schema, ProfileOptions.DEFAULTS, CsvProfileReader.Precision.FP64);
    String model = example.get("model").asText();
    DatasetProfile ref = reader.read(ExampleModels.file(model, example.get("reference").asText()));
    DatasetProfile cur = reader.read(ExampleModels.file(model, example.get("current").asText()));

    DatasetDriftResult result = new DriftDetector().compare(ref, cur);

    for (FeatureSpec spec : specs) {
      check(
          spec.name(),
          example.get("features").get(spec.name()),
          result.feature(spec.name()),
          ref,
          spec);
    }
    List<String> expected = new ArrayList<>();
    example.get("defaultDriftedFeatures").forEach(n -> expected.add(n.asText()));
    assertThat(result.driftedFeatureNames()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(result.share()).isCloseTo(example.get("driftShare").asDouble(), within(1e-12));
  }

  private static void checkSynthetic(JsonNode c) {
    boolean numeric = c.get("type").asText().equals("numeric");
    FeatureSpec spec =
        new FeatureSpec("x", numeric ? FeatureType.NUMERIC : FeatureType.CATEGORICAL);
    FeatureSchema schema = FeatureSchema.of(spec);
    DatasetProfile ref = DatasetProfile.create(schema, ProfileOptions.DEFAULTS);
    DatasetProfile cur = DatasetProfile.create(schema, ProfileOptions.DEFAULTS);
    fill(ref, c.get("reference"), numeric);
    fill(cur, c.get("current"), numeric);

    FeatureDriftResult result = new DriftDetector().compare(ref.feature(0), cur.feature(0));

    assertThat(result.referenceCount()).isEqualTo(c.get("referenceCount").asLong());
    assertThat(result.currentCount()).isEqualTo(c.get("currentCount").asLong());
    if (c.has("error")) {
      assertThat(result.status())
          .isIn(FeatureDriftStatus.EMPTY_CURRENT, FeatureDriftStatus.EMPTY_REFERENCE);
      assertThat(result.drifted()).isFalse();
      assertThat(result.statistic()).isNull();
      return;
    }
    check("x", c, result, ref, spec);
  }

  private static void fill(DatasetProfile profile, JsonNode values, boolean numeric) {
    for (JsonNode v : values) {
      if (numeric) {
        profile.numeric("x").update(v.isNull() ? null : v.asDouble());
      } else {
        profile.categorical("x").update(v.isNull() ? null : v.asText());
      }
    }
  }

  private static void check(
      String name,
      JsonNode expected,
      FeatureDriftResult actual,
      DatasetProfile ref,
      FeatureSpec spec) {
    assertThat(actual.status()).as(name).isEqualTo(FeatureDriftStatus.EVALUATED);
    assertThat(actual.method().name())
        .as(name + " default method")
        .isEqualTo(expected.get("defaultMethod").asText());
    assertThat(actual.drifted())
        .as(name + " drifted")
        .isEqualTo(expected.get("defaultDrifted").asBoolean());
    var scores = actual.scores();
    if (spec.type() == FeatureType.NUMERIC) {
      assertThat(actual.estimation()).isEqualTo(Estimation.EXACT);
      JsonNode ks = expected.get("ks");
      assertClose(
          name + " KS D", scores.get(DriftMethod.KS).statistic(), ks.get("statistic").asDouble());
      assertThat(scores.get(DriftMethod.KS).pValue())
          .as(name + " KS p (asymp)")
          .isCloseTo(ks.get("pValueAsymp").asDouble(), within(P_VALUE));
      assertClose(
          name + " Wasserstein",
          scores.get(DriftMethod.WASSERSTEIN).statistic(),
          expected.get("wasserstein").asDouble());
      assertClose(
          name + " Wasserstein normed",
          scores.get(DriftMethod.WASSERSTEIN_NORMED).statistic(),
          expected.get("wassersteinNormed").asDouble());
      assertClose(
          name + " std",
          ref.numeric(name).standardDeviation(),
          expected.get("referenceStd").asDouble());
      double[] edges = ref.numeric(name).binEdges();
      JsonNode expectedEdges = expected.get("binEdges");
      assertThat(edges).as(name + " edges").hasSize(expectedEdges.size());
      for (int i = 0; i < edges.length; i++) {
        assertClose(name + " edge " + i, edges[i], expectedEdges.get(i).asDouble());
      }
      JsonNode low = expected.get("lowCardinality");
      JsonNode binned = low == null ? expected : low;
      assertClose(
          name + " PSI", scores.get(DriftMethod.PSI).statistic(), binned.get("psi").asDouble());
      assertClose(
          name + " JS",
          scores.get(DriftMethod.JENSEN_SHANNON).statistic(),
          binned.get("jensenShannon").asDouble());
      if (low != null) {
        checkCategoryTests(name, low, scores);
      } else {
        assertThat(scores).doesNotContainKey(DriftMethod.CHI_SQUARE);
      }
    } else {
      checkCategoryTests(name, expected, scores);
      assertClose(
          name + " PSI", scores.get(DriftMethod.PSI).statistic(), expected.get("psi").asDouble());
      assertClose(
          name + " JS",
          scores.get(DriftMethod.JENSEN_SHANNON).statistic(),
          expected.get("jensenShannon").asDouble());
    }
  }

  private static void checkCategoryTests(
      String name, JsonNode expected, java.util.Map<DriftMethod, DriftScore> scores) {
    JsonNode chi = expected.get("chiSquare");
    assertClose(
        name + " chi2",
        scores.get(DriftMethod.CHI_SQUARE).statistic(),
        chi.get("statistic").asDouble());
    assertThat(scores.get(DriftMethod.CHI_SQUARE).pValue())
        .as(name + " chi2 p")
        .isCloseTo(chi.get("pValue").asDouble(), within(P_VALUE));
    JsonNode z = expected.get("zTest");
    if (z == null) {
      assertThat(scores).doesNotContainKey(DriftMethod.Z_TEST);
    } else {
      assertClose(
          name + " z", scores.get(DriftMethod.Z_TEST).statistic(), z.get("statistic").asDouble());
      assertThat(scores.get(DriftMethod.Z_TEST).pValue())
          .as(name + " z p")
          .isCloseTo(z.get("pValue").asDouble(), within(P_VALUE));
    }
  }

  static void assertClose(String what, double actual, double expected) {
    double tolerance = Math.max(Math.abs(expected) * RELATIVE, 1e-12);
    assertThat(actual).as(what).isCloseTo(expected, within(tolerance));
  }
}
