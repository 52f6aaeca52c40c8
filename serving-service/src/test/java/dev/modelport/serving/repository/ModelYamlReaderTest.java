package dev.modelport.serving.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
  void missingSectionsTakeTheirDefaults() throws IOException {
    ModelConfig config = read("default-version: 1\n");
    assertThat(config.batching()).isEqualTo(BatchingSettings.DEFAULT);
    assertThat(config.warmup()).isEqualTo(WarmupSettings.DEFAULT);
    assertThat(config.defaultVersion()).contains(1L);
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
}
