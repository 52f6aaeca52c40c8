package dev.modelport.kafka.embedded;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker in KRaft mode (one process acting as broker and controller) started
 * in-process, for the local stack and for tests.
 *
 * <p>Lifecycle: {@link #start()} formats the data directory on first use (an already formatted
 * directory is reused, so a restart on the same directory reads back what was written), starts the
 * server and waits until it answers a metadata request. {@link #close()} shuts it down cleanly and
 * deletes the data directory only when the broker created it (temporary directory). One instance is
 * started at most once; start a new instance on the same directory to restart.
 *
 * <p>Threading: {@code start} and {@code close} are meant for one owning thread; the accessors are
 * safe from any thread once started. Cost: about 2 s to start, 0.5 s to restart on a formatted
 * directory; a few hundred MB of heap under test load.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final int NODE_ID = 1;

  private final Path dataDir;
  private final boolean ownsDataDir;
  private final int port;
  private final int controllerPort;
  private final Map<String, String> overrides;
  private final Duration startTimeout;
  private KafkaRaftServer server;
  private boolean closed;

  private EmbeddedKafkaBroker(Builder builder) {
    try {
      if (builder.dataDir == null) {
        this.dataDir = Files.createTempDirectory("modelport-kafka-");
        this.ownsDataDir = true;
      } else {
        this.dataDir = Files.createDirectories(builder.dataDir);
        this.ownsDataDir = false;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the Kafka data directory", e);
    }
    this.port = builder.port == 0 ? freePort() : builder.port;
    this.controllerPort = builder.controllerPort == 0 ? freePort() : builder.controllerPort;
    this.overrides = Map.copyOf(builder.overrides);
    this.startTimeout = builder.startTimeout;
  }

  /** A builder with a temporary data directory and free ports. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Formats the data directory if needed, starts the broker and waits until it serves metadata.
   *
   * @return this broker, started
   * @throws IllegalStateException if it was started before or did not become ready in time
   */
  public synchronized EmbeddedKafkaBroker start() {
    if (server != null || closed) {
      throw new IllegalStateException(
          "an EmbeddedKafkaBroker starts once; create a new one to restart");
    }
    Properties props = serverProperties();
    KafkaConfig config = KafkaConfig.fromProps(props, false);
    formatIfNeeded();
    long begin = System.nanoTime();
    server = new KafkaRaftServer(config, Time.SYSTEM);
    server.startup();
    awaitReady();
    LOG.info(
        "Kafka broker ready at {} (data directory {}) in {} ms",
        bootstrapServers(),
        dataDir,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
    return this;
  }

  /** The {@code bootstrap.servers} value for clients, e.g. {@code 127.0.0.1:39092}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** The client port of the broker. */
  public int port() {
    return port;
  }

  /** The directory that holds the broker's logs and metadata. */
  public Path dataDirectory() {
    return dataDir;
  }

  /**
   * Creates topics that do not exist yet (existing ones are left as they are).
   *
   * @param partitions partitions of each new topic
   * @param names topic names
   */
  public void createTopics(int partitions, String... names) {
    List<NewTopic> topics = new ArrayList<>();
    for (String name : names) {
      topics.add(new NewTopic(name, partitions, (short) 1));
    }
    try (Admin admin = admin()) {
      for (var entry : admin.createTopics(topics).values().entrySet()) {
        try {
          entry.getValue().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create topic " + entry.getKey(), e.getCause());
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("topic creation did not finish within 30 s", e);
    }
  }

  /** Names of the topics that exist, internal topics left out. */
  public Set<String> topicNames() {
    try (Admin admin = admin()) {
      return admin.listTopics().names().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while listing topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot list topics", e);
    }
  }

  /** Shuts the broker down and waits for it; deletes the data directory if it was temporary. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
      LOG.info("Kafka broker at {} stopped", bootstrapServers());
    }
    if (ownsDataDir) {
      DirectoryDeleter.deleteRecursively(dataDir);
    }
  }

  private Properties serverProperties() {
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", String.valueOf(NODE_ID));
    props.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
    props.put("controller.listener.names", CONTROLLER_LISTENER);
    props.put(
        "listeners",
        "PLAINTEXT://127.0.0.1:"
            + port
            + ","
            + CONTROLLER_LISTENER
            + "://127.0.0.1:"
            + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    props.put(
        "listener.security.protocol.map",
        "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("log.dirs", logDir().toString());
    props.put("metadata.log.dir", metadataDir().toString());
    // One broker: internal topics must have replication factor 1, or consumers silently get
    // nothing.
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("num.partitions", "1");
    props.put("auto.create.topics.enable", "true");
    props.put("log.flush.interval.messages", "1");
    props.put("log.cleaner.enable", "false");
    props.put("num.network.threads", "2");
    props.put("num.io.threads", "2");
    props.put("background.threads", "2");
    props.putAll(overrides);
    return props;
  }

  private void formatIfNeeded() {
    if (Files.exists(metadataDir().resolve("meta.properties"))) {
      LOG.debug("Kafka data directory {} is formatted; reusing it", dataDir);
      return;
    }
    Formatter formatter =
        new Formatter()
            .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
            .setNodeId(NODE_ID)
            .setClusterId(Uuid.randomUuid().toString())
            .setDirectories(List.of(logDir().toString(), metadataDir().toString()))
            .setMetadataLogDirectory(metadataDir().toString())
            .setControllerListenerName(CONTROLLER_LISTENER)
            .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
            .setIgnoreFormatted(true);
    try {
      formatter.run();
    } catch (Exception e) {
      throw new IllegalStateException("cannot format the Kafka data directory " + dataDir, e);
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + startTimeout.toNanos();
    Exception last = null;
    try (Admin admin = admin()) {
      while (System.nanoTime() < deadline) {
        try {
          Collection<?> nodes = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
          if (!nodes.isEmpty()) {
            return;
          }
        } catch (ExecutionException | TimeoutException e) {
          last = e;
        }
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
    }
    close();
    throw new IllegalStateException(
        "Kafka broker at " + bootstrapServers() + " was not ready within " + startTimeout, last);
  }

  private Admin admin() {
    Map<String, Object> config = new HashMap<>();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
    return Admin.create(config);
  }

  private Path logDir() {
    return dataDir.resolve("logs");
  }

  private Path metadataDir() {
    return dataDir.resolve("metadata");
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on the loopback interface", e);
    }
  }

  /** Settings of an {@link EmbeddedKafkaBroker}; every setting has a default. */
  public static final class Builder {
    private Path dataDir;
    private int port;
    private int controllerPort;
    private final Map<String, String> overrides = new HashMap<>();
    private Duration startTimeout = Duration.ofSeconds(60);

    private Builder() {}

    /** Data directory; reused when it is already formatted. Default: a new temporary one. */
    public Builder dataDirectory(Path dir) {
      this.dataDir = dir;
      return this;
    }

    /** Client port on 127.0.0.1; 0 (the default) picks a free one. */
    public Builder port(int port) {
      this.port = checkPort(port);
      return this;
    }

    /** Controller (KRaft quorum) port on 127.0.0.1; 0 (the default) picks a free one. */
    public Builder controllerPort(int port) {
      this.controllerPort = checkPort(port);
      return this;
    }

    /** A broker property that replaces the embedded default, e.g. {@code num.partitions}. */
    public Builder brokerProperty(String key, String value) {
      overrides.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
      return this;
    }

    /** How long {@code start()} waits for the broker to serve metadata. Default 60 s. */
    public Builder startTimeout(Duration timeout) {
      this.startTimeout = Objects.requireNonNull(timeout);
      return this;
    }

    public EmbeddedKafkaBroker build() {
      return new EmbeddedKafkaBroker(this);
    }

    private static int checkPort(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0 (free) or 1..65535, got " + port);
      }
      return port;
    }
  }
}
