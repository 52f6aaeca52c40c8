package dev.modelport.benchmarks.serving.outside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CpuListTest {

  @Test
  void countsSingleCpusAndRanges() {
    assertThat(CpuList.count("1")).isEqualTo(1);
    assertThat(CpuList.count("2-3")).isEqualTo(2);
    assertThat(CpuList.count("0,2-5, 7")).isEqualTo(6);
  }

  @Test
  void refusesWhatTasksetWouldRefuse() {
    assertThatThrownBy(() -> CpuList.count("a")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CpuList.count("3-1")).isInstanceOf(IllegalArgumentException.class);
  }
}
