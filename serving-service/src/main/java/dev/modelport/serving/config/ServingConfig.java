package dev.modelport.serving.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Configuration of the serving service, prefix {@code modelport.serving} (see the README's
 * configuration reference).
 */
@ConfigMapping(prefix = "modelport.serving")
public interface ServingConfig {

  /** Where models come from: {@code local} (a repository folder) or {@code registry}. */
  @WithDefault("local")
  Source source();

  /** Local model repository folders (comma-separated); the first holding a model name wins. */
  @WithDefault("models")
  List<Path> repository();

  /** Models to load at startup; absent loads every model in the repository, {@code none} none. */
  Optional<List<String>> models();

  /** Service-wide switch for dynamic batching; false serves every request on its own. */
  @WithDefault("true")
  boolean batchingEnabled();

  /** Timeout for requests without a {@code timeout} parameter; 0 means none. */
  @WithDefault("0s")
  Duration defaultTimeout();

  /** How long an unload or shutdown waits for queued and running requests to finish. */
  @WithDefault("30s")
  Duration drainTimeout();

  /**
   * Whether to give the native memory freed by unloaded models back to the operating system (the
   * JVM's {@code System.trim_native_heap}) after each unload or reload.
   */
  @WithDefault("true")
  boolean trimNativeHeap();

  /**
   * The selector of models without a configured deployment (registry source): {@code alias:<name>}
   * or {@code version:<n>}.
   */
  @WithDefault("alias:champion")
  String defaultSelector();

  /**
   * Deployments by model name ({@code modelport.serving.deployments."<model>".*}), registry source.
   */
  Map<String, DeploymentConfig> deployments();

  /** Seed of the canary draw for requests without a routing key; absent: unseeded. */
  OptionalLong canarySeed();

  /** Artifact cache of the registry source (blobs by SHA-256, last resolved deployments). */
  @WithDefault("modelport-data/serving-cache")
  Path cacheDir();

  /** Registry source settings. */
  Registry registry();

  /** Shadow traffic settings. */
  Shadow shadow();

  /** One model's deployment. */
  interface DeploymentConfig {
    /** Primary selector; absent: {@code default-selector}. */
    Optional<String> primary();

    /** Canary selector; absent: no canary. */
    Optional<String> canary();

    /** Percent of requests (without a version) the canary answers, 0..100. */
    @WithDefault("0")
    int canaryWeight();

    /** Shadow selector; absent: no shadow. */
    Optional<String> shadow();
  }

  /** Registry source settings. */
  interface Registry {
    /** Base URL of the registry, e.g. {@code http://localhost:8090}; required for the source. */
    Optional<URI> url();

    /** API key sent to the registry (a reader key is enough); absent: anonymous. */
    Optional<String> apiKey();

    /** How long one long poll of the change feed waits for an event. */
    @WithDefault("30s")
    Duration pollWait();

    /** Interval of the full reconciliation, the safety net beside the change feed. */
    @WithDefault("60s")
    Duration reconcileInterval();
  }

  /** Shadow traffic settings. */
  interface Shadow {
    /** Shadow copies that may wait; beyond it they are dropped (counted). */
    @WithDefault("64")
    int queueSize();
  }

  /** Request limits. */
  Limits limits();

  /** Engine settings. */
  Engine engine();

  /** Admin (model repository extension) settings. */
  Admin admin();

  /** gRPC transport settings beyond Quarkus' {@code quarkus.grpc.server.*}. */
  Grpc grpc();

  /** Inference events to Kafka (on when {@code kafka.bootstrap.servers} is set). */
  Events events();

  /** Inference events: which requests become events and how they reach Kafka. */
  interface Events {
    /** Share of requests published as events, 0.0 to 1.0 (per model: {@code sample-rates}). */
    @WithDefault("1.0")
    double sampleRate();

    /**
     * Per-model sample rates that override {@code sample-rate}, e.g. {@code sample-rates.m=0.1}.
     */
    Map<String, Double> sampleRates();

    /** Seed of the sampling choices, for reproducible tests; absent: random. */
    Optional<Long> sampleSeed();

    /** Kafka topic of the events. */
    @WithDefault("modelport.inference-events")
    String topic();

    /** Most events waiting for Kafka; beyond it events are dropped (reason buffer_full). */
    @WithDefault("10000")
    int bufferEvents();

    /** Most tensor bytes waiting for Kafka; beyond it events are dropped (reason buffer_full). */
    @WithDefault("64M")
    MemorySize bufferBytes();

    /**
     * Largest event; larger ones are dropped (reason too_large). Kafka's default limit is 1 MiB.
     */
    @WithDefault("1000000")
    int maxEventBytes();

    /** How long shutdown waits for buffered events to reach Kafka. */
    @WithDefault("5s")
    Duration closeTimeout();

    /**
     * How often the sender takes the buffered events to Kafka (earlier when the buffer is half
     * full): recording an event wakes no thread, so that the request path pays no wake-up.
     */
    @WithDefault("5ms")
    Duration drainInterval();
  }

  /** gRPC transport settings. */
  interface Grpc {
    /**
     * HTTP/2 flow-control window of the gRPC server in bytes (grpc-netty's default is 1 MiB), so
     * that clients can stream several large tensors at once without stalling on window updates.
     */
    @WithDefault("16777216")
    int flowControlWindow();
  }

  /** Model sources. */
  enum Source {
    local,
    registry
  }

  /** Request limits, sized so that a 1 GiB heap survives a handful of maximal requests. */
  interface Limits {
    /**
     * Largest REST request body. Keep {@code quarkus.http.limits.max-body-size} at least as large
     * (application.properties ties it to this key).
     */
    @WithDefault("72M")
    MemorySize maxBodySize();

    /** Most elements in one tensor (16 Mi: 64 MiB of FP32, e.g. 111 images of 3x224x224). */
    @WithDefault("16777216")
    long maxTensorElements();

    /**
     * How long an HTTP connection may stay without traffic, a request whose body stalls included
     * (application.properties ties {@code quarkus.http.idle-timeout} to this key).
     */
    @WithDefault("60s")
    Duration idleTimeout();

    /**
     * Most concurrent HTTP connections; further ones are closed at once (application.properties
     * ties {@code quarkus.http.limits.max-connections} to this key).
     */
    @WithDefault("10000")
    int maxConnections();
  }

  /**
   * Engine settings; a model's {@code engine} section in model.yaml overrides device and threads.
   */
  interface Engine {
    /**
     * Default device: {@code cpu} or {@code gpu:N} (falls back to cpu, with a warning, without a
     * GPU).
     */
    @WithDefault("cpu")
    String device();

    /** ONNX Runtime settings. */
    Onnx onnx();

    /** PyTorch settings. */
    Pytorch pytorch();

    /** ONNX Runtime settings, per session (model version). */
    interface Onnx {
      /** Intra-op threads per session; 0 lets ONNX Runtime use one per core. */
      @WithDefault("0")
      int intraOpThreads();

      /** Inter-op threads per session; 0 lets ONNX Runtime choose. */
      @WithDefault("1")
      int interOpThreads();

      /**
       * Whether idle intra-op threads spin before sleeping (ONNX Runtime's {@code
       * session.intra_op.allow_spinning}); spinning takes CPU from the transport threads.
       */
      @WithDefault("false")
      boolean allowSpinning();
    }

    /** PyTorch settings; process-wide, fixed when the engine starts. */
    interface Pytorch {
      /** Intra-op threads (empty: PyTorch's default, one per core). */
      Optional<Integer> threads();

      /** Inter-op threads (empty: PyTorch's default). */
      Optional<Integer> interopThreads();
    }
  }

  /** Admin settings. */
  interface Admin {
    /** Serve the repository extension ({@code /v2/repository/...}: index, load, unload). */
    @WithDefault("true")
    boolean repositoryExtension();

    /**
     * API key that load and unload require ({@code Authorization: Bearer <key>} or {@code
     * X-Api-Key}); absent leaves them open, for local use.
     */
    Optional<String> apiKey();
  }
}
