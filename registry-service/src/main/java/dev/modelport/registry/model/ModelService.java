package dev.modelport.registry.model;

import dev.modelport.registry.audit.AuditLog;
import dev.modelport.registry.error.ConflictException;
import dev.modelport.registry.error.InvalidInputException;
import dev.modelport.registry.error.NotFoundException;
import dev.modelport.registry.events.EventFeed;
import dev.modelport.registry.events.EventLog;
import dev.modelport.registry.security.Caller;
import dev.modelport.registry.storage.RegistryDatabase;
import dev.modelport.registry.storage.Sha256;
import dev.modelport.registryclient.api.EventType;
import dev.modelport.registryclient.api.ModelUpdate;
import dev.modelport.registryclient.api.NewModel;
import dev.modelport.registryclient.api.Page;
import dev.modelport.registryclient.api.RegisteredModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Registered models: create, list, read, update and delete, each write audited. Thread-safe. */
@ApplicationScoped
public class ModelService {
  private final RegistryDatabase database;
  private final ModelRepository models;
  private final VersionsOfModel versions;
  private final AuditLog audit;
  private final EventLog events;
  private final EventFeed feed;

  @Inject
  ModelService(
      RegistryDatabase database,
      ModelRepository models,
      VersionsOfModel versions,
      AuditLog audit,
      EventLog events,
      EventFeed feed) {
    this.database = database;
    this.models = models;
    this.versions = versions;
    this.audit = audit;
    this.events = events;
    this.feed = feed;
  }

  public RegisteredModel create(NewModel request, Caller caller) {
    if (request == null) {
      throw new InvalidInputException(
          "body", "a JSON object with name, description and tags is required");
    }
    ModelName name = new ModelName(request.name());
    Tags.checkDescription("description", request.description());
    Tags.check("tags", request.tags());
    return database.inTransaction(
        c -> {
          if (models.find(c, name).isPresent()) {
            throw new ConflictException("model '" + name + "' already exists");
          }
          models.insert(c, name, request.description(), request.tags(), caller.name(), now());
          RegisteredModel created = models.find(c, name).orElseThrow();
          audit.record(c, caller, "model.create", target(name), name.value(), null, created);
          return created;
        });
  }

  /**
   * Creates {@code name} with no description or tags when it does not exist yet, on the caller's
   * transaction, audited like {@link #create}: a version uploaded to a new model creates it, as
   * {@code mlflow.register_model} does. Two first uploads racing may both see no model; the loser's
   * insert fails with a unique violation (a {@code ConflictException} after translation), which its
   * caller retries.
   *
   * @return whether the model was created
   */
  public boolean createIfAbsent(Connection c, ModelName name, Caller caller) throws SQLException {
    if (models.find(c, name).isPresent()) {
      return false;
    }
    models.insert(c, name, null, java.util.Map.of(), caller.name(), now());
    RegisteredModel created = models.find(c, name).orElseThrow();
    audit.record(c, caller, "model.create", target(name), name.value(), null, created);
    return true;
  }

  public RegisteredModel get(ModelName name) {
    return database.read(c -> require(c, name));
  }

  /**
   * One page of models by name.
   *
   * @param tag {@code key} (has the tag) or {@code key:value} (has it with that value), or null
   */
  public Page<RegisteredModel> list(String prefix, String tag, int offset, int limit) {
    String tagKey = tag == null || tag.isEmpty() ? null : tag.split(":", 2)[0];
    String tagValue = tag != null && tag.contains(":") ? tag.split(":", 2)[1] : null;
    return database.read(
        c -> {
          List<RegisteredModel> items = new ArrayList<>();
          for (String name : models.names(c, prefix, tagKey, tagValue, offset, limit)) {
            models.find(c, new ModelName(name)).ifPresent(items::add);
          }
          return new Page<>(items, offset, limit, models.count(c, prefix, tagKey, tagValue));
        });
  }

  public RegisteredModel update(ModelName name, ModelUpdate update, Caller caller) {
    if (update == null) {
      throw new InvalidInputException(
          "body", "a JSON object with description and/or tags is required");
    }
    Tags.checkDescription("description", update.description());
    if (update.tags() != null) {
      Tags.check("tags", update.tags());
    }
    return database.inTransaction(
        c -> {
          lockExisting(c, name);
          RegisteredModel before = require(c, name);
          String description =
              update.description() != null ? update.description() : before.description();
          models.update(c, name, description, update.tags(), caller.name(), now());
          RegisteredModel after = require(c, name);
          audit.record(c, caller, "model.update", target(name), name.value(), before, after);
          return after;
        });
  }

  /** Deletes a model with its versions and baselines; refused while an alias points into it. */
  public void delete(ModelName name, Caller caller) {
    List<Sha256> artifacts =
        database.inTransaction(
            c -> {
              lockExisting(c, name);
              RegisteredModel before = require(c, name);
              if (!before.aliases().isEmpty()) {
                throw new ConflictException(
                    "model '"
                        + name
                        + "' still has aliases "
                        + before.aliases().keySet()
                        + "; delete them first");
              }
              List<Sha256> digests = versions.deleteAll(c, name);
              models.delete(c, name);
              audit.record(c, caller, "model.delete", target(name), name.value(), before, null);
              events.append(c, EventType.MODEL_DELETED, name.value(), null, null, null);
              return digests;
            });
    feed.wakeUp();
    // the blobs now unreferenced are removed by the storage clean-up once past its grace period
  }

  private void lockExisting(Connection c, ModelName name) throws SQLException {
    if (!models.lock(c, name)) {
      throw new NotFoundException("model '" + name + "' not found");
    }
  }

  private RegisteredModel require(Connection c, ModelName name) throws SQLException {
    return models
        .find(c, name)
        .orElseThrow(() -> new NotFoundException("model '" + name + "' not found"));
  }

  static String target(ModelName name) {
    return "models/" + name;
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
