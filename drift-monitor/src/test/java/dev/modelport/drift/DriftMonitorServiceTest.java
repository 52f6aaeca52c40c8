package dev.modelport.drift;

import static dev.modelport.drift.support.ExampleModels.BREAST;
import static dev.modelport.drift.support.ExampleModels.CREDIT;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.modelport.drift.support.ExampleModels;
import dev.modelport.drift.support.FakeRegistry;
import dev.modelport.drift.support.FakeRegistryResource;
import dev.modelport.drift.support.InferenceEvents;
import dev.modelport.drift.support.InjectFakeRegistry;
import dev.modelport.drift.support.Producers;
import dev.modelport.drift.support.Producers.Message;
import dev.modelport.kafka.embedded.EmbeddedKafkaBroker;
import dev.modelport.kafka.embedded.EmbeddedKafkaResource;
import dev.modelport.kafka.embedded.InjectEmbeddedKafka;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole service: events produced into the embedded broker, baselines from a registry serving
 * the example models' train.csv profiles, results read through the JSON API, the report page and
 * /q/metrics, retraining Jobs created on the Kubernetes mock API server (CRUD mode), alerts posted
 * to an Alertmanager endpoint.
 */
@QuarkusTest
@TestProfile(DriftMonitorServiceTest.Profile.class)
@WithTestResource(
    value = EmbeddedKafkaResource.class,
    initArgs = {@ResourceArg(name = "topics", value = "modelport.inference-events")})
@WithTestResource(FakeRegistryResource.class)
@WithKubernetesTestServer(crud = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DriftMonitorServiceTest {

  static final Duration TIMEOUT = Duration.ofSeconds(60);
  static final String TOPIC = "modelport.inference-events";

  /** Small windows (one CSV each) and episodes of two windows; Jobs in namespace "ml". */
  public static class Profile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.ofEntries(
          Map.entry("modelport.drift.models.breast-cancer-mlp.window.max-rows", "114"),
          Map.entry("modelport.drift.models.breast-cancer-mlp.dataset-drift-share", "0.15"),
          Map.entry("modelport.drift.models.credit-risk-mixed.window.max-rows", "800"),
          Map.entry("modelport.drift.actions.consecutive-windows", "2"),
          Map.entry("modelport.drift.actions.retraining.enabled", "true"),
          Map.entry("modelport.drift.actions.retraining.mode", "cluster"),
          Map.entry("modelport.drift.actions.retraining.namespace", "ml"),
          Map.entry("modelport.drift.actions.retraining.cooldown", "1h"),
          Map.entry("modelport.drift.consumer.poll-timeout", "100ms"),
          Map.entry("modelport.drift.report-base-url", "http://drift.example"));
    }
  }

  @InjectEmbeddedKafka EmbeddedKafkaBroker broker;

  @InjectFakeRegistry FakeRegistry registry;

  @KubernetesTestServer KubernetesServer kubernetes;

  @Test
  @Order(1)
  void creditEventsOfTwoInputsFlagRegionAndUtilizationInTheApiAndTheMetrics() {
    produce(
        CREDIT,
        InferenceEvents.inChunks(
            true, "1", ExampleModels.rows(CREDIT, "drifted.csv"), 50, 1_000_000));

    awaitWindows(CREDIT, 1);

    given()
        .get("/api/v1/drift/" + CREDIT + "/versions/1")
        .then()
        .statusCode(200)
        .body("latest.rows", equalTo(800))
        .body("latest.outcome", equalTo("no_drift"))
        .body(
            "latest.datasetDrift.driftedFeatures",
            org.hamcrest.Matchers.containsInAnyOrder("region", "utilization"))
        .body("latest.features.find { it.feature == 'region' }.type", equalTo("categorical"))
        .body("latest.features.find { it.feature == 'region' }.drifted", equalTo(true))
        .body("latest.features.find { it.feature == 'income' }.drifted", equalTo(false));
    String metrics = metrics();
    assertThat(sample(metrics, "modelport_drift_detected", CREDIT, "feature=\"region\""))
        .isEqualTo(1.0);
    assertThat(sample(metrics, "modelport_drift_detected", CREDIT, "feature=\"utilization\""))
        .isEqualTo(1.0);
    assertThat(sample(metrics, "modelport_drift_detected", CREDIT, "feature=\"income\""))
        .isEqualTo(0.0);
    assertThat(sample(metrics, "modelport_drift_rows_total", CREDIT, "version=\"1\""))
        .isEqualTo(800.0);
    assertThat(sample(metrics, "modelport_drift_dataset_share", CREDIT, "version=\"1\""))
        .isEqualTo(2.0 / 6);
  }

  @Test
  @Order(2)
  void aDriftEpisodeCreatesOneRetrainingJobAndAlertAndNoneDuringTheCooldown() {
    double[][] drifted = ExampleModels.rows(BREAST, "drifted.csv");
    double[][] test = ExampleModels.rows(BREAST, "test.csv");

    produceWindows(drifted, 2);
    awaitAction("retraining_job", "created", 1);
    List<Job> jobs = jobs();
    assertThat(jobs).hasSize(1);
    Map<String, String> env = env(jobs.get(0));
    assertThat(env)
        .containsEntry("MODELPORT_MODEL", BREAST)
        .containsEntry("MODELPORT_VERSION", "1")
        .containsEntry(
            "MODELPORT_DRIFT_REPORT_URL", "http://drift.example/drift/" + BREAST + "/versions/1");
    assertThat(env.get("MODELPORT_DRIFTED_FEATURES").split(","))
        .containsExactlyInAnyOrderElementsOf(ExampleModels.BREAST_DRIFTED);
    assertThat(registry.alerts()).hasSize(1);
    assertThat(registry.alerts().get(0))
        .contains(
            "\"alertname\":\"ModelportDatasetDrift\"",
            "\"model\":\"" + BREAST + "\"",
            "\"generatorURL\":\"http://drift.example/drift/" + BREAST + "/versions/1\"",
            "\"startsAt\"");

    produceWindows(drifted, 1); // the same episode goes on: nothing new
    produceWindows(test, 1); // the episode ends
    produceWindows(drifted, 2); // a new episode, within the cooldown
    awaitWindows(BREAST, 6);
    awaitAction("retraining_job", "cooling_down", 1);
    assertThat(jobs()).hasSize(1);
    assertThat(registry.alerts()).hasSize(2);
  }

  @Test
  @Order(3)
  void theJsonApiGivesEachFeaturesStatisticPValueThresholdAndVerdict() {
    given()
        .get("/api/v1/drift/" + BREAST + "/versions/1")
        .then()
        .statusCode(200)
        .body("latest.outcome", equalTo("drift"))
        .body(
            "latest.datasetDrift.driftedFeatures",
            org.hamcrest.Matchers.containsInAnyOrder(ExampleModels.BREAST_DRIFTED.toArray()))
        .body("latest.features.find { it.feature == 'mean_radius' }.method", equalTo("ks"))
        .body(
            "latest.features.find { it.feature == 'mean_radius' }.pValue",
            org.hamcrest.Matchers.lessThan(0.05f))
        .body("latest.features.find { it.feature == 'mean_radius' }.threshold", equalTo(0.05f))
        .body("latest.features.find { it.feature == 'mean_texture' }.drifted", equalTo(false))
        .body("recent.size()", equalTo(6))
        .body(
            "recent.outcome",
            org.hamcrest.Matchers.contains(
                "drift", "drift", "no_drift", "drift", "drift", "drift"));
    given()
        .get("/api/v1/drift/" + BREAST)
        .then()
        .statusCode(200)
        .body("versions.version", org.hamcrest.Matchers.contains("1"));
    given()
        .get("/api/v1/drift/no-such-model")
        .then()
        .statusCode(404)
        .body("error", org.hamcrest.Matchers.notNullValue());
    given().get("/api/v1/drift/" + BREAST + "/versions/x").then().statusCode(400);
  }

  @Test
  @Order(4)
  void theReportPageShowsOneHistogramPerFeatureWithTheDriftedFeaturesFirst() {
    String html =
        given()
            .get("/drift/" + BREAST + "/versions/1")
            .then()
            .statusCode(200)
            .contentType(org.hamcrest.Matchers.containsString("text/html"))
            .extract()
            .asString();

    assertThat(count(html, "<svg class=\"histogram\"")).isEqualTo(30);
    assertThat(html).doesNotContain("<script");
    Matcher figures = Pattern.compile("<figcaption[^>]*>([^<]+)</figcaption>").matcher(html);
    List<String> captions = new ArrayList<>();
    while (figures.find()) {
      captions.add(figures.group(1));
    }
    assertThat(captions.subList(0, 5)).allMatch(c -> c.endsWith("(drifted)"));
    assertThat(captions.subList(5, 30)).noneMatch(c -> c.endsWith("(drifted)"));
    // each feature's score over the 6 recent windows: one trend with one point per window
    Matcher trends =
        Pattern.compile("<svg class=\"trend\" data-feature=\"([^\"]+)\".*?</svg>").matcher(html);
    List<String> trendFeatures = new ArrayList<>();
    while (trends.find()) {
      trendFeatures.add(trends.group(1));
      assertThat(count(trends.group(), "<circle")).as(trends.group(1)).isEqualTo(6);
    }
    assertThat(trendFeatures).hasSize(30).contains("mean_radius", "worst_symmetry");
    assertThat(html).contains("No window is open");
    given().get("/drift/" + BREAST + "/versions/9").then().statusCode(404);
  }

  @Test
  @Order(5)
  void badEventsAreCountedAndEveryMetricOfTheDesignIsExported() {
    produce(List.of(new Message(BREAST, new byte[] {1, 2, 3, (byte) 0xff})));
    await("the bad event counted")
        .atMost(TIMEOUT)
        .until(
            () -> metrics().contains("modelport_drift_bad_events_total{reason=\"undecodable\"}"));

    String metrics = metrics();
    for (String name :
        List.of(
            "modelport_drift_score{",
            "modelport_drift_p_value{",
            "modelport_drift_detected{",
            "modelport_drift_dataset_share{",
            "modelport_drift_rows_total{",
            "modelport_drift_windows_total{",
            "modelport_drift_bad_events_total{",
            "modelport_drift_consumer_lag{")) {
      assertThat(metrics).contains(name);
    }
    assertThat(sample(metrics, "modelport_drift_windows_total", BREAST, "outcome=\"drift\""))
        .isEqualTo(5.0);
    given()
        .get("/q/health/live")
        .then()
        .statusCode(200)
        .body("checks.find { it.name == 'drift-consumer' }.status", equalTo("UP"));
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("checks.find { it.name == 'kafka-broker' }.status", equalTo("UP"))
        .body("checks.find { it.name == 'registry' }.status", equalTo("UP"));
    assertThat(
            sample(metrics, "modelport_drift_score", BREAST, "feature=\"mean_area\",method=\"ks\""))
        .isGreaterThan(0.2);
  }

  @Test
  @Order(6)
  void theApiAndTheReportPageShowTheOpenWindowBeforeItCloses() {
    double[][] test = ExampleModels.rows(BREAST, "test.csv");
    long now = System.currentTimeMillis() * 1000L;
    produce(
        BREAST,
        List.of(
            InferenceEvents.breast("1", test, 0, 19, now),
            InferenceEvents.breast("1", test, 19, 38, now + 1000)));

    await("the open window in the API")
        .atMost(TIMEOUT)
        .until(
            () ->
                given()
                        .get("/api/v1/drift/" + BREAST + "/versions/1")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("openWindows.rows")
                        .size()
                    == 1);
    given()
        .get("/api/v1/drift/" + BREAST + "/versions/1")
        .then()
        .statusCode(200)
        .body("openWindows[0].rows", equalTo(38))
        .body("openWindows[0].events", equalTo(2))
        .body("openWindows[0].maxRows", equalTo(114))
        .body("openWindows[0].partition", equalTo(0))
        .body("openWindows[0].openedAt", org.hamcrest.Matchers.notNullValue())
        .body("openWindows[0].closesBy", org.hamcrest.Matchers.notNullValue());
    var view = given().get("/api/v1/drift/" + BREAST + "/versions/1").jsonPath();
    assertThat(
            java.time.Duration.between(
                java.time.Instant.parse(view.getString("openWindows[0].openedAt")),
                java.time.Instant.parse(view.getString("openWindows[0].closesBy"))))
        .isEqualTo(Duration.ofMinutes(5));
    String html = given().get("/drift/" + BREAST + "/versions/1").then().extract().asString();
    assertThat(html).contains("Open window (partition 0): 38 of 114 rows in 2 events");
  }

  @Test
  @Order(7)
  void outputsAreSummarisedWithoutBaselineColumnsAndComparedApartFromTheFeaturesWithThem() {
    double[][] test = ExampleModels.rows(BREAST, "test.csv");
    float[][] probabilities = ExampleModels.breastTestProbabilities();
    long now = System.currentTimeMillis() * 1000L;
    // version 1 (no output columns in its baseline): the open window's other 76 rows, with outputs
    produce(
        BREAST,
        List.of(
            InferenceEvents.withProbabilities(
                InferenceEvents.breast("1", test, 38, 114, now + 2000),
                probabilities,
                38,
                114,
                false)));
    // version 2: a baseline with probabilities_0 and probabilities_1; its outputs swapped
    registry.register(
        BREAST,
        2,
        ExampleModels.breastSignature(),
        dev.modelport.featurestats.profile.ProfileJson.toJson(
            ExampleModels.breastBaselineWithOutputs()));
    List<dev.modelport.protocol.event.InferenceEvent> swapped = new ArrayList<>();
    for (int from = 0; from < test.length; from += 38) {
      swapped.add(
          InferenceEvents.withProbabilities(
              InferenceEvents.breast("2", test, from, from + 38, now + from),
              probabilities,
              from,
              from + 38,
              true));
    }
    produce(BREAST, swapped);
    awaitWindows(BREAST, 7);
    await("a window of version 2")
        .atMost(TIMEOUT)
        .until(() -> given().get("/api/v1/drift/" + BREAST + "/versions/2").statusCode() == 200);

    given()
        .get("/api/v1/drift/" + BREAST + "/versions/1")
        .then()
        .statusCode(200)
        .body("openWindows.size()", equalTo(0))
        .body("latest.rows", equalTo(114))
        .body("latest.predictionDrift.evaluatedColumns", equalTo(0))
        .body(
            "latest.predictionDrift.columns.column",
            org.hamcrest.Matchers.contains("probabilities_0", "probabilities_1"))
        .body("latest.predictionDrift.columns[1].inBaseline", equalTo(false))
        .body("latest.predictionDrift.columns[1].live.count", equalTo(76))
        .body(
            "latest.predictionDrift.columns[1].live.quantiles.p50",
            org.hamcrest.Matchers.notNullValue());
    given()
        .get("/api/v1/drift/" + BREAST + "/versions/2")
        .then()
        .statusCode(200)
        .body("latest.outcome", equalTo("no_drift"))
        .body("latest.datasetDrift.evaluatedFeatures", equalTo(30))
        .body("latest.datasetDrift.driftedFeatures", org.hamcrest.Matchers.empty())
        .body("latest.features.size()", equalTo(30))
        .body("latest.predictionDrift.evaluatedColumns", equalTo(2))
        .body(
            "latest.predictionDrift.driftedColumns",
            org.hamcrest.Matchers.contains("probabilities_0", "probabilities_1"))
        .body("latest.predictionDrift.columns[0].drift.method", equalTo("ks"))
        .body("latest.predictionDrift.columns[0].drift.drifted", equalTo(true));
    String html = given().get("/drift/" + BREAST + "/versions/2").then().extract().asString();
    assertThat(html).contains("Prediction drift (outputs)", "probabilities_0 (drifted)");
  }

  @Test
  @Order(8)
  void beforeItsFirstWindowAVersionsReportPageShowsTheOpenWindowsRowsAndWhenItCloses() {
    registry.register(
        BREAST,
        3,
        ExampleModels.breastSignature(),
        dev.modelport.featurestats.profile.ProfileJson.toJson(
            ExampleModels.breastBaselineWithOutputs()));
    double[][] test = ExampleModels.rows(BREAST, "test.csv");
    produce(
        BREAST,
        List.of(InferenceEvents.breast("3", test, 0, 19, System.currentTimeMillis() * 1000L)));

    await("the open window of version 3 on its report page")
        .atMost(TIMEOUT)
        .until(() -> given().get("/drift/" + BREAST + "/versions/3").statusCode() == 200);
    String html =
        given()
            .get("/drift/" + BREAST + "/versions/3")
            .then()
            .contentType(containsString("text/html"))
            .extract()
            .asString();
    assertThat(html)
        .contains("Drift report: breast-cancer-mlp version 3")
        .contains("No window of this version has been evaluated yet")
        .contains("Open window (partition 0): 19 of 114 rows in 1 events")
        .containsPattern("closes by 20[0-9-]+T[0-9:.]+Z at the latest");
    // still no evaluated window: the JSON API keeps its 404
    given().get("/api/v1/drift/" + BREAST + "/versions/3").then().statusCode(404);
  }

  @Test
  @Order(9)
  void theRootPageListsTheEndpointsAndTheReportPageOfEveryVersion() {
    String html =
        given()
            .get("/")
            .then()
            .statusCode(200)
            .contentType(containsString("text/html"))
            .extract()
            .asString();
    assertThat(html)
        .contains("<title>Modelport drift-monitor</title>")
        .contains("<a href=\"/drift/breast-cancer-mlp/versions/1\">")
        .contains("<a href=\"/drift/breast-cancer-mlp/versions/2\">")
        // version 3 has only an open window so far
        .contains("<a href=\"/drift/breast-cancer-mlp/versions/3\">")
        .contains("<a href=\"/drift/credit-risk-mixed/versions/1\">")
        .contains("/api/v1/drift/{model}/versions/{version}")
        .contains("<a href=\"/q/metrics\">")
        .contains("<a href=\"/q/health/ready\">");
  }

  private void produceWindows(double[][] rows, int windows) {
    List<dev.modelport.protocol.event.InferenceEvent> events = new ArrayList<>();
    for (int i = 0; i < windows; i++) {
      events.addAll(InferenceEvents.inChunks(false, "1", rows, 19, 1_000_000));
    }
    produce(BREAST, events);
  }

  private void produce(String model, List<dev.modelport.protocol.event.InferenceEvent> events) {
    produce(events.stream().map(e -> new Message(model, e.toByteArray())).toList());
  }

  private void produce(List<Message> messages) {
    Producers.send(broker.bootstrapServers(), TOPIC, messages);
  }

  private static void awaitWindows(String model, int count) {
    await(count + " windows of " + model)
        .atMost(TIMEOUT)
        .until(
            () -> {
              var response = given().get("/api/v1/drift/" + model).then().extract();
              return response.statusCode() == 200
                  && response.jsonPath().getList("versions[0].recent").size() >= count;
            });
  }

  private static void awaitAction(String action, String result, int count) {
    await(count + " " + action + " " + result)
        .atMost(TIMEOUT)
        .until(
            () -> {
              Double v =
                  sampleOrNull(
                      metrics(),
                      "modelport_drift_actions_total",
                      "action=\"" + action + "\"",
                      "result=\"" + result + "\"");
              return v != null && v >= count;
            });
  }

  private List<Job> jobs() {
    return kubernetes.getClient().batch().v1().jobs().inNamespace("ml").list().getItems();
  }

  private static Map<String, String> env(Job job) {
    Map<String, String> env = new java.util.HashMap<>();
    for (EnvVar e : job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
      env.put(e.getName(), e.getValue());
    }
    return env;
  }

  private static String metrics() {
    return given().get("/q/metrics").then().statusCode(200).extract().asString();
  }

  private static double sample(String metrics, String name, String model, String... labels) {
    String[] all = new String[labels.length + 1];
    all[0] = "model=\"" + model + "\"";
    System.arraycopy(labels, 0, all, 1, labels.length);
    Double v = sampleOrNull(metrics, name, all);
    assertThat(v).as(name + " with " + String.join(",", all)).isNotNull();
    return v;
  }

  private static Double sampleOrNull(String metrics, String name, String... labels) {
    for (String line : metrics.split("\n")) {
      if (!line.startsWith(name + "{")) {
        continue;
      }
      boolean all = true;
      for (String l : labels) {
        all &= line.contains(l);
      }
      if (all) {
        // a counter increased inside a traced evaluation carries an exemplar: "value # {...} 1.0
        // ts"
        int exemplar = line.indexOf(" # ");
        String sample = exemplar < 0 ? line : line.substring(0, exemplar);
        return Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1));
      }
    }
    return null;
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
