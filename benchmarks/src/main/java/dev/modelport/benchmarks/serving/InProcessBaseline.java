package dev.modelport.benchmarks.serving;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The engine alone: the same ONNX model through DJL's ONNX Runtime engine, in this process, on one
 * calling thread with the served model's intra-op threads (its {@code model.yaml}; 0 = one per
 * core) and one inter-op thread, at each batch size, with ONNX Runtime's default of spinning
 * threads (its fastest setting for a process that does nothing else). Inputs are copied from a Java
 * array and outputs back to one, as the server does, so the difference to the served figures is the
 * serving overhead.
 */
public final class InProcessBaseline implements AutoCloseable {

  /**
   * One batch size's figures.
   *
   * @param batch rows per call
   * @param itemsPerSecond rows per second
   * @param latency per-call latency, microseconds
   */
  public record Point(int batch, double itemsPerSecond, Histogram latency) {}

  private final ZooModel<float[][], float[]> model;
  private final Predictor<float[][], float[]> predictor;
  private final int rowSize;
  private final SplittableRandom random = new SplittableRandom(7);
  private OrtSession.SessionOptions sessionOptions;

  /**
   * Loads the model (ONNX Runtime, CPU, one inter-op thread).
   *
   * @param intraOpThreads intra-op threads; 0 lets ONNX Runtime use one per core
   */
  public InProcessBaseline(Path onnx, long[] rowShape, int intraOpThreads) throws Exception {
    this(onnx, rowShape, intraOpThreads, true);
  }

  /**
   * Loads the model (ONNX Runtime, CPU, one inter-op thread).
   *
   * @param intraOpThreads intra-op threads; 0 lets ONNX Runtime use one per core
   * @param allowSpinning false: ONNX Runtime's idle pool threads sleep instead of spinning, as the
   *     server runs them ({@code modelport.serving.engine.onnx.allow-spinning=false}, its default)
   */
  public InProcessBaseline(Path onnx, long[] rowShape, int intraOpThreads, boolean allowSpinning)
      throws Exception {
    System.setProperty("ai.djl.offline", "true");
    Map<String, String> options = new HashMap<>();
    options.put("interOpNumThreads", "1");
    options.put("intraOpNumThreads", Integer.toString(intraOpThreads));
    if (!allowSpinning) {
      sessionOptions = new OrtSession.SessionOptions();
      sessionOptions.addConfigEntry("session.intra_op.allow_spinning", "0");
      sessionOptions.addConfigEntry("session.inter_op.allow_spinning", "0");
      @SuppressWarnings({"rawtypes", "unchecked"})
      Map<String, Object> untyped = (Map) options; // DJL reads this key as an object
      untyped.put("sessionOptions", sessionOptions);
    }
    Criteria<float[][], float[]> criteria =
        Criteria.builder()
            .setTypes(float[][].class, float[].class)
            .optModelPath(onnx)
            .optEngine("OnnxRuntime")
            .optDevice(Device.cpu())
            .optOptions(options)
            .optTranslator(new FlatTranslator(rowShape))
            .build();
    int size = 1;
    for (long d : rowShape) {
      size *= (int) d;
    }
    this.rowSize = size;
    this.model = criteria.loadModel();
    this.predictor = model.newPredictor();
  }

  /** Calls the model at each batch size for {@code each} (after a short warm-up). */
  public List<Point> sweep(int[] batchSizes, Duration each) throws Exception {
    List<Point> points = new ArrayList<>();
    for (int batch : batchSizes) {
      points.add(measure(batch, each));
    }
    return points;
  }

  /** Calls the model at {@code batch} rows for {@code duration}, after 0.5 s of warm-up. */
  public Point measure(int batch, Duration duration) throws Exception {
    float[] data = new float[batch * rowSize];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) random.nextDouble(-1, 1);
    }
    float[][] input = {data, {batch}};
    long warmUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
    while (System.nanoTime() < warmUntil) {
      predictor.predict(input);
    }
    Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    long calls = 0;
    long now = start;
    while (now < end) {
      long t0 = System.nanoTime();
      predictor.predict(input);
      now = System.nanoTime();
      latency.recordValue(Math.max(1, TimeUnit.NANOSECONDS.toMicros(now - t0)));
      calls++;
    }
    return new Point(batch, calls * batch / ((now - start) / 1e9), latency);
  }

  /**
   * Calls the model at {@code batch} rows {@code ratePerSecond} times a second for {@code duration}
   * (after 1 s at that pace): the engine call at low load, where the calling thread sleeps between
   * calls as the server's batcher thread does, so caches and the CPU are as cold as there.
   */
  public Point measurePaced(int batch, double ratePerSecond, Duration duration) throws Exception {
    float[] data = new float[batch * rowSize];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) random.nextDouble(-1, 1);
    }
    float[][] input = {data, {batch}};
    Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
    long interval = (long) (1e9 / ratePerSecond);
    long start = System.nanoTime();
    long warmUntil = start + TimeUnit.SECONDS.toNanos(1);
    long end = warmUntil + duration.toNanos();
    long calls = 0;
    for (long next = start; next < end; next += interval) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      long t0 = System.nanoTime();
      predictor.predict(input);
      long t1 = System.nanoTime();
      if (t0 >= warmUntil) {
        latency.recordValue(Math.max(1, TimeUnit.NANOSECONDS.toMicros(t1 - t0)));
        calls++;
      }
    }
    return new Point(batch, calls * batch / (duration.toNanos() / 1e9), latency);
  }

  @Override
  public void close() {
    predictor.close();
    model.close();
    if (sessionOptions != null) {
      sessionOptions.close();
    }
  }

  /** Input: {data, {rows}}; output: the first output, flattened. */
  private static final class FlatTranslator implements NoBatchifyTranslator<float[][], float[]> {
    private final long[] rowShape;

    FlatTranslator(long[] rowShape) {
      this.rowShape = rowShape;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, float[][] input) {
      long[] shape = new long[rowShape.length + 1];
      shape[0] = (long) input[1][0];
      System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
      return new NDList(ctx.getNDManager().create(FloatBuffer.wrap(input[0]), new Shape(shape)));
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList list) {
      return list.get(0).toFloatArray();
    }
  }
}
