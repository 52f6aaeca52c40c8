package dev.modelport.drift.actions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.drift.ModelVersionKey;
import dev.modelport.drift.evaluation.Outcome;
import dev.modelport.drift.evaluation.WindowReport;
import dev.modelport.drift.window.CloseReason;
import dev.modelport.featurestats.drift.DatasetDriftResult;
import dev.modelport.featurestats.drift.DriftMethod;
import dev.modelport.featurestats.drift.FeatureDriftResult;
import dev.modelport.featurestats.drift.FeatureDriftStatus;
import dev.modelport.featurestats.profile.FeatureType;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DriftEpisodesAndJobsTest {

  static final ModelVersionKey KEY = new ModelVersionKey("credit-risk-mixed", "4");
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  @Test
  void anEpisodeStartsOnceWhenTheRunReachesKAndAgainOnlyAfterAWindowWithoutDrift() {
    DriftEpisodes episodes = new DriftEpisodes(2);

    assertThat(
            List.of(
                episodes.record(report(Outcome.DRIFT)),
                episodes.record(report(Outcome.DRIFT)),
                episodes.record(report(Outcome.DRIFT)),
                episodes.record(report(Outcome.NO_DRIFT)),
                episodes.record(report(Outcome.DRIFT)),
                episodes.record(report(Outcome.NO_BASELINE)),
                episodes.record(report(Outcome.DRIFT)),
                episodes.record(report(Outcome.DRIFT))))
        .containsExactly(false, true, false, false, false, false, false, true);
  }

  @Test
  void theJobTemplateGetsANameLabelsAndTheEpisodeInEveryContainersEnvironment() {
    JobTemplate template =
        JobTemplate.of(
            """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: ignored
                  labels: {team: ml}
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                        - name: train
                          image: registry.example/train:1
                          env: [{name: MODELPORT_MODEL, value: stale}, {name: EPOCHS, value: "3"}]
                        - name: sidecar
                          image: busybox
                """);

    Job job = template.render(episode(), NOW);

    assertThat(job.getMetadata().getName())
        .startsWith("retrain-credit-risk-mixed-v4-")
        .hasSizeLessThanOrEqualTo(63);
    assertThat(job.getMetadata().getLabels())
        .containsEntry("team", "ml")
        .containsEntry(JobTemplate.LABEL_MODEL, "credit-risk-mixed")
        .containsEntry(JobTemplate.LABEL_VERSION, "4");
    assertThat(job.getMetadata().getAnnotations())
        .containsEntry(JobTemplate.ANNOTATION_CREATED_AT, NOW.toString());
    for (var c : job.getSpec().getTemplate().getSpec().getContainers()) {
      Map<String, String> env =
          c.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
      assertThat(env)
          .containsEntry("MODELPORT_MODEL", "credit-risk-mixed")
          .containsEntry("MODELPORT_VERSION", "4")
          .containsEntry("MODELPORT_DRIFT_REPORT_URL", "http://drift/report")
          .containsEntry("MODELPORT_DRIFTED_FEATURES", "region");
    }
    assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
        .extracting(EnvVar::getName)
        .containsOnlyOnce("MODELPORT_MODEL")
        .contains("EPOCHS");
  }

  @Test
  void jobNamesAndLabelValuesAreValidKubernetesNamesForAnyModelName() {
    String name =
        JobTemplate.jobName(
            "A_Very.Long/Model Name that goes on and on and on and on forever", "12", NOW);

    assertThat(name)
        .matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")
        .hasSizeLessThanOrEqualTo(63)
        .endsWith("-v12-" + Long.toString(NOW.getEpochSecond(), 36));
    assertThat(JobTemplate.labelValue("_odd/name._")).isEqualTo("odd-name");
  }

  @Test
  void outsideAClusterTheJobIsOnlyLoggedAndTheCooldownStillApplies() {
    Instant[] now = {NOW};
    Clock clock =
        new Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now[0];
          }
        };
    RetrainingJobLauncher launcher =
        new RetrainingJobLauncher(
            () -> {
              throw new AssertionError("no Kubernetes client outside a cluster");
            },
            false,
            java.util.Optional.empty(),
            () -> JobTemplate.builtIn("train:1"),
            Duration.ofHours(1),
            clock);

    assertThat(launcher.launch(episode())).isEqualTo(RetrainingJobLauncher.Result.LOGGED);
    now[0] = NOW.plusSeconds(1800);
    assertThat(launcher.launch(episode())).isEqualTo(RetrainingJobLauncher.Result.COOLING_DOWN);
    now[0] = NOW.plusSeconds(3601);
    assertThat(launcher.launch(episode())).isEqualTo(RetrainingJobLauncher.Result.LOGGED);
  }

  @Test
  void theAlertIsAnAlertmanagerArrayWithLabelsAnnotationsStartAndGenerator() throws Exception {
    JsonNode alerts =
        new ObjectMapper()
            .readTree(
                new AlertmanagerNotifier(URI.create("http://am/api/v2/alerts")).body(episode()));

    assertThat(alerts.isArray()).isTrue();
    JsonNode alert = alerts.get(0);
    assertThat(alert.get("labels").get("alertname").asText()).isEqualTo("ModelportDatasetDrift");
    assertThat(alert.get("labels").get("model").asText()).isEqualTo("credit-risk-mixed");
    assertThat(alert.get("labels").get("version").asText()).isEqualTo("4");
    assertThat(alert.get("annotations").get("drifted_features").asText()).isEqualTo("region");
    assertThat(alert.get("startsAt").asText()).isEqualTo(NOW.toString());
    assertThat(alert.get("generatorURL").asText()).isEqualTo("http://drift/report");
  }

  private static DriftEpisode episode() {
    return new DriftEpisode(report(Outcome.DRIFT), 2, "http://drift/report");
  }

  private static WindowReport report(Outcome outcome) {
    FeatureDriftResult region =
        new FeatureDriftResult(
            "region",
            FeatureType.CATEGORICAL,
            FeatureDriftStatus.EVALUATED,
            DriftMethod.JENSEN_SHANNON,
            0.3,
            null,
            0.1,
            outcome == Outcome.DRIFT,
            null,
            3200,
            800,
            Map.of());
    DatasetDriftResult result =
        outcome == Outcome.NO_BASELINE
            ? null
            : new DatasetDriftResult(
                List.of(region),
                1,
                region.drifted() ? 1 : 0,
                region.drifted() ? 1 : 0,
                0.5,
                outcome == Outcome.DRIFT);
    return new WindowReport(
        KEY,
        1,
        0,
        0,
        9,
        800,
        10,
        NOW,
        NOW,
        NOW,
        CloseReason.ROWS,
        outcome,
        null,
        result,
        List.of());
  }
}
