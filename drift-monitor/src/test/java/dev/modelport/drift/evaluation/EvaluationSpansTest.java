package dev.modelport.drift.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.drift.ModelVersionKey;
import dev.modelport.drift.baseline.VersionBaseline;
import dev.modelport.drift.support.ExampleModels;
import dev.modelport.drift.window.CloseReason;
import dev.modelport.drift.window.ClosedWindow;
import dev.modelport.drift.window.EventRows;
import dev.modelport.drift.window.RowBlock;
import dev.modelport.drift.window.WindowBook;
import dev.modelport.drift.window.WindowEvent;
import dev.modelport.drift.window.WindowPolicy;
import dev.modelport.featurestats.drift.DriftConfig;
import dev.modelport.featurestats.profile.CsvProfileReader;
import dev.modelport.featurestats.profile.DatasetProfile;
import dev.modelport.featurestats.profile.FeatureSchema;
import dev.modelport.featurestats.profile.ProfileOptions;
import dev.modelport.protocol.event.TraceParent;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code drift.window.evaluate} span of {@link WindowEvaluator}, recorded by an SDK tracer with
 * an in-memory exporter: its attributes, and its links to the traces of the window's events as the
 * {@link WindowBook} sampled them.
 */
class EvaluationSpansTest {

  static final ModelVersionKey KEY = new ModelVersionKey("m", "7");
  static final FeatureSchema SCHEMA = FeatureSchema.numeric(List.of("x", "y"));

  final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  SdkTracerProvider provider = tracing(Sampler.alwaysOn());

  @AfterEach
  void close() {
    provider.close();
  }

  @Test
  void theSpanLinksTheSampledTraceContextsOfTheWindowsEventsAndNoOther() {
    List<TraceParent> sampled = new ArrayList<>();
    List<TraceParent> events = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      if (i % 5 == 4) {
        events.add(null); // a version 1 event: no traceparent
      } else if (i % 5 == 3) {
        events.add(trace(i, false)); // traced by its caller, not sampled
      } else {
        events.add(trace(i, true));
        sampled.add(events.get(i));
      }
    }

    evaluator(k -> Optional.empty(), List.of()).windowClosed(closeWindowOf(events, 32));

    SpanData span = exporter.getFinishedSpanItems().get(0);
    assertThat(span.getName()).isEqualTo("drift.window.evaluate");
    assertThat(sampled).hasSize(30);
    assertThat(ids(span)).containsExactlyElementsOf(ids(sampled));
    assertThat(span.getAttributes().get(EvaluationSpans.TRACED_EVENTS)).isEqualTo(30);
    assertThat(span.getParentSpanContext().isValid()).as("a root span").isFalse();
    assertThat(span.getLinks())
        .allSatisfy(l -> assertThat(l.getSpanContext().isSampled()).isTrue());
  }

  @Test
  void theLinksAreBoundedAtMaxLinksKeepingTheFirstEvents() {
    List<TraceParent> events = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      events.add(trace(100 + i, true));
    }

    evaluator(k -> Optional.empty(), List.of()).windowClosed(closeWindowOf(events, 32));

    SpanData span = exporter.getFinishedSpanItems().get(0);
    assertThat(ids(span)).containsExactlyElementsOf(ids(events.subList(0, 32)));
    assertThat(span.getTotalRecordedLinks()).isEqualTo(32);
    assertThat(span.getAttributes().get(EvaluationSpans.TRACED_EVENTS)).isEqualTo(40);
  }

  /** One window of one-row events with these trace contexts, closed by its rows by the last one. */
  private static ClosedWindow closeWindowOf(List<TraceParent> traces, int maxLinks) {
    WindowBook book =
        new WindowBook(
            k -> new WindowPolicy(traces.size(), Duration.ofMinutes(5)),
            ProfileOptions.DEFAULTS,
            Clock.systemUTC(),
            maxLinks);
    List<ClosedWindow> closed = new ArrayList<>();
    for (int i = 0; i < traces.size(); i++) {
      closed.addAll(book.add(event(i, 1_000L * i, traces.get(i)), 0));
    }
    assertThat(closed).hasSize(1);
    return closed.get(0);
  }

  @Test
  void theSpanCarriesTheWindowAndTheVerdict() {
    DatasetProfile train =
        ExampleModels.baseline(ExampleModels.CREDIT, ExampleModels.creditSignature());
    ModelVersionKey credit = new ModelVersionKey(ExampleModels.CREDIT, "1");
    VersionBaseline v =
        VersionBaseline.withBaseline(
            credit, ExampleModels.monitored(ExampleModels.creditSignature()), train);
    ClosedWindow window =
        new ClosedWindow(
            credit,
            0,
            0,
            9,
            800,
            10,
            Instant.EPOCH,
            Instant.EPOCH,
            CloseReason.EVENT_TIME,
            drifted(train),
            null,
            List.of(trace(1, true)),
            1);
    // a threshold of 0.3: 2 of 6 features drifted is dataset drift
    WindowEvaluator evaluator =
        new WindowEvaluator(
            k -> Optional.of(v),
            m -> DriftConfig.defaults().withDatasetDriftShare(0.3),
            new HistogramBuilder(20),
            List.of(),
            Clock.systemUTC(),
            provider.get("test"));

    evaluator.windowClosed(window);

    SpanData span = exporter.getFinishedSpanItems().get(0);
    var a = span.getAttributes();
    assertThat(a.get(EvaluationSpans.MODEL)).isEqualTo(ExampleModels.CREDIT);
    assertThat(a.get(EvaluationSpans.VERSION)).isEqualTo("1");
    assertThat(a.get(EvaluationSpans.ROWS)).isEqualTo(800);
    assertThat(a.get(EvaluationSpans.EVENTS)).isEqualTo(10);
    assertThat(a.get(EvaluationSpans.CLOSE_REASON)).isEqualTo("event_time");
    assertThat(a.get(EvaluationSpans.DETECTED)).isTrue();
    assertThat(a.get(EvaluationSpans.SHARE)).isEqualTo(2.0 / 6);
    assertThat(a.get(EvaluationSpans.OUTCOME)).isEqualTo("drift");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void aWindowOfUntracedEventsIsEvaluatedAsBeforeWithASpanWithoutLinks() {
    WindowBook book =
        new WindowBook(k -> new WindowPolicy(3, Duration.ofMinutes(5)), ProfileOptions.DEFAULTS);
    List<ClosedWindow> closed = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      closed.addAll(book.add(event(i, 0, null), 0));
    }
    List<WindowReport> reports = new ArrayList<>();

    evaluator(k -> Optional.empty(), List.of(reports::add)).windowClosed(closed.get(0));

    assertThat(closed.get(0).traceLinks()).isEmpty();
    assertThat(reports).singleElement().satisfies(r -> assertThat(r.rows()).isEqualTo(3));
    SpanData span = exporter.getFinishedSpanItems().get(0);
    assertThat(span.getLinks()).isEmpty();
    assertThat(span.getAttributes().get(EvaluationSpans.DETECTED)).isFalse();
    assertThat(span.getAttributes().get(EvaluationSpans.SHARE))
        .as("no baseline, no share")
        .isNull();
    assertThat(span.getAttributes().get(EvaluationSpans.OUTCOME)).isEqualTo("no_baseline");
  }

  @Test
  void aFailingListenerEndsTheSpanAsAnError() {
    WindowEvaluator evaluator =
        evaluator(
            k -> Optional.empty(),
            List.of(
                r -> {
                  throw new IllegalStateException("store full");
                }));

    assertThatThrownBy(() -> evaluator.windowClosed(oneRowWindow()))
        .isInstanceOf(IllegalStateException.class);

    SpanData span = exporter.getFinishedSpanItems().get(0);
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getEvents()).anyMatch(e -> e.getName().equals("exception"));
  }

  @Test
  void withTheSamplerOffNoSpanIsExportedAndTheWindowIsStillReported() {
    provider.close();
    provider = tracing(Sampler.parentBased(Sampler.traceIdRatioBased(0)));
    List<WindowReport> reports = new ArrayList<>();

    evaluator(k -> Optional.empty(), List.of(reports::add)).windowClosed(oneRowWindow());

    assertThat(reports).hasSize(1);
    assertThat(exporter.getFinishedSpanItems()).isEmpty();
  }

  private SdkTracerProvider tracing(Sampler sampler) {
    return SdkTracerProvider.builder()
        .setSampler(sampler)
        .addSpanProcessor(SimpleSpanProcessor.create(exporter))
        .build();
  }

  private WindowEvaluator evaluator(
      dev.modelport.drift.baseline.BaselineSource baselines, List<WindowReportListener> listeners) {
    return new WindowEvaluator(
        baselines,
        m -> DriftConfig.defaults(),
        new HistogramBuilder(20),
        listeners,
        Clock.systemUTC(),
        provider.get("test"));
  }

  private static ClosedWindow oneRowWindow() {
    WindowBook book =
        new WindowBook(k -> new WindowPolicy(1, Duration.ofMinutes(5)), ProfileOptions.DEFAULTS);
    return book.add(event(0, 0, trace(0, true)), 0).get(0);
  }

  static TraceParent trace(int i, boolean sampled) {
    return new TraceParent(
        String.format("%032x", 0x5eed0000L + i), String.format("%016x", 0x7000L + i), sampled);
  }

  private static List<String> ids(SpanData span) {
    return span.getLinks().stream()
        .map(LinkData::getSpanContext)
        .map(c -> c.getTraceId() + "/" + c.getSpanId())
        .toList();
  }

  private static List<String> ids(List<TraceParent> traces) {
    return traces.stream().map(t -> t.traceId() + "/" + t.spanId()).toList();
  }

  /** A one-row event of KEY on partition 0, without outputs; {@code trace} may be null. */
  private static WindowEvent event(long offset, long eventMicros, TraceParent trace) {
    EventRows row = new EventRows(1, List.of(new RowBlock(new float[] {0, 1}, 0, 2)));
    return new WindowEvent(0, KEY, SCHEMA, null, offset, eventMicros, row, trace);
  }

  private static DatasetProfile drifted(DatasetProfile train) {
    try {
      return new CsvProfileReader(
              train.schema(), ProfileOptions.DEFAULTS, CsvProfileReader.Precision.FP32)
          .read(dev.modelport.testsupport.ExampleModels.file(ExampleModels.CREDIT, "drifted.csv"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
