package dev.modelport.registry.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.registry.alias.AliasName;
import dev.modelport.registry.api.PathParams;
import dev.modelport.registry.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelNameTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "iris",
        "credit-risk.v2",
        "a",
        "0_model",
        "x123456789x123456789x123456789x123456789x123456789x123456789abc"
      })
  void acceptsLowerCaseNamesUpTo64Characters(String name) {
    assertThat(new ModelName(name).value()).isEqualTo(name);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "..", "../x", "a/b", "a\\b", ".hidden", "-x", "_x", "Iris", "a b", "a%2f"})
  void rejectsNamesThatCouldEscapeOrAreMalformed(String name) {
    assertThatThrownBy(() -> new ModelName(name))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("model:");
  }

  @Test
  void rejects65Characters() {
    assertThatThrownBy(() -> new ModelName("a".repeat(65))).hasMessageContaining("64");
  }

  @Test
  void aliasNamesFollowTheSameRulesAndNameTheirField() {
    assertThat(new AliasName("champion").value()).isEqualTo("champion");
    assertThatThrownBy(() -> new AliasName("../champion")).hasMessageStartingWith("alias:");
  }

  @Test
  void versionPathParametersArePositiveAndNameTheirField() {
    assertThat(PathParams.version("3").value()).isEqualTo(3);
    assertThatThrownBy(() -> PathParams.version("0"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("version:");
    assertThatThrownBy(() -> PathParams.version("x")).hasMessageStartingWith("version:");
  }
}
