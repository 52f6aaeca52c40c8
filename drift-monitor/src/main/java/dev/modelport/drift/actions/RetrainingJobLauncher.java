package dev.modelport.drift.actions;

import dev.modelport.drift.ModelVersionKey;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Creates the retraining Job of a drift episode through the Kubernetes API, at most one per model
 * version within the cooldown. The cooldown is checked in memory and, in a cluster, against the
 * Jobs already there (label selector and creation-time annotation), so that restarts and replicas
 * respect it too. Outside a cluster it logs the Job it would have created. Blocking; runs on the
 * actions thread. Thread-safe.
 */
public final class RetrainingJobLauncher {

  private static final Logger LOG = Logger.getLogger(RetrainingJobLauncher.class);

  /** What happened to an episode's Job. */
  public enum Result {
    CREATED,
    LOGGED,
    COOLING_DOWN,
    FAILED
  }

  private final Supplier<KubernetesClient> client;
  private final boolean inCluster;
  private final Optional<String> namespace;
  private final Supplier<JobTemplate> template;
  private final Duration cooldown;
  private final Clock clock;
  private final Map<ModelVersionKey, Instant> lastJob = new ConcurrentHashMap<>();

  public RetrainingJobLauncher(
      Supplier<KubernetesClient> client,
      boolean inCluster,
      Optional<String> namespace,
      Supplier<JobTemplate> template,
      Duration cooldown,
      Clock clock) {
    this.client = client;
    this.inCluster = inCluster;
    this.namespace = namespace;
    this.template = template;
    this.cooldown = cooldown;
    this.clock = clock;
  }

  public Result launch(DriftEpisode episode) {
    ModelVersionKey key = episode.report().key();
    Instant now = clock.instant();
    Instant last = lastJob.get(key);
    if (last != null && now.isBefore(last.plus(cooldown))) {
      LOG.infof(
          "No retraining Job for %s: one was created at %s, within the cooldown of %s",
          key, last, cooldown);
      return Result.COOLING_DOWN;
    }
    try {
      Job job = template.get().render(episode, now);
      if (!inCluster) {
        lastJob.put(key, now);
        LOG.infof(
            "Not in a Kubernetes cluster: would have created this retraining Job for %s:%n%s",
            key, JobTemplate.toYaml(job));
        return Result.LOGGED;
      }
      KubernetesClient k8s = client.get();
      String ns =
          namespace.orElseGet(() -> k8s.getNamespace() == null ? "default" : k8s.getNamespace());
      Optional<Instant> existing = latestExistingJob(k8s, ns, key);
      if (existing.isPresent() && now.isBefore(existing.get().plus(cooldown))) {
        lastJob.put(key, existing.get());
        LOG.infof(
            "No retraining Job for %s: the cluster has one from %s, within the cooldown of %s",
            key, existing.get(), cooldown);
        return Result.COOLING_DOWN;
      }
      Job created = k8s.batch().v1().jobs().inNamespace(ns).resource(job).create();
      lastJob.put(key, now);
      LOG.infof("Created retraining Job %s/%s for %s", ns, created.getMetadata().getName(), key);
      return Result.CREATED;
    } catch (RuntimeException e) {
      LOG.errorf("Cannot create the retraining Job for %s: %s", key, e.toString());
      return Result.FAILED;
    }
  }

  private static Optional<Instant> latestExistingJob(
      KubernetesClient k8s, String ns, ModelVersionKey key) {
    return k8s
        .batch()
        .v1()
        .jobs()
        .inNamespace(ns)
        .withLabel(JobTemplate.LABEL_MANAGED_BY, JobTemplate.MANAGED_BY)
        .withLabel(JobTemplate.LABEL_MODEL, JobTemplate.labelValue(key.model()))
        .withLabel(JobTemplate.LABEL_VERSION, key.version())
        .list()
        .getItems()
        .stream()
        .map(
            j ->
                j.getMetadata().getAnnotations() == null
                    ? null
                    : j.getMetadata().getAnnotations().get(JobTemplate.ANNOTATION_CREATED_AT))
        .map(RetrainingJobLauncher::parseInstant)
        .flatMap(Optional::stream)
        .max(Instant::compareTo);
  }

  private static Optional<Instant> parseInstant(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
