package dev.modelport.cli.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.testsupport.ExampleModels;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadmeWalkthroughTest {

  @Test
  void onlyTheMarkedBlocksAreTakenInOrderWithTheirPortsReplaced() {
    ReadmeWalkthrough walkthrough =
        ReadmeWalkthrough.parse(
            List.of(
                "```bash",
                "./modelport up",
                "```",
                "```bash walkthrough",
                "curl -s localhost:8080/v2",
                "```",
                "```python",
                "print('localhost:8080')",
                "```",
                "```bash walkthrough",
                "curl -s localhost:8090/api/v1/models localhost:8080/q/metrics",
                "```"));

    assertThat(walkthrough.blocks()).hasSize(2);
    assertThat(walkthrough.script(Map.of(8080, 18080, 8090, 18090)))
        .isEqualTo(
            "set -euxo pipefail\n"
                + "curl -s 127.0.0.1:18080/v2\n"
                + "curl -s 127.0.0.1:18090/api/v1/models 127.0.0.1:18080/q/metrics\n");
  }

  @Test
  void aPortWithoutReplacementIsRefused() {
    ReadmeWalkthrough walkthrough =
        ReadmeWalkthrough.parse(List.of("```bash walkthrough", "curl localhost:9999/", "```"));

    assertThatThrownBy(() -> walkthrough.script(Map.of(8080, 18080)))
        .hasMessageContaining("localhost:9999");
  }

  @Test
  void theReadmeHasAWalkthroughThatNamesOnlyTheSuitesDefaultPorts() {
    ReadmeWalkthrough walkthrough =
        ReadmeWalkthrough.read(ExampleModels.projectRoot().resolve("README.md"));

    assertThat(walkthrough.blocks()).hasSizeGreaterThanOrEqualTo(4);
    assertThat(ReadmeWalkthrough.DEFAULT_PORTS).containsAll(walkthrough.ports());
    assertThat(String.join("", walkthrough.blocks()))
        .contains("./modelport infer")
        .contains("./modelport models register")
        .contains("./modelport alias set")
        .doesNotContain("./modelport up");
  }
}
