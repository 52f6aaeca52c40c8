package dev.modelport.benchmarks.serving.outside;

/**
 * One measured round of one row.
 *
 * @param serverCpuMicros server (or in-process engine) CPU time per request, µs
 * @param throughput requests (items for the in-process baseline) per second
 * @param p50 latency percentile, µs (per call for the in-process baseline)
 * @param p90 latency percentile, µs
 * @param p99 latency percentile, µs
 * @param mean mean latency, µs
 * @param errors failed requests
 * @param generatorShare the generator's CPU time as a share of its cores; NaN in-process
 */
public record Round(
    double serverCpuMicros,
    double throughput,
    double p50,
    double p90,
    double p99,
    double mean,
    long errors,
    double generatorShare) {

  /** True when the generator used more than {@link GeneratorRun#MAX_CPU_SHARE} of its cores. */
  public boolean invalid() {
    return !Double.isNaN(generatorShare) && generatorShare > GeneratorRun.MAX_CPU_SHARE;
  }
}
