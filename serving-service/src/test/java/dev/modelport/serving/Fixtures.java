package dev.modelport.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.modelport.protocol.model.TensorSpec;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.testsupport.CsvTable;
import dev.modelport.testsupport.ExampleModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serving's test helpers on top of test-support's {@link ExampleModels} (which finds the example
 * models, their CSV files and signatures): request tensors cut from a {@link CsvTable}, the NumPy
 * {@code .npy} reference files of the image models, and assertions on engine outputs.
 */
public final class Fixtures {

  public static final double TOLERANCE = 1e-4;

  private Fixtures() {}

  /** Columns [from, to) of {@code table} as an FP32 tensor of shape [rows, to - from]. */
  public static Tensor fp32(String name, CsvTable table, int from, int to) {
    return new Tensor(
        name, DataType.FP32, new long[] {table.size(), to - from}, table.floats(from, to));
  }

  /** Columns [from, to) of {@code table} as an INT64 tensor of shape [rows, to - from]. */
  public static Tensor int64(String name, CsvTable table, int from, int to) {
    double[][] rows = table.rows();
    long[] data = new long[rows.length * (to - from)];
    for (int i = 0; i < rows.length; i++) {
      for (int j = from; j < to; j++) {
        data[i * (to - from) + j - from] = (long) rows[i][j];
      }
    }
    return new Tensor(name, DataType.INT64, new long[] {rows.length, to - from}, data);
  }

  /** The first {@code n} rows of {@code table}. */
  public static CsvTable firstRows(CsvTable table, int n) {
    return new CsvTable(table.header(), Arrays.copyOf(table.rows(), n));
  }

  /** Row {@code i} of {@code table} alone. */
  public static CsvTable row(CsvTable table, int i) {
    return new CsvTable(table.header(), new double[][] {table.rows()[i]});
  }

  /** A little-endian float32 C-order .npy file of an example model as a tensor. */
  public static Tensor npy(String model, String file, String name) {
    try {
      byte[] bytes = Files.readAllBytes(ExampleModels.file(model, file));
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

  /**
   * Asserts that {@code actual} (row-major FP32) matches the rows of {@code expected} within 1e-4.
   */
  public static void assertRowsMatch(float[] actual, CsvTable expected) {
    double[][] rows = expected.rows();
    int width = rows[0].length;
    assertThat(actual).hasSize(rows.length * width);
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < width; j++) {
        assertThat((double) actual[i * width + j])
            .as("row %d column %d", i, j)
            .isCloseTo(rows[i][j], within(TOLERANCE));
      }
    }
  }

  /**
   * The tensors {@code specs} as {@link TensorSpec#toString()} writes them ({@code name DATATYPE
   * [shape]}), to compare with what a transport's metadata reports (see {@link #tensor}).
   */
  public static List<String> described(List<TensorSpec> specs) {
    return specs.stream().map(TensorSpec::toString).toList();
  }

  /** A tensor as a transport's metadata reports it, in the form of {@link #described}. */
  public static String tensor(String name, String datatype, List<? extends Number> shape) {
    long[] dims = shape.stream().mapToLong(Number::longValue).toArray();
    return TensorSpec.numeric(name, DataType.parse(datatype), dims, List.of()).toString();
  }

  /** Asserts that two FP32 arrays match within 1e-4. */
  public static void assertClose(float[] actual, float[] expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i]).as("element %d", i).isCloseTo(expected[i], within((float) TOLERANCE));
    }
  }
}
