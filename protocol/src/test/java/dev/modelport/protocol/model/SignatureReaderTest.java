package dev.modelport.protocol.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.protocol.tensor.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignatureReaderTest {

  private static final Path EXAMPLES = Path.of("..", "examples", "models");

  @Test
  void everyExampleModelYamlHasAValidSignature() throws IOException {
    List<Path> yamls;
    try (Stream<Path> dirs = Files.list(EXAMPLES)) {
      yamls = dirs.map(d -> d.resolve("model.yaml")).filter(Files::isRegularFile).toList();
    }
    assertThat(yamls).hasSize(6);
    for (Path yaml : yamls) {
      ModelSignature s = SignatureReader.readModelYaml(yaml);
      assertThat(s.inputs()).as("%s", yaml).isNotEmpty();
      assertThat(s.outputs()).as("%s", yaml).isNotEmpty();
    }
  }

  @Test
  void creditRiskMarksItsCategoricalInputInModelYaml() throws IOException {
    ModelSignature s =
        SignatureReader.readModelYaml(EXAMPLES.resolve("credit-risk-mixed/model.yaml"));

    assertThat(s.inputFeatures())
        .containsExactly(
            Feature.numeric("income"),
            Feature.numeric("age"),
            Feature.numeric("debt_ratio"),
            Feature.numeric("utilization"),
            Feature.categorical("region"),
            Feature.categorical("employment"));
    TensorSpec categorical = s.input("categorical").orElseThrow();
    assertThat(categorical.datatype()).isEqualTo(DataType.INT64);
    assertThat(categorical.shape()).containsExactly(-1, 2);
    assertThat(s.batchable()).isTrue();
  }

  @Test
  void registryJsonAndModelYamlFormsAreTheSameSignature() throws IOException {
    String json =
        """
        {"inputs": [
           {"name": "numeric", "datatype": "FP32", "shape": [-1, 4], "features": [
              {"name": "income", "type": "numeric"}, {"name": "age", "type": "numeric"},
              {"name": "debt_ratio", "type": "numeric"}, {"name": "utilization", "type": "numeric"}]},
           {"name": "categorical", "datatype": "INT64", "shape": [-1, 2], "features": [
              {"name": "region", "type": "categorical"},
              {"name": "employment", "type": "categorical"}]}],
         "outputs": [{"name": "probabilities", "datatype": "FP32", "shape": [-1, 2]}]}
        """;
    ModelSignature fromJson = SignatureReader.fromJson(json);
    ModelSignature fromYaml =
        SignatureReader.readModelYaml(EXAMPLES.resolve("credit-risk-mixed/model.yaml"));

    assertThat(fromJson).isEqualTo(fromYaml);
  }

  @Test
  void writtenJsonReadsBackEqual() throws IOException {
    ModelSignature s =
        SignatureReader.readModelYaml(EXAMPLES.resolve("credit-risk-mixed/model.yaml"));
    String json = new ObjectMapper().writeValueAsString(s);

    assertThat(json).contains("\"datatype\":\"INT64\"").contains("\"type\":\"categorical\"");
    assertThat(SignatureReader.fromJson(json)).isEqualTo(s);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"inputs\":[],\"outputs\":[{\"name\":\"y\",\"datatype\":\"FP32\",\"shape\":[-1]}]}"
            + "|inputs|at least one input is required",
        "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP33\",\"shape\":[-1,2]}],\"outputs\":[]}"
            + "|inputs[0].datatype|unknown datatype 'FP33'",
        "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[-1,-2]}],"
            + "\"outputs\":[{\"name\":\"y\",\"datatype\":\"FP32\",\"shape\":[-1]}]}"
            + "|inputs[0].shape|dimension -2",
        "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[-1,3],\"features\":[\"a\",\"b\"]}],"
            + "\"outputs\":[{\"name\":\"y\",\"datatype\":\"FP32\",\"shape\":[-1]}]}"
            + "|inputs[0].features|2 features but the last dimension of the shape is 3",
        "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[-1,2],\"features\":[\"a\",\"a\"]}],"
            + "\"outputs\":[{\"name\":\"y\",\"datatype\":\"FP32\",\"shape\":[-1]}]}"
            + "|inputs[0].features[1]|feature 'a' appears twice",
        "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[-1],\"colour\":1}],"
            + "\"outputs\":[{\"name\":\"y\",\"datatype\":\"FP32\",\"shape\":[-1]}]}"
            + "|inputs[0].colour|unknown key 'colour'",
        "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[-1],"
            + "\"features\":[{\"name\":\"a\",\"type\":\"ordinal\"}]}],"
            + "\"outputs\":[{\"name\":\"y\",\"datatype\":\"FP32\",\"shape\":[-1]}]}"
            + "|inputs[0].features[0].type|feature type must be numeric or categorical",
        "{\"inputs\":[{\"datatype\":\"FP32\",\"shape\":[-1]}],"
            + "\"outputs\":[{\"name\":\"y\",\"datatype\":\"FP32\",\"shape\":[-1]}]}"
            + "|inputs[0].name|is required",
      })
  void badSignaturesNameTheFieldAndTheProblem(String json, String field, String problem) {
    assertThatThrownBy(() -> SignatureReader.fromJson(json))
        .isInstanceOfSatisfying(
            SignatureException.class,
            e -> {
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.problem()).contains(problem).doesNotContain("dev.modelport");
            });
  }

  @Test
  void modelYamlWithoutOutputsIsRefused() {
    assertThatThrownBy(
            () ->
                SignatureReader.fromModelYaml(
                    "inputs:\n  - {name: x, datatype: FP32, shape: [-1, 1]}\n"))
        .isInstanceOfSatisfying(
            SignatureException.class, e -> assertThat(e.field()).isEqualTo("outputs"));
  }

  @Test
  void versionNumbersParseOnlyPositiveDecimals() {
    assertThat(VersionNumber.parse("17")).isEqualTo(VersionNumber.of(17));
    assertThat(VersionNumber.of(3).next()).isEqualTo(VersionNumber.of(4));
    assertThat(VersionNumber.of(2)).isLessThan(VersionNumber.of(10));
    for (String bad : new String[] {"0", "-1", "1.5", "", "abc", "9".repeat(19), " 1"}) {
      assertThat(VersionNumber.isValid(bad)).as("'%s'", bad).isFalse();
    }
    assertThatThrownBy(() -> VersionNumber.parse("x".repeat(10_000)))
        .hasMessageContaining("positive integer")
        .hasMessageContaining("…");
  }
}
