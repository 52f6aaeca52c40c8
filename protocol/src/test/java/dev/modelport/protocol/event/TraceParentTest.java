package dev.modelport.protocol.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TraceParentTest {

  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN = "00f067aa0ba902b7";

  @Test
  void theW3cExampleParsesToItsIdsAndSampledFlag() {
    assertThat(TraceParent.parse("00-" + TRACE + "-" + SPAN + "-01"))
        .contains(new TraceParent(TRACE, SPAN, true));
    assertThat(TraceParent.parse("00-" + TRACE + "-" + SPAN + "-00"))
        .contains(new TraceParent(TRACE, SPAN, false));
  }

  @Test
  void onlyBitZeroOfTheFlagsMeansSampled() {
    assertThat(TraceParent.parse("00-" + TRACE + "-" + SPAN + "-03").orElseThrow().sampled())
        .isTrue();
    assertThat(TraceParent.parse("00-" + TRACE + "-" + SPAN + "-02").orElseThrow().sampled())
        .isFalse();
  }

  @Test
  void formatGivesBackTheVersion00Header() {
    String header = "00-" + TRACE + "-" + SPAN + "-01";
    assertThat(TraceParent.parse(header).orElseThrow().format()).isEqualTo(header);
    assertThat(new TraceParent(TRACE, SPAN, false).format())
        .isEqualTo("00-" + TRACE + "-" + SPAN + "-00");
  }

  @Test
  void aLaterVersionMayCarryMoreFieldsWhichAreIgnored() {
    assertThat(TraceParent.parse("01-" + TRACE + "-" + SPAN + "-01-whatever"))
        .contains(new TraceParent(TRACE, SPAN, true));
    assertThat(TraceParent.parse("01-" + TRACE + "-" + SPAN + "-01"))
        .contains(new TraceParent(TRACE, SPAN, true));
    assertThat(TraceParent.parse("01-" + TRACE + "-" + SPAN + "-01x")).isEmpty();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        // all-zero ids
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
        // wrong lengths
        "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e47361-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-",
        // version 00 takes nothing after the flags
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
        // non-hex and upper case
        "00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01",
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0z",
        "zz-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        // the invalid version and wrong separators
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7_01",
        "not a traceparent at all, but fifty-five characters lon"
      })
  void malformedValuesAreRejected(String value) {
    assertThat(TraceParent.parse(value)).isEmpty();
  }

  @Test
  void theConstructorRejectsInvalidIds() {
    assertThatThrownBy(() -> new TraceParent("0".repeat(32), SPAN, true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TraceParent(TRACE, "0".repeat(16), true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TraceParent(TRACE.toUpperCase(), SPAN, true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TraceParent(null, SPAN, true))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
