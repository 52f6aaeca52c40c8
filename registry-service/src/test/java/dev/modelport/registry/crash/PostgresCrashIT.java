package dev.modelport.registry.crash;

import dev.modelport.testsupport.PackagedService;

/**
 * {@link RegistryCrashTest} on PostgreSQL at 127.0.0.1:5432 (database {@code test}), in a schema of
 * its own that is dropped afterwards.
 */
class PostgresCrashIT extends RegistryCrashTest {
  private String schema;

  @Override
  void configure(PackagedService.Builder builder) {
    schema = PackagedRegistry.usePostgres(builder);
  }

  @Override
  String name() {
    return "postgres-crash-it";
  }

  @Override
  void afterStop() {
    if (schema != null) {
      PackagedRegistry.dropPostgresSchema(schema);
    }
  }
}
