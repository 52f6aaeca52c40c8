package dev.modelport.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.protocol.tensor.TensorArbitraries;
import dev.modelport.protocol.tensor.TensorLimits;
import dev.modelport.protocol.tensor.TensorRole;
import java.io.IOException;
import java.io.StringWriter;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

class JsonTensorRoundTripTest {

  private static final JsonFactory JSON = new JsonFactory();
  private final JsonTensorDecoder decoder =
      new JsonTensorDecoder(TensorRole.INPUT, TensorLimits.DEFAULT);

  @Provide
  Arbitrary<Tensor> jsonTensors() {
    return TensorArbitraries.anyTensor(true);
  }

  @Property(tries = 1500)
  void everyDatatypeSurvivesFlatJson(@ForAll("jsonTensors") Tensor tensor) throws IOException {
    coverEveryDatatype(tensor);
    String json = flatJson(tensor);
    assertThat(decode(json, tensor)).isEqualTo(tensor);
  }

  @Property(tries = 1500)
  void everyDatatypeSurvivesNestedJson(@ForAll("jsonTensors") Tensor tensor) throws IOException {
    coverEveryDatatype(tensor);
    String json = nestedJson(tensor);
    assertThat(decode(json, tensor)).isEqualTo(tensor);
  }

  private static void coverEveryDatatype(Tensor tensor) {
    Statistics.collect(tensor.datatype());
    Statistics.coverage(
        coverage -> {
          for (DataType type : DataType.values()) {
            coverage.check(type).count(c -> c >= 20);
          }
        });
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
