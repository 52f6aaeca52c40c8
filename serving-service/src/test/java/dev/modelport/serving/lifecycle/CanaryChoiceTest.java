package dev.modelport.serving.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CanaryChoiceTest {

  @Test
  void aSeededDrawIsReproducibleAndNearItsWeight() {
    int first = count(new CanaryChoice(new Random(7)));
    assertThat(count(new CanaryChoice(new Random(7)))).isEqualTo(first);
    assertThat(first).isBetween(700, 1300); // 10 % of 10,000
  }

  @Test
  void theSameRouteKeyAlwaysLandsOnTheSameSide() {
    CanaryChoice choice = new CanaryChoice(new Random());
    int canary = 0;
    for (int k = 0; k < 1000; k++) {
      String key = "user-" + k;
      boolean side = choice.toCanary(20, key);
      for (int i = 0; i < 5; i++) {
        assertThat(choice.toCanary(20, key)).isEqualTo(side);
      }
      canary += side ? 1 : 0;
    }
    assertThat(canary).isBetween(120, 280);
    assertThat(CanaryChoice.bucket("user-1")).isEqualTo(CanaryChoice.bucket("user-1"));
  }

  @Test
  void weightsZeroAndHundredNeverAndAlwaysChooseTheCanary() {
    CanaryChoice choice = new CanaryChoice(new Random(1));
    assertThat(choice.toCanary(0, "k")).isFalse();
    assertThat(choice.toCanary(100, null)).isTrue();
  }

  private static int count(CanaryChoice choice) {
    int n = 0;
    for (int i = 0; i < 10_000; i++) {
      n += choice.toCanary(10, null) ? 1 : 0;
    }
    return n;
  }
}
