package dev.modelport.registry.version;

import dev.modelport.registry.api.MultipartStream;
import dev.modelport.registry.baseline.BaselineBuilder;
import dev.modelport.registry.model.ModelName;
import dev.modelport.registry.security.Caller;
import dev.modelport.registry.tracing.RegistrySpans;
import dev.modelport.registryclient.api.ModelVersion;
import dev.modelport.registryclient.api.VersionMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Uploads of new versions, in four steps with one owner each: {@link UploadReceiver} reads the
 * multipart body as it arrives (binding the metadata, streaming the artifact into the blob store,
 * spooling training data), {@link SignatureSource} and {@link MetadataCheck} settle the one
 * signature and check the metadata, {@link BaselineBuilder} profiles the training data, {@link
 * VersionCommit} writes the version. Whatever fails, the upload leaves no blob, temporary file or
 * row behind, and the rest of the body is read off so the client gets the answer. Counted by {@link
 * UploadMetrics}; traced by {@link RegistrySpans} (spool, baseline, commit) when the request's
 * trace is sampled. Thread-safe.
 */
@ApplicationScoped
public class VersionUploads {
  private static final Logger LOG = Logger.getLogger(VersionUploads.class);
  private final UploadReceiver receiver;
  private final BaselineBuilder baselines;
  private final VersionCommit commit;
  private final UploadMetrics metrics;
  private final ArtifactFormatCheck formats;
  private final RegistrySpans spans;

  @Inject
  VersionUploads(
      UploadReceiver receiver,
      BaselineBuilder baselines,
      VersionCommit commit,
      UploadMetrics metrics,
      ArtifactFormatCheck formats,
      RegistrySpans spans) {
    this.receiver = receiver;
    this.baselines = baselines;
    this.commit = commit;
    this.metrics = metrics;
    this.formats = formats;
    this.spans = spans;
  }

  /**
   * Publishes the version that {@code form} carries; its number is the model's next one (1 for a
   * model that did not exist yet, which the commit creates).
   */
  public ModelVersion upload(ModelName model, MultipartStream form, Caller caller) {
    try {
      ModelVersion created = store(model, form, caller);
      metrics.created(created.artifact().size());
      return created;
    } catch (RuntimeException e) {
      metrics.refused();
      if (form.brokenOff()) {
        // the client's doing, not the registry's: no stack trace, nothing to alert on
        LOG.warnf(
            "Upload of a version of model '%s' by %s broke off before its end (the client"
                + " disconnected or was cut off); nothing was committed: %s",
            model, caller.name(), e.getMessage());
      }
      discardQuietly(form);
      throw e;
    }
  }

  private ModelVersion store(ModelName model, MultipartStream form, Caller caller) {
    String name = model.value();
    try (ReceivedUpload received =
        spans.inSpan(
            RegistrySpans.UPLOAD_SPOOL,
            name,
            () -> receiver.receive(form),
            (span, r) ->
                span.setAttribute(RegistrySpans.BYTES, r.blob().size())
                    .setAttribute(RegistrySpans.SHA256, r.blob().sha256().hex()))) {
      VersionMetadata metadata =
          MetadataCheck.check(
              received
                  .metadata()
                  .withSignature(
                      SignatureSource.resolve(
                          received.metadata().signature(), received.modelYaml())));
      formats.check(metadata.format(), received.blob());
      long bytes = received.blob().size();
      Optional<String> baseline =
          received.trainingCsv().isEmpty() && received.profileJson().isEmpty()
              ? Optional.empty()
              : spans.inSpan(
                  RegistrySpans.UPLOAD_BASELINE,
                  name,
                  () ->
                      baselines.build(
                          metadata.signature(), received.trainingCsv(), received.profileJson()),
                  (span, b) -> span.setAttribute(RegistrySpans.BYTES, bytes));
      ModelVersion created =
          spans.inSpan(
              RegistrySpans.UPLOAD_COMMIT,
              name,
              () ->
                  commit.commit(
                      model,
                      new NewVersion(metadata, received.blob(), received.fileName(), baseline),
                      caller),
              (span, v) ->
                  span.setAttribute(RegistrySpans.VERSION, String.valueOf(v.version().value()))
                      .setAttribute(RegistrySpans.BYTES, bytes));
      received.committed();
      return created;
    }
  }

  private static void discardQuietly(MultipartStream form) {
    if (form.finished()) {
      return;
    }
    try {
      form.discardRest();
    } catch (IOException brokenOff) {
      // the client is gone; nobody reads the answer
    }
  }
}
