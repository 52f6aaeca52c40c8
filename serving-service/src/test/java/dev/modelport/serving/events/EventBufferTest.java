package dev.modelport.serving.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import java.util.List;
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
}
