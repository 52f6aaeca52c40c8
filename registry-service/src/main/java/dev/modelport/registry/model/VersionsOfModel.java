package dev.modelport.registry.model;

import dev.modelport.registry.storage.Sha256;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What deleting a model needs from the versions feature. Declared here and implemented there
 * ({@code dev.modelport.registry.version}), so that versions depend on models and not the other way
 * round. Implementations are thread-safe.
 */
public interface VersionsOfModel {
  /**
   * Deletes every version of {@code model} with its baseline, on the caller's transaction.
   *
   * @return the artifact digests those versions used
   */
  List<Sha256> deleteAll(Connection c, ModelName model) throws SQLException;
}
