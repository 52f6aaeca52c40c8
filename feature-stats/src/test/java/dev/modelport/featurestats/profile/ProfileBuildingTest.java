package dev.modelport.featurestats.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.modelport.testsupport.CsvTable;
import dev.modelport.testsupport.ExampleModels;
import java.io.IOException;
import java.io.StringReader;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ProfileBuildingTest {

  static final FeatureSchema CREDIT_SCHEMA = ExampleSchemas.inputs(ExampleModels.CREDIT_RISK);

  @Test
  void liveTensorRowsAndTheCsvBaselineGiveTheSameProfile() throws IOException {
    DatasetProfile fromCsv =
        new CsvProfileReader(
                CREDIT_SCHEMA, ProfileOptions.DEFAULTS, CsvProfileReader.Precision.FP32)
            .read(ExampleModels.file(ExampleModels.CREDIT_RISK, "test.csv"));
    // as the drift-monitor sees them: an FP32 [N, 4] input and an INT64 [N, 2] input
    CsvTable test = ExampleModels.csv(ExampleModels.CREDIT_RISK, "test.csv");
    float[] numeric = test.floats(0, 4);
    long[] categorical = new long[test.size() * 2];
    for (int r = 0; r < test.size(); r++) {
      categorical[r * 2] = (long) test.rows()[r][4];
      categorical[r * 2 + 1] = (long) test.rows()[r][5];
    }
    assertThat(test.size()).isEqualTo(800);
    DatasetProfile fromRows = DatasetProfile.create(CREDIT_SCHEMA, ProfileOptions.DEFAULTS);
    fromRows.addRows(numeric, 0, 4);
    fromRows.addRows(categorical, 4, 2);

    ProfileJsonTest.assertSameProfile(fromRows, fromCsv, false);
    assertThat(fromRows.numeric("utilization").sortedSample())
        .containsExactly(fromCsv.numeric("utilization").sortedSample());
    assertThat(fromRows.categorical("region").frequencies())
        .containsOnlyKeys("0", "1", "2", "3", "4");
  }

  @Test
  void mergedPartitionsEqualTheWholeWhileExact() {
    FeatureSchema schema = FeatureSchema.of(FeatureSpec.numeric("x"), FeatureSpec.categorical("c"));
    DatasetProfile whole = DatasetProfile.create(schema, ProfileOptions.DEFAULTS);
    DatasetProfile left = DatasetProfile.create(schema, ProfileOptions.DEFAULTS);
    DatasetProfile right = DatasetProfile.create(schema, ProfileOptions.DEFAULTS);
    for (int i = 0; i < 3000; i++) {
      double[] row = {i % 17 == 0 ? Double.NaN : Math.sqrt(i) * 1e6 + 0.5, i % 3};
      whole.addRow(row);
      (i < 1000 ? left : right).addRow(row);
    }

    left.merge(right);

    NumericProfile a = left.numeric("x");
    NumericProfile b = whole.numeric("x");
    assertThat(a.count()).isEqualTo(b.count());
    assertThat(a.missing()).isEqualTo(b.missing()).isPositive();
    assertThat(a.mean()).isCloseTo(b.mean(), within(Math.abs(b.mean()) * 1e-13));
    assertThat(a.variance()).isCloseTo(b.variance(), within(b.variance() * 1e-12));
    assertThat(a.min()).isEqualTo(b.min());
    assertThat(a.max()).isEqualTo(b.max());
    assertThat(a.sortedSample()).containsExactly(b.sortedSample());
    assertThat(a.binEdges()).containsExactly(b.binEdges());
    assertThat(left.categorical("c").frequencies()).isEqualTo(whole.categorical("c").frequencies());
  }

  @Test
  void mergedReservoirsAreAUniformSampleOfBothStreams() {
    ProfileOptions options = ProfileOptions.DEFAULTS.withReservoirCapacity(1000);
    NumericProfile first = new NumericProfile("x", options);
    NumericProfile second = new NumericProfile("x", options);
    for (int i = 0; i < 10_000; i++) {
      first.update(-1 - i % 7);
    }
    for (int i = 0; i < 30_000; i++) {
      second.update(1 + i % 5);
    }

    first.merge(second);

    double[] sample = first.sortedSample();
    long fromSecond = Arrays.stream(sample).filter(v -> v > 0).count();
    assertThat(sample).hasSize(1000);
    assertThat(first.reservoir().seen()).isEqualTo(40_000);
    assertThat(first.isExact()).isFalse();
    // hypergeometric: mean 750, sd about 13.7
    assertThat(fromSecond).isBetween(690L, 810L);
  }

  @Test
  void categoriesBeyondTheCapAreCountedByAFrequentItemsSketch() {
    CategoricalProfile p = new CategoricalProfile("c", ProfileOptions.DEFAULTS.withCategoryCap(10));
    for (int i = 0; i < 5000; i++) {
      p.update(i % 2 == 0 ? "common" : "rare-" + i % 500);
    }

    assertThat(p.isExact()).isFalse();
    assertThat(p.count()).isEqualTo(5000);
    assertThat(p.frequencies().get("common")).isEqualTo(2500L);
    assertThat(p.frequencies().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(5000L);
  }

  @Test
  void categoryKeysAreTheSameForIntegerCodesFloatsAndText() {
    assertThat(CategoryKeys.of(4L)).isEqualTo("4");
    assertThat(CategoryKeys.of(4.0)).isEqualTo("4");
    assertThat(CategoryKeys.of(" 4.0 ")).isEqualTo("4");
    assertThat(CategoryKeys.of("-2")).isEqualTo("-2");
    assertThat(CategoryKeys.of(2.5)).isEqualTo("2.5");
    assertThat(CategoryKeys.of("north")).isEqualTo("north");
    assertThat(CategoryKeys.of("")).isNull();
    assertThat(CategoryKeys.of(Double.NaN)).isNull();
  }

  @Test
  void csvColumnsNotInTheSchemaAreIgnoredAndEmptyFieldsAreMissing() throws IOException {
    FeatureSchema schema = FeatureSchema.of(FeatureSpec.numeric("b"), FeatureSpec.categorical("a"));
    String csv = "a,b,label\n\"x, y\",1.5,0\n,NaN,1\nz,,0\n";

    DatasetProfile p =
        new CsvProfileReader(schema, ProfileOptions.DEFAULTS, CsvProfileReader.Precision.FP64)
            .read(new StringReader(csv));

    assertThat(p.numeric("b").count()).isEqualTo(1);
    assertThat(p.numeric("b").missing()).isEqualTo(2);
    assertThat(p.categorical("a").frequencies())
        .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("x, y", 1L, "z", 1L));
    assertThat(p.categorical("a").missing()).isEqualTo(1);
    assertThatThrownBy(
            () ->
                new CsvProfileReader(
                        FeatureSchema.of(FeatureSpec.numeric("q")),
                        ProfileOptions.DEFAULTS,
                        CsvProfileReader.Precision.FP64)
                    .read(new StringReader(csv)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no column q");
  }

  @Test
  void rowsOfTheWrongWidthAreRejected() {
    DatasetProfile p = DatasetProfile.create(CREDIT_SCHEMA, ProfileOptions.DEFAULTS);

    assertThatThrownBy(() -> p.addRow(new double[5])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> p.addRows(new float[9], 0, 4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> p.addRows(new long[4], 5, 2))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
