package dev.modelport.serving.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventBufferTest {

  static CompletedInference inference(String model, int floats) {
    return new CompletedInference(
        model,
        new VersionNumber(1),
        "primary",
        "r",
        List.of(new Tensor("input", DataType.FP32, new long[] {1, floats}, new float[floats])),
        List.of(),
        0,
        0);
  }

  @Test
  void refusesTheEventBeyondItsCount() throws InterruptedException {
    EventBuffer buffer = new EventBuffer(2, 1 << 20);
    assertThat(buffer.offer(inference("a", 1))).isTrue();
    assertThat(buffer.offer(inference("b", 1))).isTrue();
    assertThat(buffer.offer(inference("c", 1))).isFalse();
    assertThat(buffer.poll(0).model()).isEqualTo("a");
    assertThat(buffer.offer(inference("d", 1))).isTrue();
    assertThat(buffer.size()).isEqualTo(2);
  }

  @Test
  void refusesTheEventBeyondItsBytesAndFreesThemWhenTaken() throws InterruptedException {
    EventBuffer buffer = new EventBuffer(100, 1000);
    assertThat(buffer.offer(inference("a", 200))).isTrue(); // 800 bytes
    assertThat(buffer.offer(inference("b", 100))).isFalse(); // 400 more would pass 1000
    assertThat(buffer.offer(inference("c", 50))).isTrue(); // 200 more: 1000
    assertThat(buffer.poll(0).model()).isEqualTo("a");
    assertThat(buffer.offer(inference("d", 200))).isTrue();
  }

  @Test
  void countsBytesElementsWithTheirLengthPrefix() {
    CompletedInference text =
        new CompletedInference(
            "m",
            new VersionNumber(1),
            "primary",
            "r",
            List.of(
                new Tensor(
                    "t", DataType.BYTES, new long[] {2}, new byte[][] {new byte[3], new byte[5]})),
            List.of(new Tensor("o", DataType.INT64, new long[] {2}, new long[2])),
            0,
            0);
    assertThat(text.tensorBytes()).isEqualTo(4 + 3 + 4 + 5 + 16);
  }

  @Test
  void boundsBelowOneAreRefusedNamingTheProperty() {
    assertThatThrownBy(() -> new EventBuffer(0, 10))
        .hasMessageContaining("modelport.serving.events.buffer-events");
    assertThatThrownBy(() -> new EventBuffer(10, 0))
        .hasMessageContaining("modelport.serving.events.buffer-bytes");
  }

  @Test
  void drainsInOrderUpToItsMaximumAndFreesCountAndBytes() {
    EventBuffer buffer = new EventBuffer(3, 1000);
    assertThat(buffer.offer(inference("a", 100))).isTrue(); // 400 bytes
    assertThat(buffer.offer(inference("b", 100))).isTrue();
    assertThat(buffer.offer(inference("c", 100))).isFalse(); // 1200 > 1000
    List<CompletedInference> into = new ArrayList<>();

    assertThat(buffer.drainTo(into, 1)).isEqualTo(1);
    assertThat(buffer.drainTo(into, 10)).isEqualTo(1);
    assertThat(buffer.drainTo(into, 10)).isZero();

    assertThat(into).extracting(CompletedInference::model).containsExactly("a", "b");
    assertThat(buffer.size()).isZero();
    assertThat(buffer.offer(inference("d", 100))).isTrue();
    assertThat(buffer.offer(inference("e", 100))).isTrue();
    assertThat(buffer.offer(inference("f", 10))).isTrue();
    assertThat(buffer.offer(inference("g", 1))).isFalse(); // 3 events
  }

  @Test
  void anOfferBelowHalfTheBoundsLeavesTheWaitingConsumerParked() {
    EventBuffer buffer = new EventBuffer(10, 1 << 20);
    CompletableFuture<Void> consumer =
        CompletableFuture.runAsync(() -> buffer.await(TimeUnit.HOURS.toNanos(1)));
    await().until(() -> buffer.hasWaiter());

    for (int i = 0; i < 4; i++) {
      buffer.offer(inference("m", 1));
    }

    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(2))
        .until(() -> !consumer.isDone());
    buffer.wake();
    await().until(consumer::isDone);
  }

  @Test
  void theOfferThatReachesHalfTheEventsWakesTheConsumer() {
    EventBuffer buffer = new EventBuffer(10, 1 << 20);
    CompletableFuture<Void> consumer =
        CompletableFuture.runAsync(() -> buffer.await(TimeUnit.HOURS.toNanos(1)));
    await().until(() -> buffer.hasWaiter());

    for (int i = 0; i < 5; i++) {
      buffer.offer(inference("m", 1));
    }

    await().until(consumer::isDone);
  }

  @Test
  void theOfferThatReachesHalfTheBytesWakesTheConsumer() {
    EventBuffer buffer = new EventBuffer(100, 1000);
    CompletableFuture<Void> consumer =
        CompletableFuture.runAsync(() -> buffer.await(TimeUnit.HOURS.toNanos(1)));
    await().until(() -> buffer.hasWaiter());

    buffer.offer(inference("m", 125)); // 500 bytes: half of 1000

    await().until(consumer::isDone);
  }

  @Test
  void aConsumerDoesNotParkWhileTheBufferIsHalfFull() {
    EventBuffer buffer = new EventBuffer(2, 1 << 20);
    buffer.offer(inference("m", 1));

    CompletableFuture<Void> consumer =
        CompletableFuture.runAsync(() -> buffer.await(TimeUnit.HOURS.toNanos(1)));

    await().until(consumer::isDone);
  }
}
