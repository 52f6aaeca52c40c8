package dev.modelport.drift.benchmark;

import dev.modelport.drift.ModelVersionKey;
import dev.modelport.drift.baseline.InputBlock;
import dev.modelport.drift.baseline.MonitoredSignature;
import dev.modelport.drift.baseline.VersionBaseline;
import dev.modelport.drift.consumer.DriftConsumerLoop;
import dev.modelport.drift.evaluation.WindowReport;
import dev.modelport.drift.metrics.DriftMetrics;
import dev.modelport.drift.support.InferenceEvents;
import dev.modelport.drift.support.LoopHarness;
import dev.modelport.drift.window.WindowPolicy;
import dev.modelport.featurestats.profile.DatasetProfile;
import dev.modelport.featurestats.profile.FeatureSchema;
import dev.modelport.featurestats.profile.ProfileOptions;
import dev.modelport.kafka.embedded.EmbeddedKafkaBroker;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Throughput of the drift-monitor's consumer pipeline, Kafka to evaluated windows: a 30-feature
 * FP32 model, events of {@code rowsPerEvent} rows produced into an embedded broker (same machine,
 * same JVM) before the consumer starts, then consumed by the service's {@link DriftConsumerLoop}
 * with windows of {@code windowRows} rows, each compared with a baseline of the same distribution.
 * The rate counts from the first event taken to the last window evaluated (group join excluded).
 *
 * <p>Run: {@code java --add-modules=jdk.incubator.foreign -cp <test class path>
 * dev.modelport.drift.benchmark.DriftThroughputBenchmark [rows] [rowsPerEvent] [windowRows]}.
 */
public final class DriftThroughputBenchmark {

  static final int FEATURES = 30;

  /**
   * The measured figures, and what was evaluated.
   *
   * @param rows rows in evaluated windows
   * @param windows windows evaluated
   * @param seconds from the first event taken to the last window evaluated
   * @param rowsPerSecond {@code rows / seconds}
   * @param produceSeconds time to produce the events
   * @param reports the evaluated windows, in evaluation order
   * @param badEvents events skipped as bad, whatever the reason
   */
  public record Result(
      long rows,
      long windows,
      double seconds,
      double rowsPerSecond,
      double produceSeconds,
      List<WindowReport> reports,
      long badEvents) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%,d rows in %,d windows: %.2f s, %,.0f rows/s (produced in %.2f s)",
          rows,
          windows,
          seconds,
          rowsPerSecond,
          produceSeconds);
    }
  }

  private DriftThroughputBenchmark() {}

  public static void main(String[] args) {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
    int perEvent = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    int windowRows = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
    for (int run = 1; run <= 3; run++) {
      System.out.println("run " + run + ": " + run(rows, perEvent, windowRows));
    }
  }

  public static Result run(int rows, int perEvent, int windowRows) {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start()) {
      String topic = "bench";
      broker.createTopics(1, topic);
      ModelVersionKey key = new ModelVersionKey("bench-30", "1");
      FeatureSchema schema =
          FeatureSchema.numeric(IntStream.range(0, FEATURES).mapToObj(i -> "f" + i).toList());
      MonitoredSignature signature =
          new MonitoredSignature(
              schema, List.of(new InputBlock("input", DataType.FP32, FEATURES, 0)));
      long events = (rows + perEvent - 1) / perEvent;
      long eventsPerWindow = (windowRows + perEvent - 1) / perEvent;
      int expectedWindows = (int) (events / eventsPerWindow);
      CountDownLatch evaluated = new CountDownLatch(expectedWindows);
      LoopHarness h =
          new LoopHarness()
              .version(VersionBaseline.withBaseline(key, signature, baseline(schema)))
              .defaultPolicy(new WindowPolicy(windowRows, Duration.ofHours(1)))
              .listener(r -> evaluated.countDown());

      long produceStart = System.nanoTime();
      produce(broker.bootstrapServers(), topic, key, rows, perEvent);
      double produceSeconds = (System.nanoTime() - produceStart) / 1e9;

      DriftConsumerLoop loop = h.loop(broker.bootstrapServers(), topic, "bench").start();
      while (loop.eventsProcessed() == 0 && loop.isRunning()) {
        Thread.onSpinWait();
      }
      long start = System.nanoTime();
      boolean all = await(evaluated, Duration.ofMinutes(5));
      double seconds = (System.nanoTime() - start) / 1e9;
      loop.stop();
      long badEvents =
          (long)
              h.meters.find(DriftMetrics.BAD_EVENTS).counters().stream()
                  .mapToDouble(c -> c.count())
                  .sum();
      if (!all) {
        throw new IllegalStateException(
            "only "
                + h.reports.size()
                + " of "
                + expectedWindows
                + " windows after "
                + loop.eventsProcessed()
                + " events; bad events: "
                + badEvents);
      }
      List<WindowReport> reports = List.copyOf(h.reports);
      long evaluatedRows = reports.stream().mapToLong(WindowReport::rows).sum();
      return new Result(
          evaluatedRows,
          reports.size(),
          seconds,
          evaluatedRows / seconds,
          produceSeconds,
          reports,
          badEvents);
    }
  }

  private static boolean await(CountDownLatch latch, Duration timeout) {
    try {
      return latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static DatasetProfile baseline(FeatureSchema schema) {
    DatasetProfile p = DatasetProfile.create(schema, ProfileOptions.DEFAULTS);
    float[] block = gaussianRows(new Random(1), 20_000);
    p.addRows(block, 0, FEATURES);
    return p;
  }

  private static float[] gaussianRows(Random random, int rows) {
    float[] data = new float[rows * FEATURES];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) (random.nextGaussian() * (1 + i % FEATURES) + i % FEATURES);
    }
    return data;
  }

  private static void produce(
      String bootstrap, String topic, ModelVersionKey key, int rows, int perEvent) {
    java.util.Properties p = new java.util.Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "1");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(512 * 1024));
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(256L * 1024 * 1024));
    Random random = new Random(2);
    // 64 distinct event payloads, reused: building them is not what is measured.
    List<byte[]> payloads = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      float[] data = gaussianRows(random, perEvent);
      payloads.add(
          InferenceEvents.event(
                  key.model(),
                  key.version(),
                  1_000_000L + i,
                  List.of(
                      new Tensor("input", DataType.FP32, new long[] {perEvent, FEATURES}, data)))
              .toByteArray());
    }
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      Future<RecordMetadata> last = null;
      for (int sent = 0, i = 0; sent < rows; sent += perEvent, i++) {
        last =
            producer.send(
                new ProducerRecord<>(topic, key.model(), payloads.get(i % payloads.size())));
      }
      producer.flush();
      last.get();
    } catch (Exception e) {
      throw new IllegalStateException("producing the benchmark events failed", e);
    }
  }
}
