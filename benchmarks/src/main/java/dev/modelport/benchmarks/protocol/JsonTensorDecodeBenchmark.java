package dev.modelport.benchmarks.protocol;

import dev.modelport.protocol.rest.InferenceJsonDecoder;
import dev.modelport.protocol.rest.InferenceJsonEncoder;
import dev.modelport.protocol.rest.InferenceRequest;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.protocol.tensor.TensorLimits;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding rate of a V2 JSON inference request carrying one FP32 image of {@code [1, 3, 224, 224]}
 * (150,528 values) through {@link InferenceJsonDecoder}, the path the REST endpoint takes, in
 * values per second (one operation = one value). Target (issue 17): 20 million values/s.
 *
 * <p>{@code format} is how the client wrote the numbers: {@code float} as Java and Jackson write a
 * {@code float} (shortest form that reads back, e.g. {@code -0.43316424}), {@code double} as a
 * client that widened the floats to doubles first writes them (17 significant digits, as Python's
 * {@code json.dumps} of a NumPy float32 array converted with {@code tolist()}), {@code short} with
 * four decimals (a pre-processed image rounded by the client).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class JsonTensorDecodeBenchmark {

  static final long[] SHAPE = {1, 3, 224, 224};
  static final int VALUES = 3 * 224 * 224;

  @Param({"float", "double", "short"})
  public String format;

  private byte[] body;
  private InferenceJsonDecoder decoder;

  @Setup(Level.Trial)
  public void encode() {
    SplittableRandom random = new SplittableRandom(7);
    float[] data = new float[VALUES];
    for (int i = 0; i < VALUES; i++) {
      data[i] = (float) random.nextDouble(-1, 1);
    }
    body =
        switch (format) {
          case "float" ->
              InferenceJsonEncoder.encodeRequest(
                      List.of(new Tensor("input", DataType.FP32, SHAPE, data)))
                  .bytes();
          case "double" -> handWritten(data, true);
          case "short" -> handWritten(data, false);
          default -> throw new IllegalArgumentException(format);
        };
    decoder = new InferenceJsonDecoder(TensorLimits.DEFAULT);
    InferenceRequest check = decoder.decodeRequest(body, null);
    float[] back = (float[]) check.inputs().get(0).data();
    if (back.length != VALUES || Math.abs(back[VALUES - 1] - data[VALUES - 1]) > 1e-4f) {
      throw new IllegalStateException("the benchmark's request does not decode to its data");
    }
  }

  private static byte[] handWritten(float[] data, boolean asDouble) {
    StringBuilder sb = new StringBuilder(data.length * 20);
    sb.append("{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[1,3,224,224],");
    sb.append("\"data\":[");
    for (int i = 0; i < data.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      if (asDouble) {
        sb.append((double) data[i]);
      } else {
        sb.append(String.format("%.4f", data[i]));
      }
    }
    sb.append("]}]}");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The whole request body: object members, the shape, then the data array. */
  @Benchmark
  @OperationsPerInvocation(VALUES)
  public InferenceRequest decodeRequest() {
    return decoder.decodeRequest(body, null);
  }
}
