package dev.modelport.registry.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteRangeTest {
  @Test
  void closedRangeIsInclusiveAndClippedToTheContent() {
    assertThat(ByteRange.parse("bytes=0-99", 1000)).contains(new ByteRange(0, 100));
    assertThat(ByteRange.parse("bytes=900-5000", 1000)).contains(new ByteRange(900, 100));
  }

  @Test
  void openAndSuffixRangesCountFromTheEnds() {
    assertThat(ByteRange.parse("bytes=990-", 1000)).contains(new ByteRange(990, 10));
    assertThat(ByteRange.parse("bytes=-10", 1000)).contains(new ByteRange(990, 10));
    assertThat(ByteRange.parse("bytes=-5000", 1000)).contains(new ByteRange(0, 1000));
  }

  @Test
  void malformedOrMultipleRangesMeanTheWholeContent() {
    assertThat(ByteRange.parse(null, 10)).isEmpty();
    assertThat(ByteRange.parse("bytes=0-1,5-6", 10)).isEmpty();
    assertThat(ByteRange.parse("items=0-1", 10)).isEmpty();
    assertThat(ByteRange.parse("bytes=5-2", 10)).isEmpty();
  }

  @Test
  void rangeBeyondTheEndIsUnsatisfiable() {
    assertThatThrownBy(() -> ByteRange.parse("bytes=10-", 10))
        .isInstanceOf(ByteRange.Unsatisfiable.class);
    assertThatThrownBy(() -> ByteRange.parse("bytes=-0", 10))
        .isInstanceOf(ByteRange.Unsatisfiable.class);
  }

  @Test
  void contentRangeHeaderNamesFirstLastAndSize() {
    assertThat(new ByteRange(100, 100).contentRange(1000)).isEqualTo("bytes 100-199/1000");
  }

  @Test
  void aSuffixRangeOfAnEmptyArtifactIsUnsatisfiableAndOfASmallOneIsTheWholeOfIt() {
    assertThatThrownBy(() -> ByteRange.parse("bytes=-5", 0))
        .isInstanceOf(ByteRange.Unsatisfiable.class);
    ByteRange small = ByteRange.parse("bytes=-5", 3).orElseThrow();
    assertThat(small).isEqualTo(new ByteRange(0, 3));
    assertThat(small.contentRange(3)).isEqualTo("bytes 0-2/3");
  }
}
