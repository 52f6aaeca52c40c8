package dev.modelport.registry.version;

import dev.modelport.registry.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(PostgresProfile.class)
class VersionApiPostgresTest extends VersionApiTest {}
