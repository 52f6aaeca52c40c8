package dev.modelport.drift.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.modelport.drift.ModelVersionKey;
import dev.modelport.drift.baseline.BaselineSplit;
import dev.modelport.drift.baseline.MonitoredSignature;
import dev.modelport.drift.baseline.VersionBaseline;
import dev.modelport.drift.consumer.BadEventException;
import dev.modelport.drift.consumer.EventRowsReader;
import dev.modelport.drift.support.ExampleModels;
import dev.modelport.drift.support.InferenceEvents;
import dev.modelport.drift.window.ClosedWindow;
import dev.modelport.drift.window.WindowBook;
import dev.modelport.drift.window.WindowEvent;
import dev.modelport.drift.window.WindowPolicy;
import dev.modelport.featurestats.drift.DriftConfig;
import dev.modelport.featurestats.profile.DatasetProfile;
import dev.modelport.featurestats.profile.FeatureProfile;
import dev.modelport.featurestats.profile.FeatureSchema;
import dev.modelport.featurestats.profile.FeatureSpec;
import dev.modelport.featurestats.profile.ProfileOptions;
import dev.modelport.protocol.event.InferenceEvent;
import dev.modelport.protocol.tensor.TensorLimits;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Prediction drift: breast-cancer-mlp events carry their outputs ({@code probabilities}, FP32 [N,
 * 2]), which are profiled per window as columns {@code probabilities_0} and {@code
 * probabilities_1}, compared with a baseline holding those columns (the reference probabilities of
 * test.csv), and reported apart from the input features.
 */
class PredictionDriftTest {

  static final ModelVersionKey KEY = new ModelVersionKey(ExampleModels.BREAST, "1");
  static final MonitoredSignature SIGNATURE =
      ExampleModels.monitored(ExampleModels.breastSignature());
  static final double[][] TEST = ExampleModels.rows(ExampleModels.BREAST, "test.csv");
  static final float[][] PROBABILITIES = ExampleModels.breastTestProbabilities();

  @Test
  void anNByKOutputIsProfiledAsKColumnsNamedAfterIt() {
    assertThat(SIGNATURE.outputSchema().features())
        .extracting(FeatureSpec::name)
        .containsExactly("probabilities_0", "probabilities_1");
  }

  @Test
  void outputsLikeTheBaselinesDoNotDriftAndSwappedOnesDoWithoutTouchingTheInputShare()
      throws Exception {
    WindowEvaluator evaluator = evaluator(withOutputBaseline());

    WindowReport same = evaluator.evaluate(window(false));
    WindowReport swapped = evaluator.evaluate(window(true));

    assertThat(same.outputs())
        .extracting(OutputColumnReport::column)
        .containsExactly("probabilities_0", "probabilities_1");
    assertThat(same.driftedOutputs()).isEmpty();
    assertThat(same.outputs()).allSatisfy(o -> assertThat(o.drift()).isNotNull());
    assertThat(swapped.driftedOutputs()).containsExactly("probabilities_0", "probabilities_1");
    // the inputs are test.csv both times: the outputs never count in the data set's share
    assertThat(swapped.result().evaluatedFeatures()).isEqualTo(30);
    assertThat(swapped.result().share()).isEqualTo(same.result().share());
    assertThat(swapped.outcome()).isEqualTo(Outcome.NO_DRIFT);
    assertThat(swapped.driftedFeatures()).doesNotContain("probabilities_0", "probabilities_1");
    assertThat(swapped.outputs().get(0).histogram().baseline()).isNotEmpty();
  }

  @Test
  void withoutBaselineColumnsTheLiveOutputDistributionIsStillSummarised() throws Exception {
    WindowEvaluator evaluator =
        evaluator(
            VersionBaseline.withBaseline(
                KEY,
                SIGNATURE,
                ExampleModels.baseline(ExampleModels.BREAST, ExampleModels.breastSignature())));

    WindowReport r = evaluator.evaluate(window(false));

    OutputColumnReport benign = r.outputs().get(1);
    assertThat(benign.drift()).isNull();
    assertThat(benign.summary().count()).isEqualTo(TEST.length);
    double mean = 0;
    for (float[] p : PROBABILITIES) {
      mean += p[1];
    }
    assertThat(benign.summary().mean()).isCloseTo(mean / TEST.length, within(1e-6));
    assertThat(benign.summary().quantiles()).containsKeys("p05", "p25", "p50", "p75", "p95");
    assertThat(benign.histogram().live()).isNotEmpty();
  }

  @Test
  void eventsWithoutOutputsGiveNoPredictionDriftSection() throws Exception {
    WindowBook book = book();
    EventRowsReader reader = new EventRowsReader(TensorLimits.DEFAULT);
    InferenceEvent event = InferenceEvents.breast("1", TEST, 0, TEST.length, 1);
    List<ClosedWindow> closed = add(book, reader, event);

    assertThat(evaluator(withOutputBaseline()).evaluate(closed.get(0)).outputs()).isEmpty();
  }

  @Test
  void aStoredBaselineOfTheInputsFollowedByOutputColumnsIsSplitAndAnythingElseIsNot() {
    VersionBaseline v = withOutputBaseline();
    DatasetProfile stored = concat(v.baseline().get(), v.outputBaseline().get());

    BaselineSplit split = BaselineSplit.of(stored, SIGNATURE);

    assertThat(split.inputs().schema()).isEqualTo(SIGNATURE.schema());
    assertThat(split.outputs().schema()).isEqualTo(SIGNATURE.outputSchema());
    DatasetProfile foreign = concat(v.baseline().get(), profileOf("label"));
    assertThat(BaselineSplit.of(foreign, SIGNATURE).outputs()).isNull();
    assertThat(BaselineSplit.of(foreign, SIGNATURE).inputs()).isSameAs(foreign);
  }

  private static WindowEvaluator evaluator(VersionBaseline v) {
    return new WindowEvaluator(
        k -> Optional.of(v),
        m -> DriftConfig.defaults(),
        new HistogramBuilder(20),
        List.of(),
        Clock.systemUTC());
  }

  /** The baseline of train.csv's inputs and, as output columns, the probabilities of test.csv. */
  private static VersionBaseline withOutputBaseline() {
    DatasetProfile outputs =
        DatasetProfile.create(SIGNATURE.outputSchema(), ProfileOptions.DEFAULTS);
    for (float[] p : PROBABILITIES) {
      outputs.addRow(p);
    }
    return VersionBaseline.withBaseline(
        KEY,
        SIGNATURE,
        ExampleModels.baseline(ExampleModels.BREAST, ExampleModels.breastSignature()),
        outputs);
  }

  /** One window of test.csv with its reference probabilities as outputs (columns swapped). */
  private static ClosedWindow window(boolean swapped) throws BadEventException {
    InferenceEvent event =
        InferenceEvents.withProbabilities(
            InferenceEvents.breast("1", TEST, 0, TEST.length, 1),
            PROBABILITIES,
            0,
            TEST.length,
            swapped);
    return add(book(), new EventRowsReader(TensorLimits.DEFAULT), event).get(0);
  }

  private static WindowBook book() {
    return new WindowBook(
        k -> new WindowPolicy(TEST.length, Duration.ofHours(1)), ProfileOptions.DEFAULTS);
  }

  private static List<ClosedWindow> add(WindowBook book, EventRowsReader reader, InferenceEvent e)
      throws BadEventException {
    return book.add(
        new WindowEvent(
            0,
            KEY,
            SIGNATURE.schema(),
            SIGNATURE.outputSchema(),
            0,
            1,
            reader.read(e, SIGNATURE),
            null),
        System.nanoTime());
  }

  private static DatasetProfile concat(DatasetProfile a, DatasetProfile b) {
    List<FeatureSpec> specs = new ArrayList<>(a.schema().features());
    specs.addAll(b.schema().features());
    List<FeatureProfile> features = new ArrayList<>(a.features());
    features.addAll(b.features());
    return DatasetProfile.of(new FeatureSchema(specs), ProfileOptions.DEFAULTS, features);
  }

  private static DatasetProfile profileOf(String column) {
    DatasetProfile p =
        DatasetProfile.create(FeatureSchema.numeric(List.of(column)), ProfileOptions.DEFAULTS);
    p.addRow(new double[] {1});
    return p;
  }
}
