package dev.modelport.serving.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.protocol.model.VersionNumber;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SelectorTest {

  @Test
  void parsesAliasAndVersionSelectors() {
    assertThat(Selector.parse("alias:champion", "p")).isEqualTo(new Selector.Alias("champion"));
    assertThat(Selector.parse(" version:3 ", "p"))
        .isEqualTo(new Selector.Pinned(VersionNumber.of(3)));
    assertThat(Selector.parse("alias:champion", "p").text()).isEqualTo("alias:champion");
  }

  @Test
  void aMalformedSelectorIsRefusedNamingTheProperty() {
    assertThatThrownBy(() -> Selector.parse("champion", "modelport.serving.default-selector"))
        .hasMessageContaining("modelport.serving.default-selector")
        .hasMessageContaining("alias:<name> or version:<n>");
    assertThatThrownBy(() -> Selector.parse("version:zero", "x.primary"))
        .hasMessageContaining("x.primary");
    assertThatThrownBy(() -> Selector.parse("alias:Bad Name", "x.canary"))
        .hasMessageContaining("x.canary");
  }

  @Test
  void aCanaryWeightOutside0To100IsRefused() {
    Selector s = new Selector.Alias("champion");
    assertThatThrownBy(() -> new Deployment("m", s, Optional.of(s), 101, Optional.empty()))
        .hasMessageContaining("canary-weight");
  }

  @Test
  void rolesOfAResolvedDeployment() {
    ResolvedDeployment d =
        new ResolvedDeployment(
            VersionNumber.of(1),
            Optional.of(VersionNumber.of(2)),
            10,
            Optional.of(VersionNumber.of(3)),
            java.util.Set.of(VersionNumber.of(4)));
    assertThat(d.versions()).hasSize(4);
    assertThat(d.roleOf(VersionNumber.of(1))).isEqualTo(Role.PRIMARY);
    assertThat(d.roleOf(VersionNumber.of(2))).isEqualTo(Role.CANARY);
    assertThat(d.roleOf(VersionNumber.of(3))).isEqualTo(Role.SHADOW);
    assertThat(d.roleOf(VersionNumber.of(4))).isEqualTo(Role.PINNED);
  }
}
