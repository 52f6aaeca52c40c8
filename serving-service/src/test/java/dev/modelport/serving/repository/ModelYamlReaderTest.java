package dev.modelport.serving.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.protocol.model.Feature;
import dev.modelport.protocol.model.FeatureType;
import dev.modelport.protocol.model.SignatureReader;
import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.serving.model.BatchingSettings;
import dev.modelport.serving.model.ModelConfig;
import dev.modelport.serving.model.ModelConfigException;
import dev.modelport.serving.model.WarmupSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelYamlReaderTest {

  @TempDir Path dir;

  private ModelConfig read(String yaml) throws IOException {
    Path model = Files.createDirectories(dir.resolve("m"));
    Path file = model.resolve("model.yaml");
    Files.writeString(file, yaml);
    return new ModelYamlReader().read(file);
  }

  @Test
  void batchingSettingsAreReadWithTheirUnits() throws IOException {
    ModelConfig config =
        read(
            """
        batching:
          max-batch-size: 32
          max-queue-delay: 250
          preferred-batch-sizes: [8, 16]
          max-queue-size: 100
          instances: 2
        """);
    assertThat(config.batching())
        .isEqualTo(new BatchingSettings(true, 32, 250, java.util.List.of(8, 16), 100, 2));
    assertThat(config.signature()).isEmpty();
  }

  @Test
  void adaptiveModeIsReadWithItsLatencyObjectiveInMicroseconds() throws IOException {
    ModelConfig config =
        read(
            """
        batching:
          max-batch-size: 32
          mode: adaptive
          max-latency: 20000
        """);
    assertThat(config.batching().mode()).isEqualTo(BatchingSettings.Mode.ADAPTIVE);
    assertThat(config.batching().maxLatencyMicros()).isEqualTo(20_000);
    assertThat(config.batching().maxBatchSize()).isEqualTo(32);
  }

  @Test
  void batchingIsStaticUnlessAskedAndTheObjectiveDefaultsTo50Ms() throws IOException {
    assertThat(read("batching:\n  max-batch-size: 8\n").batching().mode())
        .isEqualTo(BatchingSettings.Mode.STATIC);
    BatchingSettings adaptive = read("batching:\n  mode: adaptive\n").batching();
    assertThat(adaptive.mode()).isEqualTo(BatchingSettings.Mode.ADAPTIVE);
    assertThat(adaptive.maxLatencyMicros()).isEqualTo(50_000);
  }

  @Test
  void anUnknownModeOrANonPositiveObjectiveIsRefused() {
    assertThatThrownBy(() -> read("batching:\n  mode: automatic\n"))
        .isInstanceOf(ModelConfigException.class)
        .hasMessageContaining("batching.mode")
        .hasMessageContaining("automatic");
    assertThatThrownBy(() -> read("batching:\n  mode: adaptive\n  max-latency: 0\n"))
        .isInstanceOf(ModelConfigException.class)
        .hasMessageContaining("max-latency");
  }

  @Test
  void missingSectionsTakeTheirDefaults() throws IOException {
    ModelConfig config = read("default-version: 1\n");
    assertThat(config.batching()).isEqualTo(BatchingSettings.DEFAULT);
    assertThat(config.warmup()).isEqualTo(WarmupSettings.DEFAULT);
    assertThat(config.defaultVersion()).contains(VersionNumber.of(1));
  }

  @Test
  void aMisspeltKeyIsAnErrorNamingIt() {
    assertThatThrownBy(() -> read("batching:\n  max-batch: 8\n"))
        .isInstanceOf(ModelConfigException.class)
        .hasMessageContaining("batching.max-batch");
  }

  @Test
  void aPreferredSizeAboveTheMaximumIsRefused() {
    assertThatThrownBy(() -> read("batching:\n  max-batch-size: 4\n  preferred-batch-sizes: [8]\n"))
        .isInstanceOf(ModelConfigException.class)
        .hasMessageContaining("preferred batch size 8");
  }

  @Test
  void anUnknownDatatypeIsReportedWithTheAcceptedNames() {
    assertThatThrownBy(
            () ->
                read(
                    "inputs: [{name: x, datatype: FLOAT, shape: [-1]}]\n"
                        + "outputs: [{name: y, datatype: FP32, shape: [-1]}]\n"))
        .isInstanceOf(ModelConfigException.class)
        .hasMessageContaining("FLOAT")
        .hasMessageContaining("FP32");
  }

  @Test
  void theSignatureIsTheSharedModelYamlFormatWithCategoricalFeaturesMarked() throws IOException {
    String yaml =
        """
        versions:
          1: model.onnx
        inputs:
          - name: numeric
            datatype: FP32
            shape: [-1, 2]
            features: [income, age]
          - name: categorical
            datatype: INT64
            shape: [-1, 1]
            features: [region]
            categorical: true
        outputs:
          - name: probabilities
            datatype: FP32
            shape: [-1, 2]
        batching:
          max-batch-size: 8
        """;
    ModelConfig config = read(yaml);
    assertThat(config.signature()).contains(SignatureReader.fromModelYaml(yaml));
    assertThat(config.signature().orElseThrow().inputFeatures())
        .containsExactly(
            Feature.numeric("income"), Feature.numeric("age"), Feature.categorical("region"));
    assertThat(config.signature().orElseThrow().inputs().get(1).features())
        .extracting(Feature::type)
        .containsOnly(FeatureType.CATEGORICAL);
    assertThat(config.batching().maxBatchSize()).isEqualTo(8);
  }

  @Test
  void aMisspeltKeyInsideATensorIsAnErrorNamingTheFileAndTheTensor() {
    assertThatThrownBy(
            () ->
                read(
                    "inputs: [{name: x, datatype: FP32, shap: [-1]}]\n"
                        + "outputs: [{name: y, datatype: FP32, shape: [-1]}]\n"))
        .isInstanceOf(ModelConfigException.class)
        .hasMessageContaining("model.yaml")
        .hasMessageContaining("inputs[0]")
        .hasMessageContaining("shap");
  }

  @Test
  void inputsWithoutOutputsAreAnErrorNamingTheMissingSide() {
    assertThatThrownBy(() -> read("inputs: [{name: x, datatype: FP32, shape: [-1, 1]}]\n"))
        .isInstanceOf(ModelConfigException.class)
        .hasMessageContaining("outputs");
  }

  @Test
  void moreFeatureNamesThanColumnsIsAnErrorNamingTheTensorsFeatures() {
    assertThatThrownBy(
            () ->
                read(
                    "inputs: [{name: x, datatype: FP32, shape: [-1, 1], features: [a, b]}]\n"
                        + "outputs: [{name: y, datatype: FP32, shape: [-1]}]\n"))
        .isInstanceOf(ModelConfigException.class)
        .hasMessageContaining("inputs[0].features");
  }

  @Test
  void versionsAreVersionNumbersInOrder() throws IOException {
    ModelConfig config = read("versions:\n  3: b.pt\n  1: a.onnx\ndefault-version: 3\n");
    assertThat(config.versions().keySet())
        .containsExactly(VersionNumber.of(1), VersionNumber.of(3));
    assertThat(config.defaultVersion()).contains(VersionNumber.of(3));
  }

  @Test
  void aVersionThatIsNotAPositiveIntegerIsAnErrorNamingTheKey() {
    assertThatThrownBy(() -> read("versions:\n  0: a.onnx\n"))
        .isInstanceOf(ModelConfigException.class)
        .hasMessageContaining("versions: version '0' is not a positive integer");
    assertThatThrownBy(() -> read("default-version: latest\n"))
        .isInstanceOf(ModelConfigException.class)
        .hasMessageContaining("default-version: version 'latest' is not a positive integer");
  }
}
