package dev.modelport.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.protocol.tensor.TensorCoverage;
import dev.modelport.protocol.tensor.TensorGenerator;
import dev.modelport.protocol.tensor.TensorLimits;
import dev.modelport.protocol.tensor.TensorRole;
import dev.modelport.protocol.testing.GeneratedCases;
import java.io.IOException;
import java.io.StringWriter;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Round trips of generated JSON-safe tensors of every datatype (finite floats with signed zeros,
 * extremes and subnormals; UTF-8 strings) through flat and nested JSON. Cases are seeded and
 * reproducible, see {@link GeneratedCases}.
 */
class JsonTensorRoundTripTest {

  private static final JsonFactory JSON = new JsonFactory();
  private final JsonTensorDecoder decoder =
      new JsonTensorDecoder(TensorRole.INPUT, TensorLimits.DEFAULT);

  private static GeneratedCases<Tensor> jsonTensors(String property, int count) {
    return GeneratedCases.generate(
        "JsonTensorRoundTripTest." + property,
        count,
        random -> new TensorGenerator(random).anyTensor(true));
  }

  @TestFactory
  Stream<DynamicTest> everyDatatypeSurvivesFlatJson() {
    return jsonTensors("everyDatatypeSurvivesFlatJson", 1500)
        .check(
            tensor -> assertThat(decode(flatJson(tensor), tensor)).isEqualTo(tensor),
            TensorCoverage.everyDatatype(20));
  }

  @TestFactory
  Stream<DynamicTest> everyDatatypeSurvivesNestedJson() {
    return jsonTensors("everyDatatypeSurvivesNestedJson", 1500)
        .check(
            tensor -> assertThat(decode(nestedJson(tensor), tensor)).isEqualTo(tensor),
            TensorCoverage.everyDatatype(20));
  }

  private Tensor decode(String json, Tensor like) throws IOException {
    try (JsonParser p = JSON.createParser(json)) {
      p.nextToken();
      return decoder.decode(p, like.name(), like.datatype(), like.shape());
    }
  }

  static String flatJson(Tensor tensor) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      JsonTensorEncoder.writeData(g, tensor);
    }
    return out.toString();
  }

  /** Re-nests the flat array text along the shape, splitting the parsed element texts. */
  static String nestedJson(Tensor tensor) throws IOException {
    String[] elements = elementTexts(flatJson(tensor));
    long[] shape = tensor.shape();
    if (shape.length == 0) {
      return "[" + elements[0] + "]";
    }
    StringBuilder sb = new StringBuilder();
    nest(sb, shape, 0, elements, new int[] {0});
    return sb.toString();
  }

  private static void nest(
      StringBuilder sb, long[] shape, int level, String[] elements, int[] next) {
    sb.append('[');
    for (long i = 0; i < shape[level]; i++) {
      if (i > 0) {
        sb.append(',');
      }
      if (level == shape.length - 1) {
        sb.append(elements[next[0]++]);
      } else {
        nest(sb, shape, level + 1, elements, next);
      }
    }
    sb.append(']');
  }

  private static String[] elementTexts(String flat) throws IOException {
    java.util.List<String> out = new java.util.ArrayList<>();
    try (JsonParser p = JSON.createParser(flat)) {
      p.nextToken();
      while (p.nextToken() != com.fasterxml.jackson.core.JsonToken.END_ARRAY) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
          g.copyCurrentEvent(p);
        }
        out.add(w.toString());
      }
    }
    return out.toArray(new String[0]);
  }
}
