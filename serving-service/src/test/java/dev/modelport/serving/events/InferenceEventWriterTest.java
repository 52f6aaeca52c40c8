package dev.modelport.serving.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The direct writer produces exactly the bytes of the generated message ({@link
 * InferenceEventEncoder}), for every datatype and for fields at their proto3 defaults, and
 * reproduces the committed version-1 fixture of the protocol module.
 */
class InferenceEventWriterTest {

  private static CompletedInference event(
      String model,
      String requestId,
      long timestamp,
      long latency,
      List<Tensor> in,
      List<Tensor> out) {
    return new CompletedInference(
        model, new VersionNumber(3), "primary", requestId, in, out, timestamp, latency);
  }

  private static void assertSameBytes(CompletedInference inference) {
    byte[] expected = InferenceEventEncoder.encode(inference).toByteArray();
    assertThat(new InferenceEventWriter().write(inference, 1 << 24)).isEqualTo(expected);
  }

  @Test
  void writesTheTraceparentAsTheGeneratedMessageDoes() {
    CompletedInference traced =
        new CompletedInference(
            "m",
            new VersionNumber(3),
            "primary",
            "r-1",
            List.of(new Tensor("x", DataType.FP32, new long[] {1}, new float[] {1f})),
            List.of(),
            17,
            5,
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    assertSameBytes(traced);
    assertThat(InferenceEventEncoder.encode(traced).getTraceparent())
        .isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
  }

  @Test
  void writesTheGeneratedMessagesBytesForEveryDatatype() {
    List<Tensor> tensors =
        List.of(
            new Tensor("b", DataType.BOOL, new long[] {3}, new boolean[] {true, false, true}),
            new Tensor("u8", DataType.UINT8, new long[] {2}, new byte[] {(byte) 200, 1}),
            new Tensor("i8", DataType.INT8, new long[] {2}, new byte[] {-3, 4}),
            new Tensor("i16", DataType.INT16, new long[] {2}, new short[] {-300, 7}),
            new Tensor("u16", DataType.UINT16, new long[] {1}, new short[] {(short) 65000}),
            new Tensor("f16", DataType.FP16, new long[] {1}, new short[] {0x3c00}),
            new Tensor("i32", DataType.INT32, new long[] {2}, new int[] {-1, 1 << 30}),
            new Tensor("u32", DataType.UINT32, new long[] {1}, new int[] {-5}),
            new Tensor("i64", DataType.INT64, new long[] {2, 1}, new long[] {Long.MIN_VALUE, 9}),
            new Tensor("u64", DataType.UINT64, new long[] {1}, new long[] {-1}),
            new Tensor("f32", DataType.FP32, new long[] {1, 2}, new float[] {0.5f, Float.NaN}),
            new Tensor("f64", DataType.FP64, new long[] {1}, new double[] {-2.25}),
            new Tensor(
                "s",
                DataType.BYTES,
                new long[] {2},
                new byte[][] {"héllo".getBytes(StandardCharsets.UTF_8), new byte[0]}));
    assertSameBytes(
        event(
            "m",
            "r-1",
            1_767_225_600_000_000L,
            1234,
            tensors.subList(0, 7),
            tensors.subList(7, 13)));
  }

  @Test
  void leavesOutFieldsAtTheirDefaultsAsTheGeneratedCodeDoes() {
    Tensor empty = new Tensor("", DataType.FP32, new long[] {0, 4}, new float[0]);
    Tensor scalar = new Tensor("x", DataType.FP32, new long[] {}, new float[] {1});
    assertSameBytes(event("m", "", 0, 0, List.of(empty, scalar), List.of()));
    assertSameBytes(event("m", "r", -5, 0, List.of(), List.of()));
  }

  @Test
  void writesNonAsciiNamesAndLongFieldsLikeTheGeneratedCode() {
    float[] big = new float[40_000];
    for (int i = 0; i < big.length; i++) {
      big[i] = i * 0.25f;
    }
    Tensor large = new Tensor("größe-😀", DataType.FP32, new long[] {200, 200}, big);
    CompletedInference inference =
        event(
            "modèle", "id-" + "x".repeat(300), Long.MAX_VALUE, 1L << 40, List.of(large), List.of());
    assertSameBytes(inference);
    InferenceEventWriter writer = new InferenceEventWriter();
    byte[] first = writer.write(inference, 1 << 24);
    assertSameBytes(event("m", "r", 1, 1, List.of(), List.of()));
    assertThat(writer.write(event("m", "r", 1, 1, List.of(), List.of()), 1 << 24))
        .isEqualTo(
            InferenceEventEncoder.encode(event("m", "r", 1, 1, List.of(), List.of()))
                .toByteArray());
    assertThat(writer.write(inference, 1 << 24)).isEqualTo(first);
  }

  @Test
  void refusesAnEventLargerThanTheLimitWithoutWritingIt() {
    CompletedInference inference =
        event(
            "m",
            "r",
            1,
            1,
            List.of(EventBufferTest.inference("m", 100).inputs().get(0)),
            List.of());
    int size = InferenceEventEncoder.encode(inference).getSerializedSize();
    InferenceEventWriter writer = new InferenceEventWriter();
    assertThat(writer.write(inference, size - 1)).isNull();
    assertThat(writer.write(inference, size)).hasSize(size);
  }

  @Test
  void reproducesTheProtocolsVersion1Fixture() throws Exception {
    Path fixture = Path.of("../protocol/src/test/resources/golden/inference-event-v1.bin");
    CompletedInference golden =
        new CompletedInference(
            "iris",
            new VersionNumber(3),
            "primary",
            "req-0001",
            List.of(
                new Tensor(
                    "features",
                    DataType.FP32,
                    new long[] {1, 4},
                    new float[] {5.1f, 3.5f, 1.4f, 0.2f}),
                new Tensor("categories", DataType.INT64, new long[] {1, 2}, new long[] {3, -1})),
            List.of(
                new Tensor(
                    "probabilities",
                    DataType.FP32,
                    new long[] {1, 3},
                    new float[] {0.9f, 0.075f, 0.025f}),
                new Tensor(
                    "label",
                    DataType.BYTES,
                    new long[] {1},
                    new byte[][] {"setosa".getBytes(StandardCharsets.UTF_8)})),
            1_767_225_600_000_000L,
            1234);
    assertThat(new InferenceEventWriter().write(golden, 1 << 20))
        .isEqualTo(Files.readAllBytes(fixture));
  }
}
