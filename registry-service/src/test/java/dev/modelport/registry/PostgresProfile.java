package dev.modelport.registry;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * Runs a test class against the real PostgreSQL on 127.0.0.1:5432 (database {@code test}, user
 * {@code postgres}, trust authentication) in a fresh schema per test run ({@link PostgresSchema}).
 */
public class PostgresProfile implements QuarkusTestProfile {
  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("modelport.registry.database", "postgresql");
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(PostgresSchema.class));
  }
}
