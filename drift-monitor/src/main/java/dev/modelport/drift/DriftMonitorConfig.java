package dev.modelport.drift;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Every setting of the drift-monitor, under {@code modelport.drift}. Each key is documented in the
 * README's configuration reference with its default. Immutable; read once at startup.
 */
@ConfigMapping(prefix = "modelport.drift")
public interface DriftMonitorConfig {

  /** Kafka consumption. */
  Consumer consumer();

  /** Default window closing rules (per-model overrides under {@code models}). */
  Window window();

  /**
   * Share of evaluated features that must drift for a window's data set to drift (Evidently: 0.5).
   */
  @WithDefault("0.5")
  double datasetDriftShare();

  /** Per-model overrides, keyed by registered model name. */
  Map<String, ModelSettings> models();

  /** Closed windows kept per model version for the API and the report page. */
  @WithDefault("20")
  int historySize();

  /** Base URL under which this service's report pages are reachable (used in alerts and Jobs). */
  @WithDefault("http://localhost:8092")
  String reportBaseUrl();

  /** Where signatures and baselines come from. */
  Registry registry();

  /** What happens when a model version keeps drifting. */
  Actions actions();

  /** The readiness checks ({@code /q/health/ready}). */
  Readiness readiness();

  /** How evaluation spans link to the traces of a window's events. */
  Tracing tracing();

  /** Links of the {@code drift.window.evaluate} span. */
  interface Tracing {
    /**
     * Most span links per window evaluation: the first this many events of the window that carry a
     * valid sampled {@code traceparent} are linked (first come), the rest are only counted.
     */
    @WithDefault("32")
    int maxLinks();
  }

  /** Readiness checks of the broker and the registry. */
  interface Readiness {
    /** Longest wait of each readiness check for the broker or the registry to answer. */
    @WithDefault("2s")
    Duration timeout();
  }

  /** Kafka consumer settings. */
  interface Consumer {
    /** Whether the consumer loop runs (false: API only, e.g. for a read-only replica). */
    @WithDefault("true")
    boolean enabled();

    /** Topic of the inference events. */
    @WithDefault("modelport.inference-events")
    String topic();

    /** Consumer group shared by all replicas. */
    @WithDefault("modelport-drift-monitor")
    String groupId();

    /** Kafka bootstrap servers. */
    @WithDefault("${kafka.bootstrap.servers:localhost:9092}")
    String bootstrapServers();

    /** Where a group without committed offsets starts: earliest or latest. */
    @WithDefault("earliest")
    String autoOffsetReset();

    /** Longest wait of one poll. */
    @WithDefault("200ms")
    Duration pollTimeout();

    /** Records returned by one poll at most. */
    @WithDefault("1000")
    int maxPollRecords();

    /**
     * Pause before the first retry of an event whose baseline could not be fetched (registry down,
     * 5xx or 429); it doubles with each further failure up to {@link #retryBackoffMax()}.
     */
    @WithDefault("2s")
    Duration retryBackoff();

    /** Longest pause between retries of an event whose baseline could not be fetched. */
    @WithDefault("30s")
    Duration retryBackoffMax();

    /**
     * Longest time that stopping takes for the final offset commit and closing the consumer
     * together, whatever the broker's state (what cannot be committed in time is read again).
     */
    @WithDefault("5s")
    Duration closeTimeout();

    /** Further Kafka consumer properties, passed as they are (e.g. security settings). */
    @WithName("kafka")
    Map<String, String> kafkaProperties();
  }

  /** How a window closes. */
  interface Window {
    /** A window closes once it holds at least this many rows. */
    @WithDefault("10000")
    int maxRows();

    /**
     * A window closes once this much time has passed since its first event, by event time (the next
     * event's timestamp) or by the wall clock of this process, whichever comes first.
     */
    @WithDefault("5m")
    Duration maxDuration();
  }

  /** Overrides for one model. */
  interface ModelSettings {
    /**
     * Window closing rules of this model; absent keys fall back to {@code modelport.drift.window}.
     */
    WindowOverride window();

    /** Share of drifted features for dataset drift of this model. */
    OptionalDouble datasetDriftShare();

    /** Method and threshold per feature of this model (Evidently's method names, e.g. KS, PSI). */
    Map<String, FeatureSettings> features();
  }

  /** Partial window settings of one model. */
  interface WindowOverride {
    /** Rows per window of this model. */
    OptionalInt maxRows();

    /** Longest window of this model. */
    Optional<Duration> maxDuration();
  }

  /** Drift decision of one feature. */
  interface FeatureSettings {
    /**
     * Method name (KS, PSI, WASSERSTEIN, WASSERSTEIN_NORMED, JENSEN_SHANNON, CHI_SQUARE, Z_TEST).
     */
    Optional<String> method();

    /** Threshold of that method (a p-value level for tests, a distance otherwise). */
    OptionalDouble threshold();
  }

  /** Registry access. */
  interface Registry {
    /** Base URL of the registry service. */
    @WithDefault("http://localhost:8090")
    String url();

    /** API key, when the registry refuses anonymous reads. */
    Optional<String> apiKey();

    /** Whether to follow the registry's change feed to refresh cached signatures and baselines. */
    @WithDefault("true")
    boolean followChanges();

    /** How long a "no such version" or "no baseline" answer is cached before asking again. */
    @WithDefault("1m")
    Duration negativeCacheTtl();

    /** Timeout of one registry request. */
    @WithDefault("10s")
    Duration requestTimeout();
  }

  /** Alerts and retraining. */
  interface Actions {
    /** Consecutive windows with dataset drift that start a drift episode (and its actions). */
    @WithDefault("3")
    int consecutiveWindows();

    /**
     * Alertmanager endpoint receiving the alert (e.g. http://alertmanager:9093/api/v2/alerts);
     * none: no alert.
     */
    Optional<String> alertmanagerUrl();

    /** Retraining Jobs. */
    Retraining retraining();
  }

  /** Retraining Job settings. */
  interface Retraining {
    /** Whether a drift episode creates a retraining Job. */
    @WithDefault("false")
    boolean enabled();

    /**
     * {@code cluster}: create the Job through the Kubernetes API; {@code log}: only log the Job it
     * would create; {@code auto}: cluster when running in a pod (service account mounted) or when
     * {@code quarkus.kubernetes-client.api-server-url} is set, else log.
     */
    @WithDefault("auto")
    String mode();

    /** Namespace of the Jobs; default: the client's namespace. */
    Optional<String> namespace();

    /** The Job template as YAML (batch/v1 Job); wins over the ConfigMap. */
    Optional<String> template();

    /** ConfigMap holding the Job template (in the Job namespace). */
    Optional<String> templateConfigMap();

    /** Key of the template in that ConfigMap. */
    @WithDefault("job.yaml")
    String templateKey();

    /**
     * Image of the built-in template, used when neither a template nor a ConfigMap is configured.
     */
    @WithDefault("ghcr.io/modelport/retrain:latest")
    String image();

    /** At most one Job per model version within this time. */
    @WithDefault("6h")
    Duration cooldown();
  }
}
