package dev.modelport.registry.storage;

import dev.modelport.registry.RegistryConfig;
import dev.modelport.registry.error.ConflictException;
import dev.modelport.registry.error.RegistryException;
import dev.modelport.registry.error.StorageException;
import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The metadata database: the active one of the named datasources {@code h2} and {@code postgresql}
 * (see {@link DatabaseSelection}). Runs work in short JDBC transactions on pooled connections; all
 * SQL of the registry is portable between H2 and PostgreSQL. Thread-safe.
 */
@ApplicationScoped
public class RegistryDatabase {
  private final AgroalDataSource dataSource;
  private final boolean syncAfterCommit;

  @Inject
  RegistryDatabase(
      @DataSource("embedded") Instance<AgroalDataSource> h2,
      @DataSource("postgresql") Instance<AgroalDataSource> postgresql,
      RegistryConfig config) {
    // Qualified Instance injection points keep both datasource beans; only the active one is
    // resolved.
    this.dataSource =
        switch (config.database()) {
          case h2 -> h2.get();
          case postgresql -> postgresql.get();
        };
    // PostgreSQL's commit returns once the WAL is flushed (synchronous_commit=on, its default);
    // H2's returns once the MVStore wrote the change to the file (WRITE_DELAY=0), not fsync'ed.
    this.syncAfterCommit = config.database() == RegistryConfig.DatabaseKind.h2;
  }

  /**
   * Runs {@code work} in one READ COMMITTED transaction: committed when it returns, rolled back
   * when it throws. A unique-key violation becomes a {@link ConflictException}. Returns only once
   * the commit is durable: on H2 the commit is forced to the disk ({@code CHECKPOINT SYNC}), on
   * PostgreSQL its WAL record is flushed by the commit itself.
   */
  public <T> T inTransaction(SqlWork<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      try {
        T result = work.run(connection);
        connection.commit();
        if (syncAfterCommit) {
          try (Statement sync = connection.createStatement()) {
            sync.execute("CHECKPOINT SYNC");
          }
        }
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw translate(e);
    }
  }

  /** Runs read-only {@code work} in auto-commit mode. */
  public <T> T read(SqlWork<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw translate(e);
    }
  }

  private static RegistryException translate(SQLException e) {
    // 23505: unique violation in both H2 and PostgreSQL
    if ("23505".equals(e.getSQLState())) {
      return new ConflictException("already exists");
    }
    return new StorageException("metadata database failure: " + e.getMessage(), e);
  }
}
