package dev.modelport.serving.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.protocol.model.ModelSignature;
import dev.modelport.protocol.model.TensorSpec;
import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.serving.batching.BatchExecutor;
import dev.modelport.serving.engine.DjlEngines;
import dev.modelport.serving.engine.EngineDefaults;
import dev.modelport.serving.engine.ModelRunner;
import dev.modelport.serving.error.InvalidRequestException;
import dev.modelport.serving.error.ModelNotFoundException;
import dev.modelport.serving.error.ModelNotReadyException;
import dev.modelport.serving.events.InferenceEventSink;
import dev.modelport.serving.inference.ShadowMirror;
import dev.modelport.serving.metrics.ServingMetrics;
import dev.modelport.serving.model.EngineSettings;
import dev.modelport.serving.model.ModelArtifact;
import dev.modelport.serving.repository.LocalModelRepository;
import dev.modelport.serving.tracing.RecordingTracers;
import dev.modelport.serving.tracing.ServingTracer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lifecycle on fake engines (no natives): a model's files are only placeholders. */
class ModelManagerTest {

  private static final ModelSignature SIGNATURE =
      new ModelSignature(
          List.of(new TensorSpec("x", DataType.FP32, new long[] {-1, 1}, List.of())),
          List.of(new TensorSpec("y", DataType.FP32, new long[] {-1, 1}, List.of())));

  @TempDir Path root;
  private final Set<ModelRunner> open = ConcurrentHashMap.newKeySet();
  private ModelManager manager;

  /** Engines whose runners copy x to y, fail for files named broken.onnx, and track closing. */
  private final DjlEngines fakeEngines =
      new DjlEngines(EngineDefaults.CPU) {
        @Override
        public ModelRunner load(
            ModelArtifact artifact, Optional<ModelSignature> declared, EngineSettings settings) {
          if (artifact.file().getFileName().toString().startsWith("broken")) {
            throw new IllegalStateException("cannot parse " + artifact.file().getFileName());
          }
          ModelRunner runner =
              new ModelRunner() {
                @Override
                public ModelSignature signature() {
                  return SIGNATURE;
                }

                @Override
                public BatchExecutor newExecutor() {
                  return inputs ->
                      List.of(
                          new Tensor(
                              "y", DataType.FP32, inputs.get(0).shape(), inputs.get(0).values()));
                }

                @Override
                public String describe() {
                  return "fake";
                }

                @Override
                public void close() {
                  open.remove(this);
                }
              };
          open.add(runner);
          return runner;
        }
      };

  private final NativeHeapTrimmer trimmer = new NativeHeapTrimmer(true);

  @BeforeEach
  void repository() throws IOException {
    Files.createDirectories(root.resolve("m/1"));
    Files.writeString(root.resolve("m/1/model.onnx"), "placeholder");
    Files.createDirectories(root.resolve("bad"));
    Files.writeString(root.resolve("bad/model.yaml"), "versions:\n  1: broken.onnx\n");
    Files.writeString(root.resolve("bad/broken.onnx"), "placeholder");
    manager =
        new ModelManager(
            new LocalModelRepository(List.of(root)),
            new VersionLoader(fakeEngines, true, LifecycleObserver.NONE),
            LifecycleObserver.NONE,
            Duration.ofSeconds(5),
            trimmer);
  }

  private float infer(float x) throws Exception {
    ModelRuntime runtime = manager.resolve("m", Optional.empty()).readyRuntime();
    Tensor in = new Tensor("x", DataType.FP32, new long[] {1, 1}, new float[] {x});
    return ((float[])
            runtime
                .batcher()
                .submit(List.of(in), System.nanoTime() + TimeUnit.SECONDS.toNanos(5))
                .get(5, TimeUnit.SECONDS)
                .get(0)
                .values())
        [0];
  }

  @Test
  void aLoadedVersionIsReadyAndServes() throws Exception {
    manager.load("m");
    assertThat(manager.find("m", Optional.of(VersionNumber.of(1))).state())
        .isInstanceOf(VersionState.Ready.class);
    assertThat(infer(3f)).isEqualTo(3f);
  }

  @Test
  void unloadingClosesTheEngineAndLaterRequestsAreNotReady() {
    manager.load("m");
    manager.unload("m");
    assertThat(open).isEmpty();
    assertThat(manager.find("m", Optional.empty()).state())
        .isInstanceOf(VersionState.Unloaded.class);
    assertThatThrownBy(() -> manager.resolve("m", Optional.empty()))
        .isInstanceOf(ModelNotReadyException.class)
        .hasMessageContaining("unloaded");
  }

  @Test
  void theNativeHeapIsTrimmedAfterEachLoadReloadAndUnloadButNotAtShutdown() {
    manager.load("m");
    assertThat(trimmer.trims()).isEqualTo(1);
    manager.unload("m");
    assertThat(trimmer.trims()).isEqualTo(2);
    manager.unload("m"); // already unloaded: nothing freed, no trim
    assertThat(trimmer.trims()).isEqualTo(2);
    manager.load("m");
    manager.load("m"); // the reload drains and closes the previous version
    assertThat(trimmer.trims()).isEqualTo(4);
    manager.shutdown();
    assertThat(trimmer.trims()).isEqualTo(4);
  }

  @Test
  void reloadingSwapsInANewRuntimeAndClosesTheOldOne() throws Exception {
    manager.load("m");
    ModelRuntime first = manager.resolve("m", Optional.empty()).readyRuntime();
    manager.load("m");
    assertThat(manager.resolve("m", Optional.empty()).readyRuntime()).isNotSameAs(first);
    assertThat(open).hasSize(1);
    assertThat(infer(5f)).isEqualTo(5f);
  }

  @Test
  void aFailedLoadLeavesTheVersionFailedWithItsReason() {
    assertThatThrownBy(() -> manager.load("bad"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("broken.onnx");
    assertThat(manager.find("bad", Optional.empty()).state())
        .isInstanceOfSatisfying(
            VersionState.Failed.class, f -> assertThat(f.reason()).contains("broken.onnx"));
    assertThat(open).isEmpty();
  }

  @Test
  void unknownModelsAndVersionsAreNotFoundAndKnownUnloadedModelsAreNotReady() {
    manager.load("m");
    assertThatThrownBy(() -> manager.resolve("nope", Optional.empty()))
        .isInstanceOf(ModelNotFoundException.class);
    assertThatThrownBy(() -> manager.resolve("m", Optional.of(VersionNumber.of(2))))
        .isInstanceOf(ModelNotFoundException.class);
    assertThatThrownBy(() -> manager.load("nope")).isInstanceOf(ModelNotFoundException.class);
    assertThatThrownBy(() -> manager.resolve("bad", Optional.empty()))
        .isInstanceOf(ModelNotReadyException.class);
  }

  @Test
  void afterShutdownEveryRequestIsRefusedAndEveryEngineClosed() {
    manager.load("m");
    manager.shutdown();
    assertThat(open).isEmpty();
    assertThatThrownBy(() -> manager.resolve("m", Optional.empty()))
        .isInstanceOf(ModelNotReadyException.class)
        .hasMessageContaining("shutting down");
  }

  /** A registry-like definition of model r with one artifact per given file name. */
  private dev.modelport.serving.model.ModelDefinition registryModel(String... files)
      throws IOException {
    java.util.TreeMap<VersionNumber, ModelArtifact> artifacts = new java.util.TreeMap<>();
    for (int i = 0; i < files.length; i++) {
      Path file = root.resolve(files[i]);
      Files.writeString(file, "placeholder");
      VersionNumber v = VersionNumber.of(i + 1);
      artifacts.put(
          v, new ModelArtifact("r", v, file, dev.modelport.serving.model.ModelFormat.ONNX));
    }
    return new dev.modelport.serving.model.ModelDefinition(
        "r", root, dev.modelport.serving.model.ModelConfig.DEFAULT, artifacts);
  }

  private static dev.modelport.serving.model.ResolvedDeployment primary(long v) {
    return dev.modelport.serving.model.ResolvedDeployment.primaryOnly(VersionNumber.of(v));
  }

  @Test
  void aRolloutSwitchesToTheNewVersionThenUnloadsTheOldOne() throws IOException {
    var definition = registryModel("one.onnx", "two.onnx");
    manager.apply("r", definition, primary(1), false, java.util.Map.of());
    ServedVersion v1 = manager.resolve("r", Optional.empty());
    manager.apply("r", definition, primary(2), false, java.util.Map.of());
    assertThat(manager.resolve("r", Optional.empty()).version()).isEqualTo(VersionNumber.of(2));
    assertThat(v1.state()).isInstanceOf(VersionState.Unloaded.class);
    assertThat(open).hasSize(1);
    assertThat(manager.failure("r")).isEmpty();
    assertThatThrownBy(() -> manager.resolve("r", Optional.of(VersionNumber.of(1))))
        .isInstanceOf(ModelNotFoundException.class)
        .hasMessageContaining("loaded versions: [2]");
  }

  @Test
  void aTracedRolloutHasItsLoadWarmUpSwitchAndDrainSpansInOneTrace() throws IOException {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    try (SdkTracerProvider provider = RecordingTracers.into(spans)) {
      ServingTracer tracer = new ServingTracer(provider.get("test"), 1.0);
      manager =
          new ModelManager(
              new LocalModelRepository(List.of(root)),
              new VersionLoader(fakeEngines, true, LifecycleObserver.NONE, tracer),
              LifecycleObserver.NONE,
              Duration.ofSeconds(5),
              trimmer);
      var definition = registryModel("one.onnx", "two.onnx");
      manager.apply("r", definition, primary(1), false, java.util.Map.of());
      spans.reset();

      Span rollout = tracer.startRollout("r");
      try (Scope ignored = rollout.makeCurrent()) {
        manager.apply("r", definition, primary(2), false, java.util.Map.of());
      }
      rollout.end();

      java.util.Map<String, SpanData> byName =
          spans.getFinishedSpanItems().stream()
              .collect(java.util.stream.Collectors.toMap(SpanData::getName, d -> d));
      assertThat(byName)
          .containsKeys(
              ServingTracer.ROLLOUT,
              ServingTracer.LOAD,
              ServingTracer.WARMUP,
              ServingTracer.SWITCH,
              ServingTracer.DRAIN);
      String rolloutId = byName.get(ServingTracer.ROLLOUT).getSpanId();
      assertThat(byName.values())
          .allSatisfy(
              d -> assertThat(d.getTraceId()).isEqualTo(rollout.getSpanContext().getTraceId()));
      assertThat(byName.get(ServingTracer.LOAD).getParentSpanId()).isEqualTo(rolloutId);
      assertThat(byName.get(ServingTracer.LOAD).getAttributes().get(ServingTracer.VERSION))
          .isEqualTo("2");
      assertThat(byName.get(ServingTracer.WARMUP).getParentSpanId())
          .isEqualTo(byName.get(ServingTracer.LOAD).getSpanId());
      assertThat(byName.get(ServingTracer.SWITCH).getParentSpanId()).isEqualTo(rolloutId);
      assertThat(byName.get(ServingTracer.DRAIN).getParentSpanId()).isEqualTo(rolloutId);
      assertThat(byName.get(ServingTracer.DRAIN).getAttributes().get(ServingTracer.VERSION))
          .isEqualTo("1");
    }
  }

  @Test
  void aShadowCopyOfASampledRequestIsItsOwnSpanChildOfAndLinkedToThePrimary() throws Exception {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    try (SdkTracerProvider provider = RecordingTracers.into(spans);
        ShadowMirror mirror =
            new ShadowMirror(
                new ServingMetrics(new SimpleMeterRegistry()),
                4,
                InferenceEventSink.OFF,
                new ServingTracer(provider.get("test"), 1.0))) {
      manager.apply("r", registryModel("one.onnx"), primary(1), false, java.util.Map.of());
      ServedVersion shadow = manager.resolve("r", Optional.empty());
      Span primary = provider.get("test").spanBuilder("primary").startSpan();
      primary.end();
      Tensor in = new Tensor("x", DataType.FP32, new long[] {1, 1}, new float[] {2f});

      mirror.mirror(shadow, "req-1", List.of(in), primary.getSpanContext());
      mirror.mirror(shadow, "req-2", List.of(in), SpanContext.getInvalid()); // not traced

      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(spans.getFinishedSpanItems())
                      .extracting(SpanData::getName)
                      .contains(ServingTracer.SHADOW));
      List<SpanData> shadows =
          spans.getFinishedSpanItems().stream()
              .filter(d -> d.getName().equals(ServingTracer.SHADOW))
              .toList();
      assertThat(shadows).as("only the sampled primary's copy is traced").hasSize(1);
      SpanData span = shadows.get(0);
      assertThat(span.getTraceId()).isEqualTo(primary.getSpanContext().getTraceId());
      assertThat(span.getParentSpanId()).isEqualTo(primary.getSpanContext().getSpanId());
      assertThat(span.getLinks())
          .singleElement()
          .satisfies(
              l ->
                  assertThat(l.getSpanContext().getSpanId())
                      .isEqualTo(primary.getSpanContext().getSpanId()));
      assertThat(span.getAttributes().get(ServingTracer.ROLE)).isEqualTo("shadow");
    }
  }

  @Test
  void aVersionThatFailsToLoadIsReportedOnceAndTheCurrentVersionKeepsServing() throws IOException {
    java.util.List<String> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();
    LifecycleObserver observer =
        new LifecycleObserver() {
          @Override
          public void rollout(String model, VersionNumber version, boolean succeeded) {
            outcomes.add(version + ":" + succeeded);
          }
        };
    manager =
        new ModelManager(
            new LocalModelRepository(List.of(root)),
            new VersionLoader(fakeEngines, true, observer),
            observer,
            Duration.ofSeconds(5),
            trimmer);
    var definition = registryModel("one.onnx", "broken-two.onnx");
    manager.apply("r", definition, primary(1), false, java.util.Map.of());
    List<String> failures = manager.apply("r", definition, primary(2), false, java.util.Map.of());
    manager.apply("r", definition, primary(2), false, java.util.Map.of()); // next reconciliation
    assertThat(failures).singleElement().asString().contains("version 2", "cannot parse");
    assertThat(manager.resolve("r", Optional.empty()).version()).isEqualTo(VersionNumber.of(1));
    assertThat(manager.failure("r")).contains("version 2");
    assertThat(outcomes).containsExactly("1:true", "2:false");
    assertThat(open).hasSize(1);
  }

  @Test
  void anUnavailableArtifactKeepsTheCurrentVersionAndAFullCanaryTakesEveryRequest()
      throws IOException {
    var definition = registryModel("one.onnx", "two.onnx");
    manager.apply("r", definition, primary(1), false, java.util.Map.of());
    manager.apply(
        "r",
        definition,
        primary(2),
        false,
        java.util.Map.of(VersionNumber.of(2), "artifact refused: checksum mismatch"));
    assertThat(manager.resolve("r", Optional.empty()).version()).isEqualTo(VersionNumber.of(1));
    assertThat(manager.failure("r")).contains("checksum mismatch");
    manager.apply(
        "r",
        definition,
        new dev.modelport.serving.model.ResolvedDeployment(
            VersionNumber.of(1), Optional.of(VersionNumber.of(2)), 100, Optional.empty(), Set.of()),
        false,
        java.util.Map.of());
    Route route = manager.route("r", Optional.empty(), "any-key");
    assertThat(route.version().version()).isEqualTo(VersionNumber.of(2));
    assertThat(route.role()).isEqualTo(dev.modelport.serving.model.Role.CANARY);
    assertThat(manager.roles("r"))
        .containsEntry(VersionNumber.of(1), dev.modelport.serving.model.Role.PRIMARY)
        .containsEntry(VersionNumber.of(2), dev.modelport.serving.model.Role.CANARY);
  }
}
