package dev.modelport.drift.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.drift.ModelVersionKey;
import dev.modelport.featurestats.profile.FeatureSchema;
import dev.modelport.featurestats.profile.ProfileOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowBookTest {

  static final ModelVersionKey KEY = new ModelVersionKey("m", "1");
  static final ModelVersionKey OTHER = new ModelVersionKey("m", "2");
  static final FeatureSchema SCHEMA = FeatureSchema.numeric(List.of("x", "y"));
  final WindowBook book =
      new WindowBook(k -> new WindowPolicy(10, Duration.ofSeconds(60)), ProfileOptions.DEFAULTS);

  @Test
  void aWindowClosesOnceItHoldsTheRowLimitWithTheOffsetsItCovers() {
    assertThat(book.add(0, KEY, SCHEMA, 5, 0, rows(4), 0)).isEmpty();
    assertThat(book.add(0, KEY, SCHEMA, 6, 0, rows(4), 0)).isEmpty();
    List<ClosedWindow> closed = book.add(0, KEY, SCHEMA, 9, 0, rows(4), 0);

    assertThat(closed)
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.rows()).isEqualTo(12);
              assertThat(w.firstOffset()).isEqualTo(5);
              assertThat(w.lastOffset()).isEqualTo(9);
              assertThat(w.reason()).isEqualTo(CloseReason.ROWS);
              assertThat(w.profile().feature("x").count()).isEqualTo(12);
            });
    assertThat(book.openCount()).isZero();
  }

  @Test
  void anEventPastTheDurationClosesTheWindowBeforeStartingTheNext() {
    book.add(0, KEY, SCHEMA, 1, 1_000_000, rows(1), 0);
    List<ClosedWindow> closed = book.add(0, KEY, SCHEMA, 2, 61_000_000, rows(1), 0);

    assertThat(closed)
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.reason()).isEqualTo(CloseReason.EVENT_TIME);
              assertThat(w.lastOffset()).isEqualTo(1);
            });
    assertThat(book.firstOpenOffset(0)).hasValue(2);
  }

  @Test
  void theWallClockClosesWindowsThatStayedOpenTooLong() {
    book.add(0, KEY, SCHEMA, 1, 0, rows(1), 0);
    book.add(0, OTHER, SCHEMA, 2, 0, rows(1), Duration.ofSeconds(30).toNanos());

    List<ClosedWindow> closed = book.closeExpired(Duration.ofSeconds(61).toNanos());

    assertThat(closed).extracting(ClosedWindow::key).containsExactly(KEY);
    assertThat(closed.get(0).reason()).isEqualTo(CloseReason.WALL_CLOCK);
    assertThat(book.firstOpenOffset(0)).hasValue(2);
  }

  @Test
  void theFirstOpenOffsetIsTheOldestWindowOfThePartition() {
    book.add(0, KEY, SCHEMA, 7, 0, rows(1), 0);
    book.add(0, OTHER, SCHEMA, 3, 0, rows(1), 0);
    book.add(1, KEY, SCHEMA, 1, 0, rows(1), 0);

    assertThat(book.firstOpenOffset(0)).hasValue(3);
    book.dropPartition(0);
    assertThat(book.firstOpenOffset(0)).isEmpty();
    assertThat(book.firstOpenOffset(1)).hasValue(1);
  }

  private static EventRows rows(int n) {
    return new EventRows(n, List.of(new RowBlock(new float[n * 2], 0, 2)));
  }
}
