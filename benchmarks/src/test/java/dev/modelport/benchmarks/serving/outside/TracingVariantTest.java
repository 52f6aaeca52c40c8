package dev.modelport.benchmarks.serving.outside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TracingVariantTest {

  @Test
  void ratiosAndTheControlInTheOrderGiven() {
    assertThat(TracingVariant.parse(" off, 0.01 ,1.0"))
        .containsExactly(
            new TracingVariant("tracing off (control)", null),
            new TracingVariant("tracing on, ratio 0.01", "0.01"),
            new TracingVariant("tracing on, ratio 1.0", "1.0"));
  }

  @Test
  void onlyTheControlIsUntraced() {
    assertThat(TracingVariant.parse("OFF,0").stream().map(TracingVariant::traced))
        .containsExactly(false, true);
  }

  @Test
  void aValueThatIsNoRatioIsNamed() {
    assertThatThrownBy(() -> TracingVariant.parse("0.01,on"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bench.tracing.ratios: 'on' is neither a ratio nor 'off'");
    assertThatThrownBy(() -> TracingVariant.parse("0.01,"))
        .hasMessage("bench.tracing.ratios: '' is neither a ratio nor 'off'");
  }

  @Test
  void aRatioOutsideZeroToOneIsRefused() {
    assertThatThrownBy(() -> TracingVariant.parse("1.5"))
        .hasMessage("bench.tracing.ratios: 1.5 is not a sampling ratio between 0 and 1");
    assertThatThrownBy(() -> TracingVariant.parse("-0.5"))
        .hasMessage("bench.tracing.ratios: -0.5 is not a sampling ratio between 0 and 1");
  }

  @Test
  void aVariantGivenTwiceIsRefused() {
    assertThatThrownBy(() -> TracingVariant.parse("off,0.01,OFF"))
        .hasMessage("bench.tracing.ratios: 'off' is given twice");
  }
}
