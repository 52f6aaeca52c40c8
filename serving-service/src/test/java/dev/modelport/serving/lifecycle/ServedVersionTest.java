package dev.modelport.serving.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.serving.model.ModelArtifact;
import dev.modelport.serving.model.ModelFormat;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ServedVersionTest {

  private final ServedVersion version =
      new ServedVersion(
          new ModelArtifact("m", VersionNumber.of(1), Path.of("m.onnx"), ModelFormat.ONNX));

  @Test
  void aVersionThatNeverBecameReadyHasNothingToDrainAndCannotBeMarkedUnloaded() {
    assertThat(version.beginDrain()).isNull();
    assertThatThrownBy(version::markUnloaded).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aFailedVersionCannotBecomeReady() {
    version.markFailed("boom");
    assertThat(version.state()).isInstanceOf(VersionState.Failed.class);
    assertThatThrownBy(() -> version.markReady(null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("version 1");
    assertThatThrownBy(() -> version.markFailed("again")).isInstanceOf(IllegalStateException.class);
  }
}
