package dev.modelport.registry.alias;

import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.registry.RegistryConfig;
import dev.modelport.registry.audit.AuditLog;
import dev.modelport.registry.error.ForbiddenOperationException;
import dev.modelport.registry.error.NotFoundException;
import dev.modelport.registry.events.EventFeed;
import dev.modelport.registry.events.EventLog;
import dev.modelport.registry.model.ModelName;
import dev.modelport.registry.model.ModelRepository;
import dev.modelport.registry.security.Caller;
import dev.modelport.registry.storage.RegistryDatabase;
import dev.modelport.registry.version.VersionRepository;
import dev.modelport.registryclient.api.Alias;
import dev.modelport.registryclient.api.AliasChange;
import dev.modelport.registryclient.api.EventType;
import dev.modelport.registryclient.api.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Aliases: set, move, delete and resolve. Writes lock the model's row first, so concurrent moves of
 * one model's aliases are serialised and each audit entry's "before" is the previous entry's
 * "after". Protected aliases ({@code modelport.registry.protected-aliases}) need an admin.
 * Thread-safe.
 */
@ApplicationScoped
public class AliasService {
  private final RegistryDatabase database;
  private final ModelRepository models;
  private final VersionRepository versions;
  private final AliasRepository aliases;
  private final AuditLog audit;
  private final EventLog events;
  private final EventFeed feed;
  private final RegistryConfig config;

  @Inject
  AliasService(
      RegistryDatabase database,
      ModelRepository models,
      VersionRepository versions,
      AliasRepository aliases,
      AuditLog audit,
      EventLog events,
      EventFeed feed,
      RegistryConfig config) {
    this.database = database;
    this.models = models;
    this.versions = versions;
    this.aliases = aliases;
    this.audit = audit;
    this.events = events;
    this.feed = feed;
    this.config = config;
  }

  /** Points {@code alias} at {@code version}; setting it to its current version changes nothing. */
  public Alias set(ModelName model, AliasName alias, VersionNumber version, Caller caller) {
    requireAdminIfProtected(alias, caller, "move");
    Alias result =
        database.inTransaction(
            c -> {
              lockModel(c, model);
              if (versions.find(c, model, version).isEmpty()) {
                throw new NotFoundException(
                    "version " + version + " of model '" + model + "' not found");
              }
              Alias before = aliases.find(c, model, alias).orElse(null);
              if (before != null && before.version().equals(version)) {
                return before;
              }
              aliases.upsert(c, model, alias, version, caller.name(), now());
              Alias after = aliases.find(c, model, alias).orElseThrow();
              audit.record(
                  c, caller, "alias.set", target(model, alias), model.value(), before, after);
              events.append(
                  c,
                  EventType.ALIAS_MOVED,
                  model.value(),
                  version,
                  alias.value(),
                  before == null ? null : before.version());
              return after;
            });
    feed.wakeUp();
    return result;
  }

  public void delete(ModelName model, AliasName alias, Caller caller) {
    requireAdminIfProtected(alias, caller, "delete");
    database.inTransaction(
        c -> {
          lockModel(c, model);
          Alias before = aliases.find(c, model, alias).orElseThrow(() -> notFound(model, alias));
          aliases.delete(c, model, alias);
          audit.record(
              c, caller, "alias.delete", target(model, alias), model.value(), before, null);
          events.append(
              c, EventType.ALIAS_DELETED, model.value(), null, alias.value(), before.version());
          return null;
        });
    feed.wakeUp();
  }

  public Alias resolve(ModelName model, AliasName alias) {
    return database
        .read(c -> aliases.find(c, model, alias))
        .orElseThrow(() -> notFound(model, alias));
  }

  /** Which version held {@code alias} when, newest first (from the audit log). */
  public Page<AliasChange> history(ModelName model, AliasName alias, int offset, int limit) {
    if (database.read(c -> models.find(c, model)).isEmpty()) {
      throw new NotFoundException("model '" + model + "' not found");
    }
    return audit.aliasChanges(model.value(), alias.value(), target(model, alias), offset, limit);
  }

  public List<Alias> list(ModelName model) {
    return database.read(
        c -> {
          if (models.find(c, model).isEmpty()) {
            throw new NotFoundException("model '" + model + "' not found");
          }
          return aliases.list(c, model);
        });
  }

  private void requireAdminIfProtected(AliasName alias, Caller caller, String what) {
    if (protectedAliases().contains(alias.value()) && !caller.admin()) {
      throw new ForbiddenOperationException(
          "alias '" + alias + "' is protected: only an admin may " + what + " it");
    }
  }

  private List<String> protectedAliases() {
    return config.protectedAliases().orElse(config.security().protectedAliases());
  }

  private void lockModel(Connection c, ModelName model) throws SQLException {
    if (!models.lock(c, model)) {
      throw new NotFoundException("model '" + model + "' not found");
    }
  }

  private static NotFoundException notFound(ModelName model, AliasName alias) {
    return new NotFoundException("alias '" + alias + "' of model '" + model + "' not found");
  }

  private static String target(ModelName model, AliasName alias) {
    return "models/" + model + "/aliases/" + alias;
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
