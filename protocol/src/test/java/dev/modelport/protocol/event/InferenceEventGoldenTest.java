package dev.modelport.protocol.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.protocol.tensor.TensorLimits;
import dev.modelport.protocol.tensor.TensorRole;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The committed {@code golden/inference-event-v1.bin} is an {@link InferenceEvent} written by the
 * first release of the format; every later build must still read it with the same meaning.
 * Regenerate only when starting a new format version (under a new file name), with {@code
 * -Dmodelport.golden.write=true -Dtest=InferenceEventGoldenTest}.
 */
class InferenceEventGoldenTest {

  private static final String FIXTURE = "golden/inference-event-v1.bin";

  static final Tensor FEATURES =
      new Tensor(
          "features", DataType.FP32, new long[] {1, 4}, new float[] {5.1f, 3.5f, 1.4f, 0.2f});
  static final Tensor CATEGORIES =
      new Tensor("categories", DataType.INT64, new long[] {1, 2}, new long[] {3, -1});
  static final Tensor PROBABILITIES =
      new Tensor(
          "probabilities", DataType.FP32, new long[] {1, 3}, new float[] {0.9f, 0.075f, 0.025f});
  static final Tensor LABEL =
      new Tensor(
          "label",
          DataType.BYTES,
          new long[] {1},
          new byte[][] {"setosa".getBytes(StandardCharsets.UTF_8)});

  static InferenceEvent expectedEvent() {
    return InferenceEvent.newBuilder()
        .setModel("iris")
        .setVersion("3")
        .setRequestId("req-0001")
        .setTimestampMicros(1_767_225_600_000_000L) // 2026-01-01T00:00:00Z
        .addInputs(EventTensors.toEvent(FEATURES))
        .addInputs(EventTensors.toEvent(CATEGORIES))
        .addOutputs(EventTensors.toEvent(PROBABILITIES))
        .addOutputs(EventTensors.toEvent(LABEL))
        .setRoute("primary")
        .setLatencyMicros(1234)
        .build();
  }

  @Test
  void theVersion1FixtureStillParsesToTheSameEvent() throws IOException {
    InferenceEvent event;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(FIXTURE)) {
      assertThat(in).as(FIXTURE).isNotNull();
      event = InferenceEvent.parseFrom(in);
    }
    assertThat(event.getModel()).isEqualTo("iris");
    assertThat(event.getVersion()).isEqualTo("3");
    assertThat(event.getRequestId()).isEqualTo("req-0001");
    assertThat(event.getTimestampMicros()).isEqualTo(1_767_225_600_000_000L);
    assertThat(event.getRoute()).isEqualTo("primary");
    assertThat(event.getLatencyMicros()).isEqualTo(1234);
    assertThat(event.getInputsList())
        .map(t -> EventTensors.fromEvent(t, TensorRole.INPUT, TensorLimits.DEFAULT))
        .containsExactly(FEATURES, CATEGORIES);
    assertThat(event.getOutputsList())
        .map(t -> EventTensors.fromEvent(t, TensorRole.OUTPUT, TensorLimits.DEFAULT))
        .containsExactly(PROBABILITIES, LABEL);
    assertThat(event.getUnknownFields().asMap()).isEmpty();
    assertThat(event).isEqualTo(expectedEvent());
  }

  @Test
  @EnabledIfSystemProperty(named = "modelport.golden.write", matches = "true")
  void writeFixture() throws IOException {
    Path target = Path.of("src/test/resources", FIXTURE);
    Files.createDirectories(target.getParent());
    Files.write(target, expectedEvent().toByteArray());
  }
}
