package dev.modelport.registry.version;

import dev.modelport.registry.S3Profile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The version API with artifacts in S3 (S3Proxy) instead of the filesystem. */
@QuarkusTest
@TestProfile(S3Profile.class)
class VersionApiS3Test extends VersionApiTest {}
