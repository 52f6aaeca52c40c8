package dev.modelport.protocol.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The committed {@code golden/inference-event-v2.bin} is an {@link InferenceEvent} of format
 * version 2 (version 1 plus {@code traceparent}); every later build must still read it with the
 * same meaning, and version 1 fixtures must still read as "not traced". Regenerate only when
 * starting a new format version (under a new file name), with {@code -Dmodelport.golden.write=true
 * -Dtest=InferenceEventV2GoldenTest}.
 */
class InferenceEventV2GoldenTest {

  private static final String FIXTURE = "golden/inference-event-v2.bin";
  private static final String V1_FIXTURE = "golden/inference-event-v1.bin";

  static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  static InferenceEvent expectedEvent() {
    return InferenceEventGoldenTest.expectedEvent().toBuilder().setTraceparent(TRACEPARENT).build();
  }

  @Test
  void theVersion2FixtureParsesWithItsTraceparent() throws IOException {
    InferenceEvent event = read(FIXTURE);
    assertThat(event.getTraceparent()).isEqualTo(TRACEPARENT);
    assertThat(TraceParent.parse(event.getTraceparent()))
        .contains(new TraceParent("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true));
    // the version 1 fields keep their meaning
    assertThat(event.toBuilder().clearTraceparent().build())
        .isEqualTo(InferenceEventGoldenTest.expectedEvent());
    assertThat(event.getUnknownFields().asMap()).isEmpty();
    assertThat(event).isEqualTo(expectedEvent());
  }

  @Test
  void aVersion1EventReadsAsNotTraced() throws IOException {
    InferenceEvent event = read(V1_FIXTURE);
    assertThat(event.getTraceparent()).isEmpty();
    assertThat(TraceParent.parse(event.getTraceparent())).isEmpty();
  }

  @Test
  void theVersion2FixtureIsTheVersion1BytesPlusTheTraceparentField() throws IOException {
    // what lets a version 1 reader skip it: field 9, wire type 2 (length-delimited), appended
    byte[] v1 = bytes(V1_FIXTURE);
    byte[] v2 = bytes(FIXTURE);
    assertThat(v2).startsWith(v1);
    assertThat(v2[v1.length]).isEqualTo((byte) ((9 << 3) | 2));
    assertThat(v2.length - v1.length).isEqualTo(2 + TRACEPARENT.length());
  }

  @Test
  @EnabledIfSystemProperty(named = "modelport.golden.write", matches = "true")
  void writeFixture() throws IOException {
    Path target = Path.of("src/test/resources", FIXTURE);
    Files.createDirectories(target.getParent());
    Files.write(target, expectedEvent().toByteArray());
  }

  private InferenceEvent read(String fixture) throws IOException {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(fixture)) {
      assertThat(in).as(fixture).isNotNull();
      return InferenceEvent.parseFrom(in);
    }
  }

  private byte[] bytes(String fixture) throws IOException {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(fixture)) {
      assertThat(in).as(fixture).isNotNull();
      return in.readAllBytes();
    }
  }
}
