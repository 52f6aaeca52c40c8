package dev.modelport.serving.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.protocol.model.VersionNumber;
import org.junit.jupiter.api.Test;

class ServingStatisticsTest {

  private final ServingStatistics statistics = new ServingStatistics();

  @Test
  void aVersionHasOneStatisticsWhereverItIsLookedUpFrom() {
    VersionStatistics first = statistics.of("iris", VersionNumber.of(4));
    assertThat(statistics.of("iris", new VersionNumber(4))).isSameAs(first);
    assertThat(statistics.batchListener("iris", VersionNumber.of(4))).isSameAs(first);
  }

  @Test
  void modelsAndVersionsKeepTheirOwnCounts() {
    statistics.of("iris", VersionNumber.of(1)).succeeded(10);
    statistics.of("iris", VersionNumber.of(2)).succeeded(20);
    statistics.of("wine", VersionNumber.of(1)).failed(30);

    assertThat(statistics.of("iris", VersionNumber.of(1)).snapshot().success())
        .isEqualTo(new Duration.Snapshot(1, 10));
    assertThat(statistics.of("iris", VersionNumber.of(2)).snapshot().success())
        .isEqualTo(new Duration.Snapshot(1, 20));
    assertThat(statistics.of("wine", VersionNumber.of(1)).snapshot().success())
        .isEqualTo(new Duration.Snapshot(0, 0));
    assertThat(statistics.of("wine", VersionNumber.of(1)).snapshot().fail())
        .isEqualTo(new Duration.Snapshot(1, 30));
  }
}
