package dev.modelport.drift.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.drift.ModelVersionKey;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PartitionProgressTest {

  static final ModelVersionKey A = new ModelVersionKey("a", "1");
  static final ModelVersionKey B = new ModelVersionKey("b model/x", "2");

  @Test
  void theCommitStopsAtTheOldestOpenWindowAndCarriesTheWindowsClosedAfterIt() {
    PartitionProgress p = new PartitionProgress(0, Map.of());
    p.advanceTo(50);
    p.windowClosed(B, 30);
    p.windowClosed(A, 5);

    PartitionProgress.Commit commit = p.commit(OptionalLong.of(10));

    assertThat(commit.offset()).isEqualTo(10);
    assertThat(ClosedThroughMetadata.decode(commit.metadata())).isEqualTo(Map.of(B, 30L));
  }

  @Test
  void withoutOpenWindowsThePositionIsCommittedWithNoMarkers() {
    PartitionProgress p = new PartitionProgress(0, Map.of(A, 3L));
    p.advanceTo(12);

    PartitionProgress.Commit commit = p.commit(OptionalLong.empty());

    assertThat(commit.offset()).isEqualTo(12);
    assertThat(ClosedThroughMetadata.decode(commit.metadata())).isEmpty();
  }

  @Test
  void restoredMarkersSkipTheEventsOfWindowsAlreadyEvaluated() {
    PartitionProgress p =
        new PartitionProgress(
            10, ClosedThroughMetadata.decode(ClosedThroughMetadata.encode(Map.of(B, 30L))));

    assertThat(p.alreadyEvaluated(B, 30)).isTrue();
    assertThat(p.alreadyEvaluated(B, 31)).isFalse();
    assertThat(p.alreadyEvaluated(A, 11)).isFalse();
  }

  @Test
  void foreignMetadataIsIgnored() {
    assertThat(ClosedThroughMetadata.decode("")).isEmpty();
    assertThat(ClosedThroughMetadata.decode(null)).isEmpty();
    assertThat(ClosedThroughMetadata.decode("something else")).isEmpty();
    assertThat(ClosedThroughMetadata.decode("d1;a/x=3;b/2=oops;c/2=7"))
        .isEqualTo(Map.of(new ModelVersionKey("c", "2"), 7L));
  }
}
