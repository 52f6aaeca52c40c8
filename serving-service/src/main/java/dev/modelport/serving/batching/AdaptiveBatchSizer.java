package dev.modelport.serving.batching;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * Chooses the batch size cap and the queue delay of a {@link DynamicBatcher} in adaptive mode, at
 * run time, from the engine calls it is told about: no offline sweep.
 *
 * <p><b>What it measures.</b> Each engine call is reported ({@link #record}: rows, engine
 * nanoseconds, whether the batch was cut at the cap with more waiting). Calls are grouped by size
 * on a grid of candidate sizes (powers of two up to the largest size, and the largest size; a call
 * counts for the largest candidate not above its rows). Per candidate it keeps the engine time per
 * row (the inverse of throughput) and per call, averaged over steps (EWMA, half weight to the
 * latest step).
 *
 * <p><b>What it chooses.</b> Every step (at least {@link Tuning#stepNanos} and {@link
 * Tuning#minCallsPerStep} calls) it picks, among the candidates with fresh figures (measured within
 * {@link Tuning#reexploreNanos}) that fit the objective, the one with the least engine time per
 * row; a smaller size within {@link Tuning#margin} of it wins (less latency for the same
 * throughput). A size fits the objective when twice its engine time per call (a request may wait
 * for the call in progress, then for its own) plus the queue delay stays within {@code maxLatency}.
 * When no candidate fits, the smallest measured one is taken.
 *
 * <p><b>How it explores.</b> Only while batches reach the cap (demand exceeds it: the cap binds)
 * does it try the neighbour sizes of its choice that have no fresh figures: first the next larger
 * one (if its engine time, extrapolated from the measured sizes, would still fit), then the next
 * smaller one, one step each: hill-climbing over the grid. Figures go stale after {@link
 * Tuning#reexploreNanos}, so the neighbours are tried again now and then, which is how a change of
 * the engine's speed (another process on the cores, other inputs) is followed. A size whose step
 * did not fill its batches is not tried again before then.
 *
 * <p><b>The queue delay</b> stays 0 unless the engine is busy (at least 80 % of the step) with
 * batches well below the cap: then a delay is tried (the time the cap takes to fill at the observed
 * rate, within what the objective leaves after the engine time), kept only if the step's throughput
 * (rows per second of the clock) rose by at least the margin, and dropped otherwise (not tried
 * again before the re-exploration interval). At low load it is therefore 0: waiting would only add
 * latency.
 *
 * <p>Thread-safe: {@link #batchSize} and {@link #queueDelayNanos} are plain reads of the current
 * choice; {@link #record} is synchronized (one short critical section per engine call).
 */
public final class AdaptiveBatchSizer {

  private static final Logger LOG = Logger.getLogger(AdaptiveBatchSizer.class);

  /** Share of a step's clock time the engine must be busy before a queue delay is tried. */
  private static final double BUSY = 0.8;

  /**
   * How the sizer searches.
   *
   * @param stepNanos least clock time of one step (one setting measured)
   * @param minCallsPerStep least engine calls of one step
   * @param reexploreNanos how long figures stay fresh; neighbours are tried again after it
   * @param margin relative gain a larger size or a queue delay must bring to be preferred
   */
  public record Tuning(long stepNanos, int minCallsPerStep, long reexploreNanos, double margin) {

    /** 100 ms steps of at least 8 calls, re-exploration every 5 s, 5 % margin. */
    public static final Tuning DEFAULT =
        new Tuning(TimeUnit.MILLISECONDS.toNanos(100), 8, TimeUnit.SECONDS.toNanos(5), 0.05);

    public Tuning {
      if (stepNanos < 0 || minCallsPerStep < 1 || reexploreNanos <= stepNanos || margin < 0) {
        throw new IllegalArgumentException("invalid adaptive batching tuning");
      }
    }
  }

  private enum DelayState {
    OFF,
    TRIAL,
    ON
  }

  private final String name;
  private final int[] sizes;
  private final long maxLatencyNanos;
  private final int instances;
  private final LongSupplier clock;
  private final Tuning tuning;

  // figures per candidate size (index into sizes)
  private final double[] nanosPerRow;
  private final double[] nanosPerCall;
  private final long[] measuredAt;
  private final long[] triedAt;
  private final boolean[] measured;
  private final boolean[] tried;

  // the step in progress
  private final long[] stepRows;
  private final long[] stepNanos;
  private final int[] stepCalls;
  private long stepStart;
  private int stepCallsTotal;
  private int stepFull;
  private long stepRowsTotal;
  private long stepBusyNanos;

  private int capIndex;
  private int chosenIndex = -1;
  private volatile int cap;
  private volatile int chosen;
  private volatile long delayNanos;
  private DelayState delayState = DelayState.OFF;
  private double delayBaseline;
  private long delayNotBefore;
  private long delayUntil;

  /**
   * @param name label for log lines ({@code model version 1})
   * @param maxBatchSize largest size it may choose
   * @param maxLatencyNanos the latency objective
   * @param instances engine executors running at once (the busy share is per executor)
   * @param clock monotonic nanoseconds ({@code System::nanoTime}), the one engine times come from
   */
  public AdaptiveBatchSizer(
      String name,
      int maxBatchSize,
      long maxLatencyNanos,
      int instances,
      LongSupplier clock,
      Tuning tuning) {
    if (maxBatchSize < 1 || maxLatencyNanos < 1 || instances < 1) {
      throw new IllegalArgumentException("invalid adaptive batching settings");
    }
    this.name = name;
    this.sizes = candidateSizes(maxBatchSize).stream().mapToInt(Integer::intValue).toArray();
    this.maxLatencyNanos = maxLatencyNanos;
    this.instances = instances;
    this.clock = clock;
    this.tuning = tuning;
    int n = sizes.length;
    nanosPerRow = new double[n];
    nanosPerCall = new double[n];
    measuredAt = new long[n];
    triedAt = new long[n];
    measured = new boolean[n];
    tried = new boolean[n];
    stepRows = new long[n];
    stepNanos = new long[n];
    stepCalls = new int[n];
    reset();
  }

  /** The sizes it considers: powers of two below {@code maxBatchSize}, and {@code maxBatchSize}. */
  public static List<Integer> candidateSizes(int maxBatchSize) {
    List<Integer> out = new ArrayList<>();
    for (int s = 1; s < maxBatchSize; s *= 2) {
      out.add(s);
    }
    out.add(maxBatchSize);
    return out;
  }

  /** Most rows the next batch may take: the chosen size, or a neighbour being tried. */
  public int batchSize() {
    return cap;
  }

  /**
   * The size it currently holds best (what {@link #batchSize} returns when it is not trying a
   * neighbour); the smallest size before the first step.
   */
  public int chosenBatchSize() {
    return chosen;
  }

  /** How long the oldest request of the next batch may wait for others to join it. */
  public long queueDelayNanos() {
    return delayNanos;
  }

  /** The latency objective. */
  public long maxLatencyNanos() {
    return maxLatencyNanos;
  }

  /** Forgets every figure and starts again from the smallest size (after the warm-up). */
  public synchronized void reset() {
    java.util.Arrays.fill(measured, false);
    java.util.Arrays.fill(tried, false);
    clearStep(clock.getAsLong());
    capIndex = 0;
    cap = sizes[0];
    chosen = sizes[0];
    delayNanos = 0;
    delayState = DelayState.OFF;
    delayNotBefore = Long.MIN_VALUE;
    chosenIndex = -1;
  }

  /**
   * An engine call of {@code rows} rows took {@code engineNanos}; {@code full} when its batch was
   * cut at the cap with requests still waiting (the next one did not fit): demand exceeded the cap.
   */
  public synchronized void record(int rows, long engineNanos, boolean full) {
    if (rows < 1 || engineNanos < 0) {
      return;
    }
    int i = indexOf(rows);
    stepRows[i] += rows;
    stepNanos[i] += engineNanos;
    stepCalls[i]++;
    stepCallsTotal++;
    stepRowsTotal += rows;
    stepBusyNanos += engineNanos;
    if (full) {
      stepFull++;
    }
    long now = clock.getAsLong();
    if (stepCallsTotal >= tuning.minCallsPerStep() && now - stepStart >= tuning.stepNanos()) {
      endStep(now);
    }
  }

  /** The candidate a call of {@code rows} rows counts for: the largest not above it. */
  private int indexOf(int rows) {
    int i = 0;
    while (i + 1 < sizes.length && sizes[i + 1] <= rows) {
      i++;
    }
    return i;
  }

  private void endStep(long now) {
    long elapsed = Math.max(1, now - stepStart);
    double throughput = stepRowsTotal / (double) elapsed; // rows per clock nanosecond
    double busy = stepBusyNanos / ((double) elapsed * instances);
    boolean saturated = 2 * stepFull >= stepCallsTotal;
    double meanRows = stepRowsTotal / (double) stepCallsTotal;
    int least = Math.max(1, tuning.minCallsPerStep() / 4);
    for (int i = 0; i < sizes.length; i++) {
      if (stepCalls[i] >= least) {
        double perRow = stepNanos[i] / (double) stepRows[i];
        double perCall = stepNanos[i] / (double) stepCalls[i];
        if (fresh(i, now)) {
          nanosPerRow[i] = (nanosPerRow[i] + perRow) / 2;
          nanosPerCall[i] = (nanosPerCall[i] + perCall) / 2;
        } else {
          nanosPerRow[i] = perRow;
          nanosPerCall[i] = perCall;
        }
        measured[i] = true;
        measuredAt[i] = now;
      }
    }
    tried[capIndex] = true;
    triedAt[capIndex] = now;
    clearStep(now);

    int best = choose(now);
    int next = best;
    if (best > 0 && fresh(best, now) && !fits(best)) {
      next = best - 1; // nothing measured fits the objective: smaller, whatever the load
    } else if (saturated) {
      int up = best + 1;
      int down = best - 1;
      if (up < sizes.length && !known(up, now) && mayFit(up, best, now)) {
        next = up;
      } else if (down >= 0 && !known(down, now)) {
        next = down;
      }
    }
    decideDelay(now, next, saturated, busy, throughput, meanRows);
    if (next != capIndex) {
      LOG.debugf(
          "Batcher %s: adaptive batching tries %d rows (chosen %d)",
          name, sizes[next], sizes[best]);
    }
    capIndex = next;
    cap = sizes[next];
    chosen = sizes[best];
    if (best != chosenIndex) {
      chosenIndex = best;
      LOG.infof(
          "Batcher %s: adaptive batching chose batches of up to %d rows (%s; objective %d µs)",
          name, sizes[best], describe(best, now), TimeUnit.NANOSECONDS.toMicros(maxLatencyNanos));
    }
  }

  /** The candidate with fresh figures, fitting the objective, with the least time per row. */
  private int choose(long now) {
    int best = -1;
    for (int i = 0; i < sizes.length; i++) {
      if (fresh(i, now) && fits(i) && (best < 0 || nanosPerRow[i] < nanosPerRow[best])) {
        best = i;
      }
    }
    if (best < 0) {
      for (int i = 0; i < sizes.length; i++) {
        if (fresh(i, now)) {
          return i; // nothing fits: the smallest measured size, the least latency
        }
      }
      return capIndex;
    }
    for (int i = 0; i < best; i++) {
      if (fresh(i, now) && fits(i) && nanosPerRow[i] <= nanosPerRow[best] * (1 + tuning.margin())) {
        return i;
      }
    }
    return best;
  }

  private boolean fits(int i) {
    long delay = i == capIndex ? delayNanos : 0;
    return 2 * nanosPerCall[i] + delay <= maxLatencyNanos;
  }

  /**
   * Whether the untried size {@code up} would fit the objective: its call time extrapolated along
   * the line through {@code from} and the nearest smaller measured size (a fixed part per call and
   * a part per row), or scaled in proportion to the rows from {@code from} alone.
   */
  private boolean mayFit(int up, int from, long now) {
    if (!fresh(from, now)) {
      return true;
    }
    double estimate = nanosPerCall[from] * sizes[up] / (double) sizes[from];
    for (int i = from - 1; i >= 0; i--) {
      if (fresh(i, now)) {
        double perRow = (nanosPerCall[from] - nanosPerCall[i]) / (sizes[from] - sizes[i]);
        estimate = nanosPerCall[from] + Math.max(0, perRow) * (sizes[up] - sizes[from]);
        break;
      }
    }
    return 2 * estimate <= maxLatencyNanos;
  }

  private boolean fresh(int i, long now) {
    return measured[i] && now - measuredAt[i] < tuning.reexploreNanos();
  }

  private boolean known(int i, long now) {
    return fresh(i, now) || (tried[i] && now - triedAt[i] < tuning.reexploreNanos());
  }

  private void decideDelay(
      long now, int next, boolean saturated, double busy, double throughput, double meanRows) {
    if (next != capIndex) {
      setDelay(DelayState.OFF, 0);
      return;
    }
    switch (delayState) {
      case OFF -> {
        if (now < delayNotBefore
            || saturated
            || busy < BUSY
            || meanRows >= 0.75 * sizes[next]
            || !fresh(next, now)) {
          return;
        }
        double budget = maxLatencyNanos - 2 * nanosPerCall[next];
        double fill = (sizes[next] - meanRows) / Math.max(throughput, 1e-12);
        long delay = (long) Math.min(budget, fill);
        if (delay > 0) {
          delayBaseline = throughput;
          setDelay(DelayState.TRIAL, delay);
        }
      }
      case TRIAL -> {
        if (throughput >= delayBaseline * (1 + tuning.margin())) {
          delayUntil = now + tuning.reexploreNanos();
          setDelay(DelayState.ON, delayNanos);
          LOG.infof(
              "Batcher %s: adaptive batching holds requests up to %d µs to fill batches of %d"
                  + " rows (throughput %.0f rows/s, was %.0f)",
              name,
              TimeUnit.NANOSECONDS.toMicros(delayNanos),
              sizes[next],
              throughput * 1e9,
              delayBaseline * 1e9);
        } else {
          delayNotBefore = now + tuning.reexploreNanos();
          setDelay(DelayState.OFF, 0);
        }
      }
      case ON -> {
        if (now >= delayUntil || !fits(next)) {
          delayNotBefore = now; // measure without the delay for a step, then maybe try again
          setDelay(DelayState.OFF, 0);
          LOG.infof("Batcher %s: adaptive batching measures again without a queue delay", name);
        }
      }
      default -> throw new IllegalStateException(delayState.name());
    }
  }

  private void setDelay(DelayState state, long nanos) {
    delayState = state;
    delayNanos = nanos;
  }

  private String describe(int i, long now) {
    if (!fresh(i, now)) {
      return "no figures yet";
    }
    return String.format(
        java.util.Locale.ROOT,
        "%.0f rows/s of engine time, %.2f ms per call",
        1e9 / nanosPerRow[i],
        nanosPerCall[i] / 1e6);
  }

  private void clearStep(long now) {
    java.util.Arrays.fill(stepRows, 0);
    java.util.Arrays.fill(stepNanos, 0);
    java.util.Arrays.fill(stepCalls, 0);
    stepStart = now;
    stepCallsTotal = 0;
    stepFull = 0;
    stepRowsTotal = 0;
    stepBusyNanos = 0;
  }
}
