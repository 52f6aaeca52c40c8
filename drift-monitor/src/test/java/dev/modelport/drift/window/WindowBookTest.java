package dev.modelport.drift.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

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
    assertThat(book.add(event(0, KEY, 5, 0, 4), 0)).isEmpty();
    assertThat(book.add(event(0, KEY, 6, 0, 4), 0)).isEmpty();
    List<ClosedWindow> closed = book.add(event(0, KEY, 9, 0, 4), 0);

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
    book.add(event(0, KEY, 1, 1_000_000, 1), 0);
    List<ClosedWindow> closed = book.add(event(0, KEY, 2, 61_000_000, 1), 0);

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
    book.add(event(0, KEY, 1, 0, 1), 0);
    book.add(event(0, OTHER, 2, 0, 1), Duration.ofSeconds(30).toNanos());

    List<ClosedWindow> closed = book.closeExpired(Duration.ofSeconds(61).toNanos());

    assertThat(closed).extracting(ClosedWindow::key).containsExactly(KEY);
    assertThat(closed.get(0).reason()).isEqualTo(CloseReason.WALL_CLOCK);
    assertThat(book.firstOpenOffset(0)).hasValue(2);
  }

  @Test
  void theFirstOpenOffsetIsTheOldestWindowOfThePartition() {
    book.add(event(0, KEY, 7, 0, 1), 0);
    book.add(event(0, OTHER, 3, 0, 1), 0);
    book.add(event(1, KEY, 1, 0, 1), 0);

    assertThat(book.firstOpenOffset(0)).hasValue(3);
    book.dropPartition(0);
    assertThat(book.firstOpenOffset(0)).isEmpty();
    assertThat(book.firstOpenOffset(1)).hasValue(1);
  }

  @Test
  void anEventWithoutItsKeySchemaOrRowsIsRefusedWhereItIsMade() {
    EventRows one = new EventRows(1, List.of(new RowBlock(new float[2], 0, 2)));

    assertThatNullPointerException()
        .isThrownBy(() -> new WindowEvent(0, null, SCHEMA, null, 1, 0, one, null))
        .withMessage("key");
    assertThatNullPointerException()
        .isThrownBy(() -> new WindowEvent(0, KEY, null, null, 1, 0, one, null))
        .withMessage("schema");
    assertThatNullPointerException()
        .isThrownBy(() -> new WindowEvent(0, KEY, SCHEMA, null, 1, 0, null, null))
        .withMessage("rows");
  }

  /** An untraced event of {@code rows} rows of SCHEMA, without outputs. */
  private static WindowEvent event(
      int partition, ModelVersionKey key, long offset, long eventMicros, int rows) {
    EventRows data = new EventRows(rows, List.of(new RowBlock(new float[rows * 2], 0, 2)));
    return new WindowEvent(partition, key, SCHEMA, null, offset, eventMicros, data, null);
  }
}
