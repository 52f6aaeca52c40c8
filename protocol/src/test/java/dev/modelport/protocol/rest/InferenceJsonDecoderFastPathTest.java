package dev.modelport.protocol.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.protocol.tensor.TensorLimits;
import dev.modelport.protocol.testing.GeneratedCases;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link InferenceJsonDecoder} with its mapper ({@link InferenceJson#newMapper}, data read straight
 * from the bytes) against the same decoder on a plain Jackson mapper (data read token by token): on
 * valid bodies and on seeded mutations of them, the same request or the same message.
 */
class InferenceJsonDecoderFastPathTest {

  private static final InferenceJsonDecoder FAST = new InferenceJsonDecoder(TensorLimits.DEFAULT);

  private static final InferenceJsonDecoder TOKENS =
      new InferenceJsonDecoder(
          TensorLimits.DEFAULT,
          new ObjectMapper()
              .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
              .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS));

  private static final String CHARACTERS = "[]{},:\" 0123456789-+.eE\n\tNaIfnyrtul\\";

  /** What one decoder made of a body: the request's parts, or the error. */
  private static String outcome(InferenceJsonDecoder decoder, byte[] body, Integer headerLength) {
    try {
      InferenceRequest r = decoder.decodeRequest(body, headerLength);
      StringBuilder sb = new StringBuilder("ok id=").append(r.id());
      sb.append(" parameters=").append(r.parameters());
      sb.append(" outputs=").append(r.outputs());
      for (RequestInput in : r.inputs()) {
        sb.append(" input=").append(in.name()).append(' ').append(in.datatype());
        sb.append(java.util.Arrays.toString(in.shape())).append(' ').append(in.parameters());
        sb.append(' ').append(dataText(in.toTensor()));
      }
      return sb.toString();
    } catch (RuntimeException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  /** The data with float bits, so that -0.0 and 0.0 differ. */
  private static String dataText(Tensor t) {
    Object d = t.values();
    if (d instanceof float[] f) {
      StringBuilder sb = new StringBuilder();
      for (float v : f) {
        sb.append(Integer.toHexString(Float.floatToRawIntBits(v))).append(',');
      }
      return sb.toString();
    }
    if (d instanceof double[] f) {
      StringBuilder sb = new StringBuilder();
      for (double v : f) {
        sb.append(Long.toHexString(Double.doubleToRawLongBits(v))).append(',');
      }
      return sb.toString();
    }
    return java.util.Arrays.deepToString(new Object[] {d});
  }

  private record Body(byte[] bytes, Integer headerLength) {
    @Override
    public String toString() {
      String text = new String(bytes, StandardCharsets.ISO_8859_1);
      return (text.length() > 300 ? text.substring(0, 300) + "..." : text)
          + " header="
          + headerLength;
    }
  }

  private static List<Body> seeds() {
    List<Body> seeds = new ArrayList<>();
    float[] image = new float[2 * 3 * 4];
    for (int i = 0; i < image.length; i++) {
      image[i] = (i - 11) / 7f;
    }
    Tensor fp32 = new Tensor("input", DataType.FP32, new long[] {2, 3, 4}, image);
    Tensor ints =
        new Tensor("categorical", DataType.INT64, new long[] {2, 2}, new long[] {1, -1, 4, 0});
    Tensor fp64 =
        new Tensor("x", DataType.FP64, new long[] {3}, new double[] {0.1, -2.5e-300, 1e300});
    Tensor bytes = new Tensor("s", DataType.BYTES, new long[] {1}, new byte[][] {"abc".getBytes()});
    seeds.add(new Body(InferenceJsonEncoder.encodeRequest(List.of(fp32)).bytes(), null));
    seeds.add(
        new Body(
            InferenceJsonEncoder.encodeRequest(List.of(fp32, ints, fp64, bytes)).bytes(), null));
    InferenceRequest withEverything =
        new InferenceRequest(
            "id-1",
            Map.of("binary_data_output", false),
            List.of(RequestInput.of(fp32), RequestInput.of(ints)),
            List.of(new RequestOutput("probabilities", null)));
    seeds.add(
        new Body(InferenceJsonEncoder.encodeRequest(withEverything, n -> false).bytes(), null));
    EncodedBody binary =
        InferenceJsonEncoder.encodeRequest(withEverything, n -> n.equals("categorical"));
    seeds.add(new Body(binary.bytes(), binary.headerLength()));
    String nested =
        "{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[2,3],"
            + "\"data\":[[1.5, -0.0, 3e-2],\n [4, 5.25E+1, -6]]}, {\"datatype\":\"INT32\","
            + "\"name\":\"late\",\"data\":[1,2],\"shape\":[2]}]}";
    seeds.add(new Body(nested.getBytes(StandardCharsets.UTF_8), null));
    return seeds;
  }

  @Test
  void validBodiesDecodeTheSameOnBothPaths() {
    for (Body b : seeds()) {
      String expected = outcome(TOKENS, b.bytes(), b.headerLength());
      assertThat(expected).startsWith("ok");
      assertThat(outcome(FAST, b.bytes(), b.headerLength())).as("%s", b).isEqualTo(expected);
    }
  }

  @TestFactory
  Stream<DynamicTest> mutatedBodiesGetTheSameAnswerOnBothPaths() {
    List<Body> seeds = seeds();
    return GeneratedCases.generate(
            "JSON fast path = token path on mutated bodies", 2000, r -> mutate(seeds, r))
        .check(
            b ->
                assertThat(outcome(FAST, b.bytes(), b.headerLength()))
                    .as("%s", b)
                    .isEqualTo(outcome(TOKENS, b.bytes(), b.headerLength())));
  }

  private static Body mutate(List<Body> seeds, SplittableRandom r) {
    Body seed = seeds.get(r.nextInt(seeds.size()));
    int jsonLength = seed.headerLength() == null ? seed.bytes().length : seed.headerLength();
    StringBuilder json =
        new StringBuilder(new String(seed.bytes(), 0, jsonLength, StandardCharsets.ISO_8859_1));
    int edits = 1 + r.nextInt(3);
    for (int k = 0; k < edits; k++) {
      int at = r.nextInt(json.length());
      char c = CHARACTERS.charAt(r.nextInt(CHARACTERS.length()));
      switch (r.nextInt(4)) {
        case 0 -> json.setCharAt(at, c);
        case 1 -> json.insert(at, c);
        case 2 -> json.deleteCharAt(at);
        default -> {
          int to = Math.min(json.length(), at + r.nextInt(1, 8));
          json.insert(at, json.substring(at, to));
        }
      }
    }
    byte[] header = json.toString().getBytes(StandardCharsets.ISO_8859_1);
    if (seed.headerLength() == null) {
      return new Body(header, null);
    }
    byte[] tail = java.util.Arrays.copyOfRange(seed.bytes(), jsonLength, seed.bytes().length);
    byte[] body = new byte[header.length + tail.length];
    System.arraycopy(header, 0, body, 0, header.length);
    System.arraycopy(tail, 0, body, header.length, tail.length);
    return new Body(body, header.length);
  }
}
