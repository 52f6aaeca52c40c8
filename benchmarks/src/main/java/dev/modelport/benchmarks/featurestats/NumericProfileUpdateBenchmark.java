package dev.modelport.benchmarks.featurestats;

import dev.modelport.featurestats.profile.DatasetProfile;
import dev.modelport.featurestats.profile.FeatureSchema;
import dev.modelport.featurestats.profile.NumericProfile;
import dev.modelport.featurestats.profile.ProfileOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of numeric profile updates on one thread, in values per second (one operation = one
 * value): moments, KLL sketch (k = 200), reservoir (10,000) and distinct-value counter, with the
 * reservoir full (the steady state of a baseline or a long window). Target: 10 million values/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class NumericProfileUpdateBenchmark {

  static final int VALUES = 1 << 20;
  static final int FEATURES = 30;

  private double[] values;
  private float[] rows;
  private NumericProfile profile;
  private DatasetProfile dataset;

  @Setup(Level.Trial)
  public void generate() {
    SplittableRandom random = new SplittableRandom(1);
    values = new double[VALUES];
    rows = new float[VALUES - VALUES % FEATURES];
    for (int i = 0; i < VALUES; i++) {
      values[i] = Math.exp(random.nextDouble() * 4) * (random.nextBoolean() ? 1 : -1);
    }
    for (int i = 0; i < rows.length; i++) {
      rows[i] = (float) values[i];
    }
  }

  @Setup(Level.Iteration)
  public void freshProfiles() {
    profile = new NumericProfile("x", ProfileOptions.DEFAULTS);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < FEATURES; i++) {
      names.add("f" + i);
    }
    dataset = DatasetProfile.create(FeatureSchema.numeric(names), ProfileOptions.DEFAULTS);
  }

  /** One feature, one double at a time. */
  @Benchmark
  @OperationsPerInvocation(VALUES)
  public void updateOneFeature(Blackhole bh) {
    NumericProfile p = profile;
    double[] v = values;
    for (int i = 0; i < v.length; i++) {
      p.update(v[i]);
    }
    bh.consume(p.count());
  }

  /** An FP32 [N, 30] tensor as the drift-monitor receives it, row by row. */
  @Benchmark
  @OperationsPerInvocation(VALUES - VALUES % FEATURES)
  public void updateRowsOfThirtyFeatures(Blackhole bh) {
    dataset.addRows(rows, 0, FEATURES);
    bh.consume(dataset.feature(0).count());
  }
}
