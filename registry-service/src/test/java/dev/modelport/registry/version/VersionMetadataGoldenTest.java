package dev.modelport.registry.version;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.protocol.model.FeatureType;
import dev.modelport.registryclient.RegistryJson;
import dev.modelport.registryclient.api.ArtifactFormat;
import dev.modelport.registryclient.api.VersionMetadata;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * The version metadata document stored in {@code model_versions.metadata}: a committed document of
 * format 1 must keep reading, and what is written must read back the same.
 */
class VersionMetadataGoldenTest {
  private final ObjectMapper json = RegistryJson.newMapper();

  private VersionMetadata golden() throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/golden/version-metadata-v1.json")) {
      return json.readValue(in, VersionMetadata.class);
    }
  }

  @Test
  void committedFormatOneDocumentStillReads() throws Exception {
    VersionMetadata m = golden();

    assertThat(m.format()).isEqualTo(ArtifactFormat.ONNX);
    assertThat(m.signature().inputFeatureNames()).containsExactly("income", "age", "region");
    assertThat(m.signature().inputs().get(1).features().get(0).type())
        .isEqualTo(FeatureType.CATEGORICAL);
    assertThat(m.signature().inputs().get(0).shape()).containsExactly(-1L, 2L);
    assertThat(m.serving().preferredBatchSizes()).containsExactly(8, 16);
    assertThat(m.serving().maxQueueDelayMicros()).isEqualTo(2000L);
    assertThat(m.metrics()).containsEntry("auc", 0.71);
    assertThat(m.lineage().datasetDigest()).isEqualTo("sha256:feedface");
    assertThat(m.tags()).containsEntry("team", "risk");
  }

  @Test
  void writtenDocumentReadsBackEqual() throws Exception {
    VersionMetadata m = golden();
    assertThat(json.readValue(json.writeValueAsString(m), VersionMetadata.class)).isEqualTo(m);
  }

  @Test
  void goldenDocumentPassesTheUploadChecks() throws Exception {
    assertThat(MetadataCheck.check(golden())).isNotNull();
  }
}
