package dev.modelport.benchmarks.serving;

import org.HdrHistogram.Histogram;

/**
 * The outcome of one load run. Latencies in microseconds.
 *
 * @param scenario what ran (model, protocol, mode)
 * @param concurrency most requests outstanding at once
 * @param completed successful requests in the measured interval
 * @param errors failed requests in the measured interval
 * @param seconds length of the measured interval
 * @param itemsPerRequest rows (images) per request, for throughput in items per second
 * @param latency latency histogram; for fixed-rate runs measured from each request's intended
 *     start (coordinated omission corrected), for saturated runs from its actual send
 */
public record LoadResult(String scenario, int concurrency, long completed, long errors, double seconds,
    int itemsPerRequest, Histogram latency) {

  public double requestsPerSecond() {
    return completed / seconds;
  }

  public double itemsPerSecond() {
    return requestsPerSecond() * itemsPerRequest;
  }

  /** A latency percentile in milliseconds. */
  public double millis(double percentile) {
    return latency.getValueAtPercentile(percentile) / 1000.0;
  }
}
