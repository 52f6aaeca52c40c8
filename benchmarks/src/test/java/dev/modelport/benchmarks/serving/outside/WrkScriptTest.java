package dev.modelport.benchmarks.serving.outside;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class WrkScriptTest {

  @Test
  void postsTheBodyFileWithItsContentType() {
    String lua = WrkScript.post(Path.of("/tmp/bodies/breast.json"), "application/json");

    assertThat(lua)
        .contains("wrk.method = \"POST\"")
        .contains("wrk.headers[\"Content-Type\"] = \"application/json\"")
        .contains("io.open(\"/tmp/bodies/breast.json\", \"rb\")")
        .contains("wrk.body = f:read(\"*a\")");
  }
}
