package dev.modelport.drift.consumer;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.modelport.drift.ModelVersionKey;
import dev.modelport.drift.baseline.BaselineRefusedException;
import dev.modelport.drift.baseline.BaselineSource;
import dev.modelport.drift.baseline.BaselineUnavailableException;
import dev.modelport.drift.baseline.RegistryAnswers;
import dev.modelport.drift.baseline.VersionBaseline;
import dev.modelport.drift.metrics.DriftMetrics;
import dev.modelport.drift.window.ClosedWindow;
import dev.modelport.drift.window.EventRows;
import dev.modelport.drift.window.WindowBook;
import dev.modelport.drift.window.WindowEvent;
import dev.modelport.drift.window.WindowSink;
import dev.modelport.protocol.event.InferenceEvent;
import dev.modelport.protocol.event.TraceParent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * stop the loop. That includes events whose model version the registry refuses to look up (a 4xx
 * other than 429, see {@link RegistryAnswers}).
 *
 * <p><b>Retries.</b> When a baseline cannot be fetched (registry unreachable, 5xx, 429), the
 * partition is sought back to that event and paused for a capped exponential backoff ({@link
 * RetryBackoff}); the other partitions go on, and the lag gauge keeps counting the waiting events.
 *
 * <p><b>Stopping.</b> The final commit and closing the consumer share one deadline ({@code
 * closeTimeout}), so a stop ends within it whatever the broker's state; what could not be committed
 * is read again by the next owner of the partition.
 *
 * <p><b>Threads.</b> {@link #start()} runs the loop on a new thread named {@code drift-consumer};
 * everything else of this class is confined to it. {@link #stop()} ends it gracefully (final
 * commit); {@link #halt()} ends it as a crash would (no commit, state dropped). Neither sleeps on
 * the loop thread: waits are paused partitions and bounded polls.
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
  private final RetryBackoff backoff;

  /** Partitions paused at an event whose baseline could not be fetched: failures so far. */
  private final Map<TopicPartition, Integer> failures = new HashMap<>();

  /** When each paused partition is resumed ({@link System#nanoTime()}). */
  private final Map<TopicPartition, Long> resumeAt = new HashMap<>();

  /** Set when the loop ends: the final commit and close must be done by then (nanoTime). */
  private long closeDeadline;

  private boolean closing;
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
    this.backoff = new RetryBackoff(settings.retryBackoff(), settings.retryBackoffMax());
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
    Duration limit = settings.closeTimeout().plus(settings.pollTimeout()).plusSeconds(2);
    try {
      if (!finished.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warnf("The drift consumer did not stop within %s", limit);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void run() {
    KafkaConsumer<byte[], byte[]> c;
    try {
      c =
          new KafkaConsumer<>(
              properties(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    } catch (RuntimeException e) {
      LOG.error("Cannot create the drift consumer", e);
      finished.countDown();
      return;
    }
    consumer = c;
    try {
      if (!running) {
        return;
      }
      c.subscribe(List.of(settings.topic()), new Rebalance());
      LOG.infof(
          "Consuming %s as group %s from %s",
          settings.topic(), settings.groupId(), settings.bootstrapServers());
      while (running) {
        resumeDue();
        ConsumerRecords<byte[], byte[]> records = c.poll(settings.pollTimeout());
        if (halted) {
          break;
        }
        process(records);
        if (halted) {
          break;
        }
        for (ClosedWindow w : windows.closeExpired(System.nanoTime())) {
          finish(w);
        }
        updateLag();
        commit(false);
      }
    } catch (WakeupException e) {
      // stop() or halt()
    } catch (RuntimeException e) {
      LOG.error("The drift consumer loop failed; it stops without committing its open windows", e);
      halted = true;
    } finally {
      close(c);
    }
  }

  /**
   * Commits what is safe (unless halted) and closes the consumer, both within {@code closeTimeout}
   * in all: with the broker gone, the commit and the group leave time out instead of blocking.
   */
  private void close(KafkaConsumer<byte[], byte[]> c) {
    closing = true;
    closeDeadline = System.nanoTime() + settings.closeTimeout().toNanos();
    try {
      if (!halted) {
        commit(true);
      }
    } catch (RuntimeException e) {
      LOG.warnf("Final commit failed (the uncommitted events are read again): %s", e.toString());
    }
    try {
      c.close(remaining());
    } catch (RuntimeException e) {
      LOG.warnf("Closing the drift consumer failed: %s", e.toString());
    }
    consumer = null;
    LOG.info("The drift consumer stopped");
    finished.countDown();
  }

  /** Time left until the close deadline (zero when passed). */
  private Duration remaining() {
    return Duration.ofNanos(Math.max(0, closeDeadline - System.nanoTime()));
  }

  /** Resumes the partitions whose retry backoff has passed. */
  private void resumeDue() {
    if (resumeAt.isEmpty()) {
      return;
    }
    long now = System.nanoTime();
    List<TopicPartition> due =
        resumeAt.entrySet().stream()
            .filter(e -> now - e.getValue() >= 0)
            .map(Map.Entry::getKey)
            .toList();
    if (!due.isEmpty()) {
      due.forEach(resumeAt::remove);
      consumer.resume(due);
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
   * Processes a batch; a partition whose event's baseline cannot be fetched (registry unavailable)
   * is sought back to that event and paused for its backoff.
   */
  private void process(ConsumerRecords<byte[], byte[]> records) {
    for (TopicPartition tp : records.partitions()) {
      PartitionProgress p = progress.get(tp);
      if (p == null) {
        continue;
      }
      for (ConsumerRecord<byte[], byte[]> record : records.records(tp)) {
        if (!running) {
          return;
        }
        try {
          processRecord(tp, p, record);
          failures.remove(tp);
        } catch (BaselineUnavailableException e) {
          waitAt(tp, record.offset(), e);
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
  }

  private void waitAt(TopicPartition tp, long offset, BaselineUnavailableException e) {
    int attempt = failures.merge(tp, 1, Integer::sum);
    Duration wait = backoff.delay(attempt);
    LOG.warnf(
        "Cannot fetch the baseline for the event at %s offset %d (attempt %d), retrying in %s: %s",
        tp, offset, attempt, wait, e.getMessage());
    consumer.seek(tp, offset);
    consumer.pause(List.of(tp));
    resumeAt.put(tp, System.nanoTime() + wait.toNanos());
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
      long micros =
          event.getTimestampMicros() > 0 ? event.getTimestampMicros() : record.timestamp() * 1000L;
      Optional<VersionBaseline> version;
      try {
        version = baselines.fetch(key, Instant.EPOCH.plus(micros, ChronoUnit.MICROS));
      } catch (BaselineRefusedException e) {
        throw new BadEventException(BadEventReason.of(e.verdict()), e.getMessage());
      }
      if (version.isEmpty()) {
        throw new BadEventException(
            BadEventReason.UNKNOWN_MODEL, "the registry does not know model version " + key);
      }
      EventRows rows = reader.read(event, version.get().signature());
      WindowEvent windowEvent =
          new WindowEvent(
              tp.partition(),
              key,
              version.get().signature().schema(),
              version.get().signature().outputSchema(),
              record.offset(),
              micros,
              rows,
              // a malformed traceparent is no reason to drop the event: it counts as untraced
              TraceParent.parse(event.getTraceparent()).orElse(null));
      List<ClosedWindow> closed = windows.add(windowEvent, System.nanoTime());
      metrics.rows(key, rows.rows());
      for (ClosedWindow w : closed) {
        finish(w);
      }
    } catch (BadEventException e) {
      metrics.badEvent(e.reason().tag());
      LOG.warnf(
          "Skipped the event at %s offset %d%s (%s): %s",
          tp,
          record.offset(),
          key == null ? "" : " of " + abbreviate(key.toString()),
          e.reason().tag(),
          abbreviate(e.getMessage()));
    }
  }

  /** Keeps a log line short when an event carries a huge name. */
  private static String abbreviate(String text) {
    return text == null || text.length() <= 200
        ? text
        : text.substring(0, 200) + "... (" + text.length() + " characters)";
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
      if (closing) {
        consumer.commitSync(offsets, remaining());
      } else {
        consumer.commitSync(offsets, settings.closeTimeout());
      }
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
        failures.remove(tp);
        resumeAt.remove(tp);
      }
    }
  }
}
