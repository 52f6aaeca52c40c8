package dev.modelport.registry.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RolesTest {
  @Test
  void eachRoleIncludesTheRolesBelowIt() {
    assertThat(Roles.grantedBy("reader")).containsExactlyInAnyOrder("reader");
    assertThat(Roles.grantedBy("publisher")).containsExactlyInAnyOrder("reader", "publisher");
    assertThat(Roles.grantedBy("admin")).containsExactlyInAnyOrder("reader", "publisher", "admin");
  }

  @Test
  void unknownRoleIsRefused() {
    assertThatThrownBy(() -> Roles.grantedBy("root")).hasMessageContaining("root");
  }
}
