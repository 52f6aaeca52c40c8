package dev.modelport.drift.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.protocol.event.TraceParent;
import org.junit.jupiter.api.Test;

class TraceLinksTest {

  static TraceParent trace(int i, boolean sampled) {
    return new TraceParent(
        String.format("%032x", 0xabc000L + i), String.format("%016x", 0x100L + i), sampled);
  }

  @Test
  void theFirstSampledTraceContextsAreKeptUpToTheBoundAndAllAreCounted() {
    TraceLinks links = new TraceLinks(3);
    for (int i = 0; i < 5; i++) {
      links.offer(trace(i, true));
    }

    assertThat(links.links()).containsExactly(trace(0, true), trace(1, true), trace(2, true));
    assertThat(links.tracedEvents()).isEqualTo(5);
  }

  @Test
  void absentUnsampledAndRepeatedTraceContextsTakeNoLink() {
    TraceLinks links = new TraceLinks(3);
    links.offer(null);
    links.offer(trace(0, false));
    links.offer(trace(1, true));
    links.offer(trace(1, true));
    links.offer(trace(2, true));

    assertThat(links.links()).containsExactly(trace(1, true), trace(2, true));
    assertThat(links.tracedEvents()).isEqualTo(3);
  }

  @Test
  void aBoundOfZeroKeepsNoLinkAndANegativeBoundIsRefused() {
    TraceLinks none = new TraceLinks(0);
    none.offer(trace(0, true));
    assertThat(none.links()).isEmpty();
    assertThat(none.tracedEvents()).isEqualTo(1);
    assertThatThrownBy(() -> new TraceLinks(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
