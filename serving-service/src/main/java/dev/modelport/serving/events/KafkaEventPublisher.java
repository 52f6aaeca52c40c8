package dev.modelport.serving.events;

import dev.modelport.serving.events.EventMeters.DropReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Publishes sampled inferences to Kafka off the request path. {@link #record} only offers the
 * inference to a bounded {@link EventBuffer} and wakes nobody; one sender thread takes what has
 * gathered every drain interval (earlier when the buffer fills to half), in batches of up to {@link
 * #MAX_BATCH}, writes the events' bytes directly ({@link InferenceEventWriter}) and hands them to
 * an idempotent, compressing Kafka producer keyed by model name, one record per event. When Kafka
 * is slow or down the sender waits on the producer, the buffer fills and further events are dropped
 * and counted; the producer reconnects by itself, and the first acknowledgement after a failure is
 * logged.
 *
 * <p>Thread-safe: {@link #wants} and {@link #record} from any thread; {@link #close} once.
 */
public final class KafkaEventPublisher implements InferenceEventSink {

  private static final Logger LOG = Logger.getLogger(KafkaEventPublisher.class);

  /** Most events the sender takes from the buffer at once. */
  static final int MAX_BATCH = 1024;

  private final EventSampler sampler;
  private final EventBuffer buffer;
  private final Producer<String, byte[]> producer;
  private final String topic;
  private final int maxEventBytes;
  private final Duration closeTimeout;
  private final long drainIntervalNanos;
  private final EventMeters meters;
  private final String target;
  private final Thread sender;
  private final InferenceEventWriter writer = new InferenceEventWriter();
  private final AtomicBoolean failing = new AtomicBoolean();
  private final AtomicLong failedSinceWarning = new AtomicLong();
  private volatile boolean closing;

  /**
   * @param producer the Kafka producer, owned (closed) by this publisher
   * @param target where the producer sends, for log lines
   */
  KafkaEventPublisher(
      EventSampler sampler,
      EventBuffer buffer,
      Producer<String, byte[]> producer,
      String topic,
      int maxEventBytes,
      Duration closeTimeout,
      Duration drainInterval,
      EventMeters meters,
      String target) {
    this.sampler = sampler;
    this.buffer = buffer;
    this.producer = producer;
    this.topic = topic;
    this.maxEventBytes = maxEventBytes;
    this.closeTimeout = closeTimeout;
    this.drainIntervalNanos = Math.max(1, drainInterval.toNanos());
    this.meters = meters;
    this.target = target;
    this.sender = new Thread(this::sendLoop, "modelport-events");
    this.sender.setDaemon(true);
    this.sender.start();
  }

  /**
   * The producer settings of the events: idempotent with all-replica acknowledgements, lz4
   * compression, large batches (256 KiB, 10 ms linger: the sender hands records over in bursts, so
   * that one produce request carries many of them), and bounded waits so that a Kafka outage shows
   * as failed sends (counted) rather than as a sender stuck for minutes.
   */
  static Map<String, Object> producerSettings(String bootstrapServers) {
    return Map.ofEntries(
        Map.entry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
        Map.entry(ProducerConfig.CLIENT_ID_CONFIG, "modelport-serving-events"),
        Map.entry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
        Map.entry(ProducerConfig.ACKS_CONFIG, "all"),
        Map.entry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
        Map.entry(ProducerConfig.LINGER_MS_CONFIG, 10),
        Map.entry(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
        Map.entry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000),
        Map.entry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000),
        Map.entry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15000),
        Map.entry(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2000),
        Map.entry(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class),
        Map.entry(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
  }

  /** A publisher with its own Kafka producer at {@code bootstrapServers}. */
  static KafkaEventPublisher connect(
      String bootstrapServers,
      EventSampler sampler,
      EventBuffer buffer,
      String topic,
      int maxEventBytes,
      Duration closeTimeout,
      Duration drainInterval,
      EventMeters meters) {
    Producer<String, byte[]> producer = new KafkaProducer<>(producerSettings(bootstrapServers));
    return new KafkaEventPublisher(
        sampler,
        buffer,
        producer,
        topic,
        maxEventBytes,
        closeTimeout,
        drainInterval,
        meters,
        bootstrapServers);
  }

  @Override
  public boolean wants(String model) {
    return !closing && sampler.sample(model);
  }

  @Override
  public void record(CompletedInference inference) {
    if (closing) {
      meters.dropped(DropReason.SHUTDOWN);
    } else if (!buffer.offer(inference)) {
      meters.dropped(DropReason.BUFFER_FULL);
    }
  }

  /** Whether the sender waits for its drain interval (for tests). */
  boolean senderWaiting() {
    return buffer.hasWaiter();
  }

  /** Events waiting for the sender. */
  int buffered() {
    return buffer.size();
  }

  private void sendLoop() {
    List<CompletedInference> batch = new ArrayList<>(MAX_BATCH);
    int next = 0;
    try {
      while (!Thread.currentThread().isInterrupted()) {
        batch.clear();
        next = 0;
        int taken = buffer.drainTo(batch, MAX_BATCH);
        while (next < taken) {
          send(batch.get(next));
          next++;
        }
        if (taken == MAX_BATCH) {
          continue; // more is waiting
        }
        if (closing) {
          if (buffer.size() == 0) {
            return;
          }
        } else {
          buffer.await(drainIntervalNanos);
        }
      }
    } catch (org.apache.kafka.common.errors.InterruptException e) {
      // close() ran out of time while the producer waited for Kafka
    } finally {
      for (int i = next; i < batch.size(); i++) {
        meters.dropped(DropReason.SHUTDOWN); // taken from the buffer, never handed to Kafka
      }
    }
  }

  private void send(CompletedInference inference) {
    String model = inference.model();
    byte[] value;
    try {
      value = writer.write(inference, maxEventBytes);
    } catch (RuntimeException e) {
      LOG.warnf("Inference event of model '%s' could not be encoded: %s", model, e.getMessage());
      meters.dropped(DropReason.SEND_FAILED);
      return;
    }
    if (value == null) {
      meters.dropped(DropReason.TOO_LARGE);
      return;
    }
    producer.send(
        new ProducerRecord<>(topic, model, value),
        (metadata, failure) -> {
          if (failure == null) {
            meters.published(model);
            if (failing.compareAndSet(true, false)) {
              LOG.infof(
                  "Inference events reach Kafka at %s again (%d failed to send meanwhile)",
                  target, failedSinceWarning.getAndSet(0));
            }
          } else {
            meters.dropped(DropReason.SEND_FAILED);
            failedSinceWarning.incrementAndGet();
            if (failing.compareAndSet(false, true)) {
              LOG.warnf(
                  "Inference events are not reaching Kafka at %s (%s); serving goes on, events"
                      + " are dropped and counted in modelport_events_dropped_total until Kafka"
                      + " answers again",
                  target, failure.getMessage());
            }
          }
        });
  }

  @Override
  public void close() {
    closing = true;
    buffer.wake();
    long deadline = System.nanoTime() + closeTimeout.toNanos();
    try {
      sender.join(Math.max(1, closeTimeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (sender.isAlive()) {
      sender.interrupt();
    }
    int left = 0;
    CompletedInference rest;
    try {
      while ((rest = buffer.poll(0)) != null) {
        meters.dropped(DropReason.SHUTDOWN);
        left++;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    long remaining = Math.max(0, deadline - System.nanoTime());
    producer.close(Duration.ofNanos(remaining));
    if (left > 0) {
      LOG.warnf(
          "Stopped with %d inference events not sent to Kafka at %s (counted as dropped, reason"
              + " shutdown)",
          left, target);
    }
  }
}
