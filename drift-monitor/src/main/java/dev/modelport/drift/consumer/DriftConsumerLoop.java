package dev.modelport.drift.consumer;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.modelport.drift.ModelVersionKey;
import dev.modelport.drift.baseline.BaselineSource;
import dev.modelport.drift.baseline.BaselineUnavailableException;
import dev.modelport.drift.baseline.VersionBaseline;
import dev.modelport.drift.metrics.DriftMetrics;
import dev.modelport.drift.window.ClosedWindow;
import dev.modelport.drift.window.EventRows;
import dev.modelport.drift.window.WindowBook;
import dev.modelport.drift.window.WindowSink;
import dev.modelport.protocol.event.InferenceEvent;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

/**
 * The consumer of the inference events: a plain {@link KafkaConsumer} loop on its own thread with
 * manual commits. Each event's rows go to its model version's window ({@link WindowBook}); closed
 * windows go to the {@link WindowSink} (evaluation) before their offsets are committed.
 *
 * <p><b>Offsets.</b> Per partition, the committed offset is the first offset of the oldest open
 * window (or the position when none is open), so after a crash the open windows are rebuilt from
 * Kafka; the commit metadata carries, per model version, the last offset of its latest evaluated
 * window, so that events of windows already evaluated are not counted twice (see {@link
 * ClosedThroughMetadata}). Bad events are counted, logged with their offset and skipped; they never
 * stop the loop.
 *
 * <p><b>Threads.</b> {@link #start()} runs the loop on a new thread named {@code drift-consumer};
 * everything else of this class is confined to it. {@link #stop()} ends it gracefully (final
 * commit); {@link #halt()} ends it as a crash would (no commit, state dropped).
 */
public final class DriftConsumerLoop implements Runnable {

  private static final Logger LOG = Logger.getLogger(DriftConsumerLoop.class);

  private final ConsumerSettings settings;
  private final BaselineSource baselines;
  private final WindowBook windows;
  private final EventRowsReader reader;
  private final WindowSink sink;
  private final DriftMetrics metrics;
  private final Map<TopicPartition, PartitionProgress> progress = new HashMap<>();
  private final Map<TopicPartition, OffsetAndMetadata> lastCommitted = new HashMap<>();
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean running = true;
  private volatile boolean halted;
  private volatile long eventsProcessed;
  private KafkaConsumer<byte[], byte[]> consumer;
  private Thread thread;

  public DriftConsumerLoop(
      ConsumerSettings settings,
      BaselineSource baselines,
      WindowBook windows,
      EventRowsReader reader,
      WindowSink sink,
      DriftMetrics metrics) {
    this.settings = settings;
    this.baselines = baselines;
    this.windows = windows;
    this.reader = reader;
    this.sink = sink;
    this.metrics = metrics;
  }

  /** Starts the loop on its own thread. */
  public synchronized DriftConsumerLoop start() {
    if (thread != null) {
      throw new IllegalStateException("already started");
    }
    thread = new Thread(this, "drift-consumer");
    thread.setDaemon(true);
    thread.start();
    return this;
  }

  /** Ends the loop after the current batch, commits what is safe, and waits for it. */
  public void stop() {
    running = false;
    wakeUp();
    await();
  }

  /**
   * Ends the loop as a crash would: no further commit, open windows dropped. The group's other
   * members (or a new instance) resume from the last commit and rebuild the open windows.
   */
  public void halt() {
    halted = true;
    running = false;
    wakeUp();
    await();
  }

  /** Whether the loop thread is running (false before start, after stop, halt or a fatal error). */
  public boolean isRunning() {
    return thread != null && finished.getCount() > 0;
  }

  /** Events taken from Kafka so far (good or bad); for tests and benchmarks. */
  public long eventsProcessed() {
    return eventsProcessed;
  }

  private void wakeUp() {
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
  }

  private void await() {
    Thread t = thread;
    if (t == null || t == Thread.currentThread()) {
      return;
    }
    try {
      if (!finished.await(30, TimeUnit.SECONDS)) {
        LOG.warn("The drift consumer did not stop within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void run() {
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(
            properties(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer = c;
      if (!running) {
        return;
      }
      c.subscribe(List.of(settings.topic()), new Rebalance());
      LOG.infof(
          "Consuming %s as group %s from %s",
          settings.topic(), settings.groupId(), settings.bootstrapServers());
      while (running) {
        ConsumerRecords<byte[], byte[]> records = c.poll(settings.pollTimeout());
        if (halted) {
          break;
        }
        boolean blocked = process(records);
        if (halted) {
          break;
        }
        for (ClosedWindow w : windows.closeExpired(System.nanoTime())) {
          finish(w);
        }
        updateLag();
        commit(false);
        if (blocked) {
          Thread.sleep(settings.retryBackoff().toMillis());
        }
      }
    } catch (WakeupException e) {
      // stop() or halt()
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("The drift consumer loop failed; it stops without committing its open windows", e);
      halted = true;
    } finally {
      try {
        if (!halted && consumer != null) {
          commit(true);
        }
      } catch (RuntimeException e) {
        LOG.warnf("Final commit failed: %s", e.toString());
      }
      consumer = null;
      finished.countDown();
    }
  }

  private Properties properties() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, settings.autoOffsetReset());
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "drift-monitor-" + Long.toHexString(System.nanoTime()));
    p.putAll(settings.extraProperties());
    return p;
  }

  /**
   * Processes a batch; returns true when a partition had to stop at an event (registry
   * unavailable).
   */
  private boolean process(ConsumerRecords<byte[], byte[]> records) {
    boolean blocked = false;
    for (TopicPartition tp : records.partitions()) {
      PartitionProgress p = progress.get(tp);
      if (p == null) {
        continue;
      }
      for (ConsumerRecord<byte[], byte[]> record : records.records(tp)) {
        if (!running) {
          return blocked;
        }
        try {
          processRecord(tp, p, record);
        } catch (BaselineUnavailableException e) {
          LOG.warnf(
              "Cannot fetch the baseline for the event at %s offset %d, retrying in %s: %s",
              tp, record.offset(), settings.retryBackoff(), e.getMessage());
          consumer.seek(tp, record.offset());
          blocked = true;
          break;
        } catch (RuntimeException e) {
          // Whatever an event holds, it must not stop the consumer.
          metrics.badEvent(BadEventReason.UNDECODABLE.tag());
          LOG.warnf(
              "Skipped the event at %s offset %d (undecodable): %s",
              tp, record.offset(), e.toString());
        }
        p.advanceTo(record.offset() + 1);
        eventsProcessed++;
      }
    }
    return blocked;
  }

  private void processRecord(
      TopicPartition tp, PartitionProgress p, ConsumerRecord<byte[], byte[]> record) {
    ModelVersionKey key = null;
    try {
      InferenceEvent event = parse(record.value());
      key = keyOf(event);
      if (p.alreadyEvaluated(key, record.offset())) {
        return;
      }
      Optional<VersionBaseline> version = baselines.fetch(key);
      if (version.isEmpty()) {
        throw new BadEventException(
            BadEventReason.UNKNOWN_MODEL, "the registry does not know model version " + key);
      }
      EventRows rows = reader.read(event, version.get().signature());
      long micros =
          event.getTimestampMicros() > 0 ? event.getTimestampMicros() : record.timestamp() * 1000L;
      List<ClosedWindow> closed =
          windows.add(
              tp.partition(),
              key,
              version.get().signature().schema(),
              record.offset(),
              micros,
              rows,
              System.nanoTime());
      metrics.rows(key, rows.rows());
      for (ClosedWindow w : closed) {
        finish(w);
      }
    } catch (BadEventException e) {
      metrics.badEvent(e.reason().tag());
      LOG.warnf(
          "Skipped the event at %s offset %d%s (%s): %s",
          tp, record.offset(), key == null ? "" : " of " + key, e.reason().tag(), e.getMessage());
    }
  }

  private static InferenceEvent parse(byte[] value) throws BadEventException {
    if (value == null) {
      throw new BadEventException(BadEventReason.UNDECODABLE, "the record has no value");
    }
    try {
      return InferenceEvent.parseFrom(value);
    } catch (InvalidProtocolBufferException e) {
      throw new BadEventException(
          BadEventReason.UNDECODABLE, "not an InferenceEvent: " + e.getMessage());
    }
  }

  private static ModelVersionKey keyOf(InferenceEvent event) throws BadEventException {
    try {
      return new ModelVersionKey(event.getModel(), event.getVersion());
    } catch (IllegalArgumentException e) {
      throw new BadEventException(
          BadEventReason.UNDECODABLE, "bad model or version: " + e.getMessage());
    }
  }

  private void finish(ClosedWindow w) {
    try {
      sink.windowClosed(w);
    } catch (RuntimeException e) {
      LOG.errorf(
          e,
          "Evaluating the window of %s (offsets %d..%d) failed; it is skipped",
          w.key(),
          w.firstOffset(),
          w.lastOffset());
    }
    TopicPartition tp = new TopicPartition(settings.topic(), w.partition());
    PartitionProgress p = progress.get(tp);
    if (p != null) {
      p.windowClosed(w.key(), w.lastOffset());
    }
  }

  private void updateLag() {
    long lag = 0;
    for (TopicPartition tp : consumer.assignment()) {
      OptionalLong l = consumer.currentLag(tp);
      if (l.isPresent()) {
        lag += l.getAsLong();
      }
    }
    metrics.lag(settings.topic(), lag);
  }

  private void commit(boolean sync) {
    commit(Set.copyOf(progress.keySet()), sync);
  }

  private void commit(Collection<TopicPartition> partitions, boolean sync) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    Set<TopicPartition> changed = new HashSet<>();
    for (TopicPartition tp : partitions) {
      PartitionProgress p = progress.get(tp);
      if (p == null) {
        continue;
      }
      PartitionProgress.Commit commit = p.commit(windows.firstOpenOffset(tp.partition()));
      OffsetAndMetadata next = new OffsetAndMetadata(commit.offset(), commit.metadata());
      offsets.put(tp, next);
      if (!next.equals(lastCommitted.get(tp))) {
        changed.add(tp);
      }
    }
    if (offsets.isEmpty() || (!sync && changed.isEmpty())) {
      return;
    }
    lastCommitted.putAll(offsets);
    if (sync) {
      consumer.commitSync(offsets);
    } else {
      consumer.commitAsync(
          offsets,
          (committed, error) -> {
            if (error != null) {
              LOG.warnf("Offset commit failed (the next one supersedes it): %s", error.toString());
            }
          });
    }
  }

  /** Keeps {@link #progress} and the open windows in step with the partitions this member owns. */
  private final class Rebalance implements ConsumerRebalanceListener {

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (!halted) {
        try {
          commit(partitions, true);
        } catch (RuntimeException e) {
          LOG.warnf("Commit on revocation failed: %s", e.toString());
        }
      }
      drop(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      drop(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
      for (TopicPartition tp : partitions) {
        OffsetAndMetadata c = committed.get(tp);
        long position = consumer.position(tp);
        progress.put(
            tp,
            new PartitionProgress(
                position, c == null ? Map.of() : ClosedThroughMetadata.decode(c.metadata())));
        if (c != null) {
          lastCommitted.put(tp, c);
        }
        LOG.infof("Assigned %s from offset %d", tp, position);
      }
    }

    private void drop(Collection<TopicPartition> partitions) {
      for (TopicPartition tp : partitions) {
        windows.dropPartition(tp.partition());
        progress.remove(tp);
        lastCommitted.remove(tp);
      }
    }
  }
}
