package dev.modelport.registry.baseline;

import dev.modelport.registry.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(PostgresProfile.class)
class BaselineApiPostgresTest extends BaselineApiTest {}
