package dev.modelport.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the example models' data and reference outputs (CSV, NumPy .npy) from examples/models. */
public final class Fixtures {

  public static final Path MODELS = Path.of("../examples/models");
  public static final double TOLERANCE = 1e-4;

  private Fixtures() {}

  /** A CSV file's values without its header row, row by row. */
  public static double[][] csv(String model, String file) {
    try {
      List<String> lines = Files.readAllLines(MODELS.resolve(model).resolve(file));
      return lines.stream()
          .skip(1)
          .filter(l -> !l.isBlank())
          .map(l -> Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray())
          .toArray(double[][]::new);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Columns [from, to) of {@code rows} as an FP32 tensor of shape [rows, to - from]. */
  public static Tensor fp32(String name, double[][] rows, int from, int to) {
    float[] data = new float[rows.length * (to - from)];
    for (int i = 0; i < rows.length; i++) {
      for (int j = from; j < to; j++) {
        data[i * (to - from) + j - from] = (float) rows[i][j];
      }
    }
    return new Tensor(name, DataType.FP32, new long[] {rows.length, to - from}, data);
  }

  /** Columns [from, to) of {@code rows} as an INT64 tensor. */
  public static Tensor int64(String name, double[][] rows, int from, int to) {
    long[] data = new long[rows.length * (to - from)];
    for (int i = 0; i < rows.length; i++) {
      for (int j = from; j < to; j++) {
        data[i * (to - from) + j - from] = (long) rows[i][j];
      }
    }
    return new Tensor(name, DataType.INT64, new long[] {rows.length, to - from}, data);
  }

  /** A little-endian float32 C-order .npy file as a tensor. */
  public static Tensor npy(String model, String file, String name) {
    try {
      byte[] bytes = Files.readAllBytes(MODELS.resolve(model).resolve(file));
      ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
      int headerLength = bytes[6] == 1 ? b.getShort(8) & 0xFFFF : b.getInt(8);
      int offset = bytes[6] == 1 ? 10 : 12;
      String header = new String(bytes, offset, headerLength, StandardCharsets.ISO_8859_1);
      assertThat(header).contains("'<f4'").contains("'fortran_order': False");
      Matcher m = Pattern.compile("'shape': \\(([^)]*)\\)").matcher(header);
      assertThat(m.find()).isTrue();
      long[] shape =
          Arrays.stream(m.group(1).split(","))
              .map(String::trim)
              .filter(s -> !s.isEmpty())
              .mapToLong(Long::parseLong)
              .toArray();
      float[] data = new float[Math.toIntExact(Tensor.elementCount(shape))];
      b.position(offset + headerLength);
      b.asFloatBuffer().get(data);
      return new Tensor(name, DataType.FP32, shape, data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts that {@code actual} (row-major FP32) matches {@code expected} rows within 1e-4. */
  public static void assertRowsMatch(float[] actual, double[][] expected) {
    int width = expected[0].length;
    assertThat(actual).hasSize(expected.length * width);
    for (int i = 0; i < expected.length; i++) {
      for (int j = 0; j < width; j++) {
        assertThat((double) actual[i * width + j])
            .as("row %d column %d", i, j)
            .isCloseTo(expected[i][j], within(TOLERANCE));
      }
    }
  }

  /** Asserts that two FP32 arrays match within 1e-4. */
  public static void assertClose(float[] actual, float[] expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i]).as("element %d", i).isCloseTo(expected[i], within((float) TOLERANCE));
    }
  }
}
