package dev.modelport.deploy.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.deploy.monitoring.MetricQueries.Query;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the dashboards and rules ask for, without running anything (MetricNamesIT runs them). */
class MetricQueriesTest {

  final List<Query> queries = MetricQueries.all();

  @Test
  void everyQueryNamesAMetric() {
    assertThat(queries).hasSizeGreaterThan(30);
    assertThat(queries).allSatisfy(q -> assertThat(q.names()).as(q.source()).isNotEmpty());
  }

  @Test
  void everyDashboardAndTheRulesAreRead() {
    assertThat(queries)
        .extracting(q -> q.source().split(":")[0])
        .contains(
            "dashboards/serving.json",
            "dashboards/drift.json",
            "dashboards/registry.json",
            "alerts/modelport",
            "alerts/modelport-rollouts-and-events",
            "chart");
  }

  @Test
  void pendingNamesAppearOnlyInTheMarkedPendingGroupAndRows() {
    Map<String, Set<String>> usages = MetricQueries.usages(queries);
    for (String pending : PendingMetrics.NAMES.keySet()) {
      assertThat(usages).as("pending %s is used somewhere", pending).containsKey(pending);
      assertThat(usages.get(pending))
          .as("where pending %s is used", pending)
          .allSatisfy(
              source ->
                  assertThat(source)
                      .matches(
                          s -> s.contains("pending-issue") || s.contains("[Pending: issue"),
                          "is marked pending"));
    }
  }

  @Test
  void theMarkedPendingPlacesUseOnlyPendingOrExportedNames() {
    // a pending row must not hide a typo in an enforced name: every name there is pending or also
    // used outside the pending places (where MetricNamesIT enforces it)
    Map<String, Set<String>> usages = MetricQueries.usages(queries);
    usages.forEach(
        (name, sources) -> {
          boolean onlyPending =
              sources.stream()
                  .allMatch(s -> s.contains("pending-issue") || s.contains("[Pending: issue"));
          if (onlyPending) {
            assertThat(PendingMetrics.NAMES)
                .as("%s is used only in pending places", name)
                .containsKey(name);
          }
        });
  }

  @Test
  void jobLabelsMatchTheScrapeJobs() {
    assertThat(queries)
        .filteredOn(q -> q.expr().contains("job="))
        .allSatisfy(
            q ->
                assertThat(q.expr())
                    .as(q.source())
                    .containsPattern("job=~?\"modelport-(registry|serving|drift-monitor|\\()"));
  }
}
