package dev.modelport.benchmarks.serving.outside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MarkedBlockTest {

  @Test
  void replacesOnlyWhatLiesBetweenTheMarkers() {
    String doc =
        "# Benchmarks\nintro\n<!-- b:begin -->\nold table\n<!-- b:end -->\nhand-written after\n";

    String next = MarkedBlock.replace(doc, "b", "new table");

    assertThat(next)
        .isEqualTo(
            "# Benchmarks\nintro\n<!-- b:begin -->\nnew table\n<!-- b:end -->\nhand-written after\n");
    assertThat(MarkedBlock.replace(next, "b", "new table")).isEqualTo(next);
  }

  @Test
  void refusesADocumentWithoutTheBlock() {
    assertThatThrownBy(() -> MarkedBlock.replace("# Benchmarks\n", "b", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("<!-- b:begin -->");
  }
}
