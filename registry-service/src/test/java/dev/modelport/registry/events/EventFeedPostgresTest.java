package dev.modelport.registry.events;

import dev.modelport.registry.PostgresProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(PostgresProfile.class)
class EventFeedPostgresTest extends EventFeedTest {}
