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
 * @param latency latency histogram; for fixed-rate runs measured from each request's intended start
 *     (coordinated omission corrected), for saturated runs from its actual send
 * @param cost where the time went per request, or null when not measured
 */
public record LoadResult(
    String scenario,
    int concurrency,
    long completed,
    long errors,
    double seconds,
    int itemsPerRequest,
    Histogram latency,
    RequestCost cost) {

  /**
   * Per completed request, in microseconds: CPU time of the server process and of the load
   * generator's process (both on the same cores), the server's own mean request duration (decoded
   * request to result, its {@code request.duration} metric) and the engine's compute time (its
   * {@code compute.duration} metric: the batch's engine call, shared by the batch's requests).
   */
  public record RequestCost(
      double serverCpu, double clientCpu, double serverDuration, double engineCompute) {}

  /** This result with its cost. */
  public LoadResult withCost(RequestCost c) {
    return new LoadResult(
        scenario, concurrency, completed, errors, seconds, itemsPerRequest, latency, c);
  }

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
