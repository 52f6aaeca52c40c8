package dev.modelport.serving;

import dev.modelport.protocol.model.ModelSignature;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.serving.batching.BatchExecutor;
import dev.modelport.serving.config.ServingConfig;
import dev.modelport.serving.engine.DjlEngines;
import dev.modelport.serving.engine.ModelRunner;
import dev.modelport.serving.model.EngineSettings;
import dev.modelport.serving.model.ModelArtifact;
import dev.modelport.serving.wiring.ServingBeans;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Test engines: the real DJL engines, except that the engine calls of models named {@code gated-*}
 * first record their inputs and then pass a gate that a test can close, to hold the executor busy
 * (queue full, timeouts) deterministically.
 */
@ApplicationScoped
public class GatedEngines {

  /** Every input batch the gated models' engine calls received. */
  public static final List<List<Tensor>> SEEN = new CopyOnWriteArrayList<>();

  /** Released once per engine call that has entered the gate. */
  public static final Semaphore ENTERED = new Semaphore(0);

  private static volatile CountDownLatch gate = new CountDownLatch(0);

  /** Holds every following gated engine call until {@link #open()}. */
  public static void close() {
    ENTERED.drainPermits();
    gate = new CountDownLatch(1);
  }

  public static void open() {
    gate.countDown();
  }

  /** Waits until an engine call is held at the gate. */
  public static void awaitEntered() throws InterruptedException {
    if (!ENTERED.tryAcquire(10, TimeUnit.SECONDS)) {
      throw new AssertionError("no engine call reached the gate");
    }
  }

  @Produces
  @Singleton
  @Alternative
  @Priority(1)
  DjlEngines engines(ServingConfig config) {
    return new DjlEngines(ServingBeans.engineDefaults(config)) {
      @Override
      public ModelRunner load(
          ModelArtifact artifact, Optional<ModelSignature> declared, EngineSettings settings) {
        ModelRunner real = super.load(artifact, declared, settings);
        return artifact.model().startsWith("gated-") ? gated(real) : real;
      }
    };
  }

  private static ModelRunner gated(ModelRunner real) {
    return new ModelRunner() {
      @Override
      public ModelSignature signature() {
        return real.signature();
      }

      @Override
      public BatchExecutor newExecutor() {
        BatchExecutor executor = real.newExecutor();
        return new BatchExecutor() {
          @Override
          public List<Tensor> execute(List<Tensor> inputs) throws Exception {
            SEEN.add(inputs);
            ENTERED.release();
            gate.await(30, TimeUnit.SECONDS);
            return executor.execute(inputs);
          }

          @Override
          public void close() {
            executor.close();
          }
        };
      }

      @Override
      public String describe() {
        return "gated " + real.describe();
      }

      @Override
      public void close() {
        real.close();
      }
    };
  }
}
