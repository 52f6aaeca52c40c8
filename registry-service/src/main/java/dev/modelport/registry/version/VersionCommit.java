package dev.modelport.registry.version;

import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.registry.audit.AuditLog;
import dev.modelport.registry.baseline.BaselineRepository;
import dev.modelport.registry.error.ConflictException;
import dev.modelport.registry.events.EventFeed;
import dev.modelport.registry.events.EventLog;
import dev.modelport.registry.model.ModelName;
import dev.modelport.registry.model.ModelRepository;
import dev.modelport.registry.model.ModelService;
import dev.modelport.registry.security.Caller;
import dev.modelport.registry.storage.RegistryDatabase;
import dev.modelport.registryclient.api.Artifact;
import dev.modelport.registryclient.api.EventType;
import dev.modelport.registryclient.api.ModelVersion;
import dev.modelport.registryclient.api.VersionMetadata;
import dev.modelport.registryclient.api.VersionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Commits a new version in one short transaction: creates the model when it does not exist yet,
 * takes the next number under the model's row lock, inserts the version and its baseline, appends
 * the audit entry and the change event (last, to keep the feed's counter lock short), then wakes
 * parked long polls. The answer is built from what was written, not read back. Thread-safe.
 */
@ApplicationScoped
public class VersionCommit {
  private final RegistryDatabase database;
  private final ModelRepository models;
  private final ModelService modelService;
  private final VersionRepository versions;
  private final BaselineRepository baselines;
  private final AuditLog audit;
  private final EventLog events;
  private final EventFeed feed;

  @Inject
  VersionCommit(
      RegistryDatabase database,
      ModelRepository models,
      ModelService modelService,
      VersionRepository versions,
      BaselineRepository baselines,
      AuditLog audit,
      EventLog events,
      EventFeed feed) {
    this.database = database;
    this.models = models;
    this.modelService = modelService;
    this.versions = versions;
    this.baselines = baselines;
    this.audit = audit;
    this.events = events;
    this.feed = feed;
  }

  ModelVersion commit(ModelName model, NewVersion version, Caller caller) {
    ModelVersion created;
    try {
      created = inTransaction(model, version, caller);
    } catch (ConflictException lostTheRaceToCreateTheModel) {
      // another first upload created the model meanwhile: it exists now, so this one goes through
      created = inTransaction(model, version, caller);
    }
    feed.wakeUp();
    return created;
  }

  private ModelVersion inTransaction(ModelName model, NewVersion version, Caller caller) {
    return database.inTransaction(
        c -> {
          modelService.createIfAbsent(c, model, caller);
          Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
          VersionNumber number = models.nextVersion(c, model, caller.name(), now);
          ModelVersion row = created(model, number, version, caller, now);
          versions.insert(
              c,
              model,
              number,
              version.metadata(),
              version.blob(),
              version.fileName(),
              row.hasBaseline(),
              caller.name(),
              now);
          if (version.baselineJson().isPresent()) {
            baselines.insert(c, model, number, version.baselineJson().get(), now);
          }
          audit.record(
              c,
              caller,
              "version.create",
              "models/" + model + "/versions/" + number,
              model.value(),
              null,
              row);
          events.append(c, EventType.VERSION_CREATED, model.value(), number, null, null);
          return row;
        });
  }

  private static ModelVersion created(
      ModelName model, VersionNumber number, NewVersion version, Caller caller, Instant now) {
    VersionMetadata m = version.metadata();
    return new ModelVersion(
        model.value(),
        number,
        VersionStatus.READY,
        new Artifact(
            m.format(), version.blob().size(), version.blob().sha256().hex(), version.fileName()),
        m.signature(),
        m.serving(),
        m.metrics(),
        m.params(),
        m.lineage(),
        m.tags(),
        m.description(),
        version.baselineJson().isPresent(),
        caller.name(),
        now);
  }
}
