package dev.modelport.deploy.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.LintResult;
import dev.modelport.deploy.support.ChartRenderer;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code helm lint --strict} of each documented values set, and values.schema.json at work. */
class ChartLintTest {

  static Stream<String> valueSets() {
    return Stream.of("defaults", "gpu-values.yaml", "keda-values.yaml", "production-values.yaml");
  }

  static ChartRenderer renderer(String set) {
    return set.equals("defaults") ? ChartRenderer.defaults() : ChartRenderer.example(set);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valueSets")
  void lintsStrictlyWithoutAMessage(String set, @TempDir Path work) {
    LintResult result = renderer(set).lintStrict(work);
    assertThat(result.isFailed()).as("lint of %s: %s", set, result.getMessages()).isFalse();
    assertThat(result.getMessages())
        .as("strict lint messages of %s", set)
        .noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valueSets")
  void rendersIntoTypedDocuments(String set) {
    assertThat(renderer(set).render().all()).isNotEmpty();
  }

  @Test
  void schemaRefusesAnUnknownKey() {
    assertThatThrownBy(
            () -> ChartRenderer.defaults().set("serving.autoscalling.enabled", "false").template())
        .hasMessageContaining("autoscalling");
  }

  @Test
  void schemaRefusesAWrongType() {
    assertThatThrownBy(
            () ->
                ChartRenderer.defaults().set("serving.autoscaling.maxReplicas", "many").template())
        .hasMessageContaining("maxReplicas");
  }

  @Test
  void schemaRefusesAnUnknownSource() {
    assertThatThrownBy(() -> ChartRenderer.defaults().set("serving.source", "s3").template())
        .hasMessageContaining("source");
  }

  @Test
  void h2RegistryRefusesASecondReplica() {
    assertThatThrownBy(() -> ChartRenderer.defaults().set("registry.replicas", 2).template())
        .hasMessageContaining("registry.replicas > 1 needs registry.database.kind=postgresql");
  }
}
