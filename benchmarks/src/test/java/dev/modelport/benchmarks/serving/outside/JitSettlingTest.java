package dev.modelport.benchmarks.serving.outside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JitSettlingTest {

  @Test
  void settlesAfterTheGivenNumberOfQuietSlicesInARow() {
    JitSettling settling = new JitSettling(0.02, 3);

    assertThat(settling.settledAfter(0.50)).isFalse();
    assertThat(settling.settledAfter(0.01)).isFalse();
    assertThat(settling.settledAfter(0.00)).isFalse();
    assertThat(settling.settledAfter(0.019)).isTrue();
  }

  @Test
  void aBurstOfRecompilationStartsTheCountAgain() {
    // a server's warm-up as measured: quiet slices, then a quarter of a slice recompiling
    JitSettling settling = new JitSettling(0.02, 3);

    assertThat(settling.settledAfter(0.01)).isFalse();
    assertThat(settling.settledAfter(0.01)).isFalse();
    assertThat(settling.settledAfter(0.24)).isFalse();
    assertThat(settling.settledAfter(0.01)).isFalse();
    assertThat(settling.settledAfter(0.01)).isFalse();
    assertThat(settling.settledAfter(0.01)).isTrue();
  }

  @Test
  void aShareAtTheLimitIsNotQuiet() {
    JitSettling settling = new JitSettling(0.02, 1);

    assertThat(settling.settledAfter(0.02)).isFalse();
    assertThat(settling.settledAfter(0.0199)).isTrue();
  }

  @Test
  void refusesLimitsThatCouldNeverOrWouldAlwaysBeMet() {
    assertThatThrownBy(() -> new JitSettling(0, 3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new JitSettling(1, 3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new JitSettling(0.02, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
