package dev.modelport.protocol.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.protocol.testing.GeneratedCases;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link TensorGenerator} on a large seeded sample: it reaches every datatype,
 * shape kind and special value the round-trip tests rely on, and {@code jsonSafe} tensors hold only
 * what JSON can carry.
 */
class TensorGeneratorTest {

  private static final int SAMPLE = 20_000;

  private static final List<String> SHAPES =
      List.of("rank=0", "rank=1", "rank=2", "rank=3", "dim=0", "dim=1", "dim=4", "empty");

  private static final List<String> FINITE_FLOATS =
      List.of("+0", "-0", "+max", "-max", "subnormal", "finite");

  @Test
  void anyBitsCoverEveryDatatypeShapeAndSpecialValue() {
    GeneratedCases<Tensor> cases =
        GeneratedCases.sample("anyBitsCover", SAMPLE, r -> new TensorGenerator(r).anyTensor(false));
    Set<String> seen = features(cases.values());

    List<String> expected = new ArrayList<>(SHAPES);
    expected.addAll(List.of("BOOL:true", "BOOL:false", "BYTES:empty", "BYTES:not-utf8"));
    for (DataType type : DataType.values()) {
      if (type != DataType.BOOL && type != DataType.BYTES && !isFloat(type)) {
        for (String v : List.of("min", "max", "-1", "0", "1", "small", "large")) {
          expected.add(type + ":" + v);
        }
      }
      if (isFloat(type)) {
        for (String v : FINITE_FLOATS) {
          expected.add(type + ":" + v);
        }
        expected.addAll(List.of(type + ":NaN", type + ":+inf", type + ":-inf"));
      }
    }
    expected.addAll(List.of("FP32:NaN-payload", "FP64:NaN-payload"));
    assertThat(seen).as("seed=%d", cases.seed()).containsAll(expected);
  }

  @Test
  void jsonSafeTensorsAreFiniteAndUtf8AndStillCoverTheSpecialValues() {
    GeneratedCases<Tensor> cases =
        GeneratedCases.sample("jsonSafeCover", SAMPLE, r -> new TensorGenerator(r).anyTensor(true));
    Set<String> seen = features(cases.values());

    assertThat(seen)
        .as("seed=%d", cases.seed())
        .noneMatch(f -> f.endsWith("NaN") || f.endsWith("NaN-payload") || f.endsWith("inf"))
        .doesNotContain("BYTES:not-utf8");
    List<String> expected = new ArrayList<>(SHAPES);
    expected.addAll(
        List.of("BYTES:empty", "BYTES:utf8-1", "BYTES:utf8-2", "BYTES:utf8-3", "BYTES:utf8-4"));
    for (DataType type : List.of(DataType.FP16, DataType.FP32, DataType.FP64)) {
      for (String v : FINITE_FLOATS) {
        expected.add(type + ":" + v);
      }
    }
    assertThat(seen).as("seed=%d", cases.seed()).containsAll(expected);
  }

  @Test
  void shapesHaveRankUpToThreeAndDimensionsUpToFour() {
    GeneratedCases<Tensor> cases =
        GeneratedCases.sample("shapes", SAMPLE, r -> new TensorGenerator(r).anyTensor(false));
    assertThat(cases.values())
        .as("seed=%d", cases.seed())
        .allSatisfy(
            t -> {
              assertThat(t.shape().length).isBetween(0, 3);
              assertThat(Arrays.stream(t.shape())).allSatisfy(d -> assertThat(d).isBetween(0L, 4L));
            });
  }

  private static boolean isFloat(DataType type) {
    return type == DataType.FP16 || type == DataType.FP32 || type == DataType.FP64;
  }

  private static Set<String> features(List<Tensor> tensors) {
    Set<String> seen = new TreeSet<>();
    tensors.forEach(t -> seen.addAll(TensorCoverage.features(t)));
    return seen;
  }
}
