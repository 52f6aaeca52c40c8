package dev.modelport.registry.tracing;

import dev.modelport.registryclient.api.EventBatch;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The registry's spans beyond the REST server span (which Quarkus' OpenTelemetry extension makes,
 * following a caller's W3C {@code traceparent}). Each is a child of the current span and is made
 * only when that span's trace is sampled, so an unsampled request costs one context lookup and no
 * span.
 *
 * <p>An upload: {@value #UPLOAD_SPOOL} (reading the multipart body: the artifact streams into the
 * blob store and is digested on the way, so receiving and digesting are one span, with the digest
 * as {@link #SHA256}; training data or a profile are spooled to temporary files), {@value
 * #UPLOAD_BASELINE} (the baseline profile, only when the upload brings training data or a profile)
 * and {@value #UPLOAD_COMMIT} (the database transaction, with the version it numbered). A change
 * feed poll: {@value #EVENTS_POLL}, from the request to its answer (a parked long poll included).
 * Thread-safe.
 */
@ApplicationScoped
public class RegistrySpans {

  public static final String UPLOAD_SPOOL = "registry.upload.spool";
  public static final String UPLOAD_BASELINE = "registry.upload.baseline";
  public static final String UPLOAD_COMMIT = "registry.upload.commit";
  public static final String EVENTS_POLL = "registry.events.poll";

  public static final AttributeKey<String> MODEL = AttributeKey.stringKey("modelport.model");

  /** The version number, as text (the same key and type as serving's spans). */
  public static final AttributeKey<String> VERSION = AttributeKey.stringKey("modelport.version");

  /** The artifact's size. */
  public static final AttributeKey<Long> BYTES = AttributeKey.longKey("modelport.bytes");

  /** The artifact's SHA-256, lower-case hex. */
  public static final AttributeKey<String> SHA256 = AttributeKey.stringKey("modelport.sha256");

  public static final AttributeKey<Long> EVENTS_AFTER =
      AttributeKey.longKey("modelport.events.after");

  /** The wait the poll asked for, in milliseconds (before the cap to {@code max-wait}). */
  public static final AttributeKey<Long> EVENTS_WAIT_MS =
      AttributeKey.longKey("modelport.events.wait_ms");

  public static final AttributeKey<Long> EVENTS_COUNT =
      AttributeKey.longKey("modelport.events.count");

  /** The answer's {@code last}: the {@code after} of the next poll. */
  public static final AttributeKey<Long> EVENTS_LAST =
      AttributeKey.longKey("modelport.events.last");

  private final Tracer tracer;

  @Inject
  public RegistrySpans(Tracer tracer) {
    this.tracer = tracer;
  }

  /**
   * A span {@code name} child of the current span, or {@link Span#getInvalid()} (which records
   * nothing) when the current trace is not sampled.
   */
  public Span start(String name) {
    Context parent = Context.current();
    if (!Span.fromContext(parent).getSpanContext().isSampled()) {
      return Span.getInvalid();
    }
    return tracer.spanBuilder(name).setParent(parent).startSpan();
  }

  /**
   * Runs {@code step} in a span {@code name} on model {@code model} (current while it runs), then
   * lets {@code describe} add what the result tells; a failure is recorded on the span. Without a
   * sampled trace it only runs {@code step}.
   */
  public <T> T inSpan(
      String name, String model, Supplier<T> step, BiConsumer<Span, ? super T> describe) {
    Span span = start(name);
    if (!span.isRecording()) {
      return step.get();
    }
    span.setAttribute(MODEL, model);
    try (Scope ignored = span.makeCurrent()) {
      T result = step.get();
      describe.accept(span, result);
      return result;
    } catch (RuntimeException | Error e) {
      failed(span, e);
      throw e;
    } finally {
      span.end();
    }
  }

  /**
   * Runs the change-feed poll {@code poll} in a {@value #EVENTS_POLL} span that ends when its
   * answer completes (a parked poll's on the feed's thread), with the count and {@code last} of the
   * answer. Without a sampled trace it only runs {@code poll}.
   */
  public CompletionStage<EventBatch> poll(
      long after, Duration wait, Supplier<CompletionStage<EventBatch>> poll) {
    Span span = start(EVENTS_POLL);
    if (!span.isRecording()) {
      return poll.get();
    }
    span.setAttribute(EVENTS_AFTER, after).setAttribute(EVENTS_WAIT_MS, wait.toMillis());
    CompletionStage<EventBatch> answer;
    try (Scope ignored = span.makeCurrent()) {
      answer = poll.get();
    } catch (RuntimeException | Error e) {
      failed(span, e);
      span.end();
      throw e;
    }
    return answer.whenComplete(
        (batch, failure) -> {
          if (failure != null) {
            failed(span, failure);
          } else {
            span.setAttribute(EVENTS_COUNT, batch.events().size())
                .setAttribute(EVENTS_LAST, batch.last());
          }
          span.end();
        });
  }

  /** Marks {@code span} failed by {@code failure}; does not end it. */
  public static void failed(Span span, Throwable failure) {
    span.recordException(failure);
    span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
  }
}
