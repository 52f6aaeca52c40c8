package dev.modelport.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DriftApiTest {

  private static JsonNode json(String text) throws Exception {
    return DemoHttp.JSON.readTree(text.replace('\'', '"'));
  }

  @Test
  void publishedEventsAddUpTheModelsSeriesOnly() {
    String metrics =
        "# TYPE modelport_events_published_total counter\n"
            + "modelport_events_published_total{model=\"breast-cancer-mlp\",role=\"primary\"} 12.0\n"
            + "modelport_events_published_total{model=\"breast-cancer-mlp\",role=\"canary\"} 3.0\n"
            + "modelport_events_published_total{model=\"breast-cancer-mlp-2\"} 100.0\n"
            + "modelport_events_dropped_total{model=\"breast-cancer-mlp\"} 7.0\n";

    assertThat(DriftApi.publishedEvents(metrics, "breast-cancer-mlp")).isEqualTo(15.0);
    assertThat(DriftApi.publishedEvents(metrics, "other")).isZero();
  }

  @Test
  void theWindowAfterASequenceIsTheOldestNewerOne() throws Exception {
    JsonNode version = json("{'recent':[{'sequence':7},{'sequence':6},{'sequence':5}]}");

    assertThat(DriftApi.windowAfter(version, 5).orElseThrow().path("sequence").asLong())
        .isEqualTo(6);
    assertThat(DriftApi.windowAfter(version, 7)).isEmpty();
  }

  @Test
  void lastSequenceAndOpenWindowsAreReadPerVersion() throws Exception {
    JsonNode model =
        json(
            "{'versions':["
                + "{'version':'1','recent':[{'sequence':4},{'sequence':3}],'openWindows':["
                + "{'rows':0,'closesBy':'a'},{'rows':5,'closesBy':'2026-12-02T03:00:00Z'}]},"
                + "{'version':'2','recent':[{'sequence':9}],'openWindows':[]}]}");

    assertThat(DriftApi.lastSequence(Optional.of(model), "1")).isEqualTo(4);
    assertThat(DriftApi.lastSequence(Optional.of(model), "3")).isEqualTo(-1);
    assertThat(DriftApi.lastSequence(Optional.empty(), "1")).isEqualTo(-1);
    assertThat(DriftApi.openWindows(model))
        .containsExactly(new DriftApi.OpenWindow("1", 5, "2026-12-02T03:00:00Z"));
  }

  @Test
  void theVerdictTableShowsMethodScorePValueAndVerdictOfBothWindows() throws Exception {
    JsonNode test =
        json(
            "{'rows':114,'features':[{'feature':'mean_radius','status':'evaluated','method':'ks',"
                + "'statistic':0.061,'pValue':0.976,'drifted':false}],"
                + "'datasetDrift':{'share':0.0,'threshold':0.5,'drifted':false,"
                + "'evaluatedFeatures':30,'driftedFeatureCount':0,'driftedFeatures':[]}}");
    JsonNode drifted =
        json(
            "{'rows':114,'features':[{'feature':'mean_radius','status':'evaluated','method':'ks',"
                + "'statistic':0.482,'pValue':0.00000012,'drifted':true}],"
                + "'datasetDrift':{'share':0.1667,'threshold':0.5,'drifted':false,"
                + "'evaluatedFeatures':30,'driftedFeatureCount':5,"
                + "'driftedFeatures':['mean_radius']}}");

    String table = VerdictTable.render(test, drifted);

    assertThat(table)
        .contains("test rows (114)")
        .contains("drifted rows (114)")
        .containsPattern(
            "mean_radius +ks +\\| 0\\.0610 +0\\.9760 +ok +\\| 0\\.4820 +1\\.2e-07 +DRIFT")
        .contains("test rows: 0 of 30 features drifted; data set drift no")
        .contains("drifted rows: 5 of 30 features drifted (mean_radius); data set drift no");
    assertThat(table.lines()).noneMatch(line -> line.endsWith(" "));
  }
}
