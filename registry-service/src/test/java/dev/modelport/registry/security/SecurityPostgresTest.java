package dev.modelport.registry.security;

import dev.modelport.registry.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(PostgresProfile.class)
class SecurityPostgresTest extends SecurityTest {}
