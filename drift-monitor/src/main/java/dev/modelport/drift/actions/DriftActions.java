package dev.modelport.drift.actions;

import dev.modelport.drift.DriftMonitorConfig;
import dev.modelport.drift.api.ReportLinks;
import dev.modelport.drift.evaluation.WindowReport;
import dev.modelport.drift.evaluation.WindowReportListener;
import dev.modelport.drift.metrics.DriftMetrics;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * What happens when a model version keeps drifting: after {@code consecutive-windows} windows with
 * dataset drift, an Alertmanager alert (when {@code alertmanager-url} is set) and a retraining Job
 * (when {@code retraining.enabled}). Episodes are detected on the consumer thread; the HTTP and
 * Kubernetes calls run on one background thread ({@code drift-actions}) so they never slow the
 * consumer.
 */
@ApplicationScoped
public class DriftActions implements WindowReportListener {

  private static final Logger LOG = Logger.getLogger(DriftActions.class);
  private static final Path SERVICE_ACCOUNT_TOKEN =
      Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

  @Inject DriftMonitorConfig config;
  @Inject Instance<KubernetesClient> kubernetes;
  @Inject DriftMetrics metrics;

  @ConfigProperty(name = "quarkus.kubernetes-client.api-server-url")
  Optional<String> apiServerUrl;

  private DriftEpisodes episodes;
  private AlertmanagerNotifier alerts;
  private RetrainingJobLauncher jobs;
  private ExecutorService executor;

  @PostConstruct
  void init() {
    DriftMonitorConfig.Actions a = config.actions();
    episodes = new DriftEpisodes(a.consecutiveWindows());
    alerts = a.alertmanagerUrl().map(u -> new AlertmanagerNotifier(URI.create(u))).orElse(null);
    if (a.retraining().enabled()) {
      boolean inCluster = inCluster(a.retraining().mode());
      JobTemplate fixed =
          a.retraining()
              .template()
              .map(JobTemplate::of)
              .orElse(
                  a.retraining().templateConfigMap().isPresent()
                      ? null
                      : JobTemplate.builtIn(a.retraining().image()));
      jobs =
          new RetrainingJobLauncher(
              kubernetes::get,
              inCluster,
              a.retraining().namespace(),
              () -> fixed != null ? fixed : templateFromConfigMap(),
              a.retraining().cooldown(),
              Clock.systemUTC());
      LOG.infof(
          "Retraining Jobs enabled (%s) after %d consecutive drifted windows, cooldown %s",
          inCluster ? "created in the cluster" : "logged only, not in a cluster",
          a.consecutiveWindows(),
          a.retraining().cooldown());
    }
    executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "drift-actions");
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public void windowEvaluated(WindowReport report) {
    if (!episodes.record(report) || (alerts == null && jobs == null)) {
      return;
    }
    DriftEpisode episode =
        new DriftEpisode(
            report,
            episodes.consecutiveWindows(),
            ReportLinks.reportUrl(config.reportBaseUrl(), report.key()));
    LOG.warnf(
        "Drift episode on %s: %d consecutive windows with dataset drift (latest: %s)",
        report.key(), episodes.consecutiveWindows(), report.driftedFeatures());
    executor.execute(
        () -> {
          if (alerts != null) {
            metrics.action("alert", alerts.notify(episode) ? "sent" : "failed");
          }
          if (jobs != null) {
            metrics.action(
                "retraining_job", jobs.launch(episode).name().toLowerCase(java.util.Locale.ROOT));
          }
        });
  }

  void onStop(@Observes ShutdownEvent event) {
    executor.shutdown();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean inCluster(String mode) {
    switch (mode.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "cluster":
        return true;
      case "log":
        return false;
      case "auto":
        return Files.exists(SERVICE_ACCOUNT_TOKEN) || apiServerUrl.isPresent();
      default:
        throw new IllegalArgumentException(
            "modelport.drift.actions.retraining.mode must be auto, cluster or log: " + mode);
    }
  }

  private JobTemplate templateFromConfigMap() {
    DriftMonitorConfig.Retraining r = config.actions().retraining();
    String name = r.templateConfigMap().orElseThrow();
    KubernetesClient k8s = kubernetes.get();
    ConfigMap cm =
        r.namespace()
            .map(ns -> k8s.configMaps().inNamespace(ns))
            .orElse(k8s.configMaps())
            .withName(name)
            .get();
    if (cm == null || cm.getData() == null || !cm.getData().containsKey(r.templateKey())) {
      throw new IllegalStateException("ConfigMap " + name + " has no key " + r.templateKey());
    }
    return JobTemplate.of(cm.getData().get(r.templateKey()));
  }
}
