package dev.modelport.drift.actions;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a Job template (YAML of a {@code batch/v1} Job, or the built-in one running {@code image})
 * into the Job of one drift episode: a unique name, labels naming the model version, the creation
 * time as an annotation (for the cooldown) and, in every container, the environment {@code
 * MODELPORT_MODEL}, {@code MODELPORT_VERSION}, {@code MODELPORT_DRIFT_REPORT_URL}, {@code
 * MODELPORT_DRIFTED_FEATURES} and {@code MODELPORT_DRIFT_SHARE}. Thread-safe.
 */
public final class JobTemplate {

  public static final String LABEL_MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGED_BY = "modelport-drift-monitor";
  public static final String LABEL_MODEL = "modelport.dev/model";
  public static final String LABEL_VERSION = "modelport.dev/version";
  public static final String ANNOTATION_CREATED_AT = "modelport.dev/created-at";

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final String yaml;

  private JobTemplate(String yaml) {
    this.yaml = yaml;
  }

  /** A template from YAML; checked now so that a bad template fails at startup. */
  public static JobTemplate of(String yaml) {
    Job job = SERIALIZATION.unmarshal(yaml, Job.class);
    if (job == null
        || job.getSpec() == null
        || job.getSpec().getTemplate() == null
        || job.getSpec().getTemplate().getSpec() == null
        || job.getSpec().getTemplate().getSpec().getContainers() == null
        || job.getSpec().getTemplate().getSpec().getContainers().isEmpty()) {
      throw new IllegalArgumentException(
          "the retraining Job template needs spec.template.spec.containers");
    }
    return new JobTemplate(yaml);
  }

  /** The built-in template: one container running {@code image}, never restarted, kept a day. */
  public static JobTemplate builtIn(String image) {
    Job job =
        new JobBuilder()
            .withNewMetadata()
            .withName("retrain")
            .endMetadata()
            .withNewSpec()
            .withBackoffLimit(1)
            .withTtlSecondsAfterFinished(86_400)
            .withNewTemplate()
            .withNewSpec()
            .withRestartPolicy("Never")
            .addNewContainer()
            .withName("retrain")
            .withImage(image)
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    return new JobTemplate(SERIALIZATION.asYaml(job));
  }

  /** The Job for an episode (a new object each call). */
  public Job render(DriftEpisode episode, Instant now) {
    Job job = SERIALIZATION.unmarshal(yaml, Job.class);
    String model = episode.report().key().model();
    String version = episode.report().key().version();
    job.getMetadata().setName(jobName(model, version, now));
    job.getMetadata().setGenerateName(null);
    Map<String, String> labels =
        new LinkedHashMap<>(
            job.getMetadata().getLabels() == null ? Map.of() : job.getMetadata().getLabels());
    labels.put(LABEL_MANAGED_BY, MANAGED_BY);
    labels.put(LABEL_MODEL, labelValue(model));
    labels.put(LABEL_VERSION, version);
    job.getMetadata().setLabels(labels);
    Map<String, String> annotations =
        new LinkedHashMap<>(
            job.getMetadata().getAnnotations() == null
                ? Map.of()
                : job.getMetadata().getAnnotations());
    annotations.put(ANNOTATION_CREATED_AT, now.toString());
    annotations.put("modelport.dev/model-name", model);
    job.getMetadata().setAnnotations(annotations);
    List<EnvVar> env =
        List.of(
            new EnvVar("MODELPORT_MODEL", model, null),
            new EnvVar("MODELPORT_VERSION", version, null),
            new EnvVar("MODELPORT_DRIFT_REPORT_URL", episode.reportUrl(), null),
            new EnvVar(
                "MODELPORT_DRIFTED_FEATURES",
                String.join(",", episode.report().driftedFeatures()),
                null),
            new EnvVar(
                "MODELPORT_DRIFT_SHARE", String.valueOf(episode.report().result().share()), null));
    for (Container c : job.getSpec().getTemplate().getSpec().getContainers()) {
      List<EnvVar> merged = new ArrayList<>(c.getEnv() == null ? List.of() : c.getEnv());
      merged.removeIf(e -> env.stream().anyMatch(x -> x.getName().equals(e.getName())));
      merged.addAll(env);
      c.setEnv(merged);
    }
    return job;
  }

  /** YAML of a Job, for the log. */
  public static String toYaml(Job job) {
    return SERIALIZATION.asYaml(job);
  }

  static String jobName(String model, String version, Instant now) {
    String suffix = "-v" + version + "-" + Long.toString(now.getEpochSecond(), 36);
    String base = "retrain-" + model.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    base = base.substring(0, Math.min(base.length(), 63 - suffix.length())).replaceAll("-+$", "");
    return base + suffix;
  }

  /** A valid label value: at most 63 of [A-Za-z0-9-_.], starting and ending alphanumeric. */
  static String labelValue(String value) {
    String v = value.replaceAll("[^A-Za-z0-9._-]", "-");
    v = v.substring(0, Math.min(63, v.length()));
    return v.replaceAll("^[^A-Za-z0-9]+", "").replaceAll("[^A-Za-z0-9]+$", "");
  }
}
