package dev.modelport.registry.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keys file format of a mounted Kubernetes Secret. */
class ApiKeysFileTest {
  @TempDir Path dir;

  @Test
  void readsNamedKeysWithRolesSkippingCommentsAndBlankLines() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("keys"),
            """
        # CI publishes, ops administers
        ci:publisher:F7D8CADFB55C11DBDB6976AD9DAAA6ABB2A25A89B103F2C57A936866C8379E38

        ops:admin:944650a7cd0f9e14d5c4fb15edbffb7fa45fb9ed36a4fa9be3d7e5476ae51bd9
        """);

    var keys = ApiKeys.readFile(file);

    assertThat(keys).hasSize(2);
    assertThat(keys.get("f7d8cadfb55c11dbdb6976ad9daaa6abb2a25a89b103f2c57a936866c8379e38"))
        .isEqualTo(new ApiKeys.Entry("ci", "publisher"));
    assertThat(keys.get("944650a7cd0f9e14d5c4fb15edbffb7fa45fb9ed36a4fa9be3d7e5476ae51bd9"))
        .isEqualTo(new ApiKeys.Entry("ops", "admin"));
  }

  @Test
  void malformedLinesAndUnknownRolesAreRefused() throws Exception {
    Path noRole =
        Files.writeString(
            dir.resolve("a"),
            "ci:f7d8cadfb55c11dbdb6976ad9daaa6abb2a25a89b103f2c57a936866c8379e38\n");
    Path badRole =
        Files.writeString(
            dir.resolve("b"),
            "ci:root:f7d8cadfb55c11dbdb6976ad9daaa6abb2a25a89b103f2c57a936866c8379e38\n");
    assertThatThrownBy(() -> ApiKeys.readFile(noRole)).hasMessageContaining(":1:");
    assertThatThrownBy(() -> ApiKeys.readFile(badRole)).hasMessageContaining("root");
  }
}
