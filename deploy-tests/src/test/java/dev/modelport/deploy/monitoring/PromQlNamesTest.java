package dev.modelport.deploy.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlNamesTest {

  @Test
  void aHistogramQuantileNamesOnlyTheBucketSeries() {
    assertThat(
            PromQlNames.of(
                "histogram_quantile(0.99, sum by (model, version, le) "
                    + "(rate(modelport_inference_request_duration_seconds_bucket{model=~\"$model\"}[$__rate_interval])))"))
        .containsExactly("modelport_inference_request_duration_seconds_bucket");
  }

  @Test
  void labelNamesValuesAndGroupingAreNotMetrics() {
    assertThat(
            PromQlNames.of(
                "sum by (model) (rate(modelport_inference_requests_total{outcome=~\"server_error|timeout\"}[5m]))"
                    + " / sum by (model) (rate(modelport_inference_requests_total[5m])) > 0.05"))
        .containsExactly("modelport_inference_requests_total");
  }

  @Test
  void bothSidesOfABinaryOperatorAndVectorMatching() {
    assertThat(
            PromQlNames.of(
                "a_total > 0 and on () sum(rate(b_total[5m])) / ignoring (x) c_sum offset 5m or d == bool 1"))
        .containsExactly("a_total", "b_total", "c_sum", "d");
  }

  @Test
  void grafanaLabelValuesNamesItsMetricOnly() {
    assertThat(PromQlNames.of("label_values(modelport_drift_rows_total, model)"))
        .containsExactly("modelport_drift_rows_total");
  }

  @Test
  void metricNamesInsideLabelValuesOrStringsAreIgnored() {
    assertThat(PromQlNames.of("up{job=~\"modelport-(registry|serving)\", x=\"not_a_metric\"} == 0"))
        .containsExactly("up");
    assertThat(
            PromQlNames.of(
                "http_server_requests_seconds_count{uri=\"/api/v1/models/{model}/aliases/{alias}\"}"))
        .containsExactly("http_server_requests_seconds_count");
  }

  @Test
  void numbersWithExponentsAndDurationsAreNotNames() {
    assertThat(PromQlNames.of("x_seconds > 1e-4 * 5 and y[1h:5m]"))
        .containsExactly("x_seconds", "y");
  }
}
