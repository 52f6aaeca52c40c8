package dev.modelport.cli.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceSettingsTest {

  @TempDir Path dir;

  @Test
  void eachSettingGoesToTheServiceItsPrefixNamesWithThePrefixRemoved() {
    ServiceSettings settings =
        ServiceSettings.parse(
            null,
            List.of(
                "registry.modelport.registry.upload.max-size=64M",
                "serving.modelport.serving.events.sample-rate=0.5",
                "drift.modelport.drift.models.\"breast-cancer-mlp\".window.max-rows=50"));

    assertThat(settings.of(Service.REGISTRY))
        .containsExactly(entry("modelport.registry.upload.max-size", "64M"));
    assertThat(settings.of(Service.SERVING))
        .containsExactly(entry("modelport.serving.events.sample-rate", "0.5"));
    assertThat(settings.of(Service.DRIFT))
        .containsExactly(
            entry("modelport.drift.models.\"breast-cancer-mlp\".window.max-rows", "50"));
  }

  @Test
  void aValueKeepsItsEqualsSignsAndMayBeEmpty() {
    ServiceSettings settings =
        ServiceSettings.parse(null, List.of("serving.k=a=b", "drift.empty="));

    assertThat(settings.of(Service.SERVING)).containsExactly(entry("k", "a=b"));
    assertThat(settings.of(Service.DRIFT)).containsExactly(entry("empty", ""));
  }

  @Test
  void anUnknownServicePrefixIsRejectedNamingItAndTheKnownOnes() {
    assertThatThrownBy(() -> ServiceSettings.parse(null, List.of("servng.quarkus.http.port=1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'servng'")
        .hasMessageContaining("registry., serving., drift.");
  }

  @Test
  void aSettingWithoutEqualsOrWithoutKeyIsRejected() {
    assertThatThrownBy(() -> ServiceSettings.parse(null, List.of("serving.x")))
        .hasMessageContaining("--set 'serving.x' has no '='");
    assertThatThrownBy(() -> ServiceSettings.parse(null, List.of("serving=1")))
        .hasMessageContaining("no key after 'serving.'");
  }

  @Test
  void aConfigFileHoldsTheSameLinesAndSetWinsOverIt() throws Exception {
    Path file = dir.resolve("up.conf");
    Files.writeString(
        file,
        "# per-service settings\n"
            + "serving.modelport.serving.events.sample-rate=0.25\n"
            + "drift.modelport.drift.dataset-drift-share=0.3\n");

    ServiceSettings settings =
        ServiceSettings.parse(file, List.of("serving.modelport.serving.events.sample-rate=0.5"));

    assertThat(settings.of(Service.SERVING))
        .containsExactly(entry("modelport.serving.events.sample-rate", "0.5"));
    assertThat(settings.of(Service.DRIFT))
        .containsExactly(entry("modelport.drift.dataset-drift-share", "0.3"));
  }

  @Test
  void anUnknownPrefixInTheConfigFileIsRejectedNamingTheFile() throws Exception {
    Path file = dir.resolve("up.conf");
    Files.writeString(file, "kafka.num.partitions=3\n");

    assertThatThrownBy(() -> ServiceSettings.parse(file, List.of()))
        .hasMessageContaining("--config " + file)
        .hasMessageContaining("'kafka'");
  }

  @Test
  void aMissingConfigFileIsRejectedNamingIt() {
    Path file = dir.resolve("missing.conf");

    assertThatThrownBy(() -> ServiceSettings.parse(file, List.of()))
        .hasMessageContaining("--config " + file + " cannot be read");
  }
}
