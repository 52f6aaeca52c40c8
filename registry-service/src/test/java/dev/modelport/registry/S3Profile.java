package dev.modelport.registry;

import dev.modelport.registry.storage.S3ProxyServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** Runs a test class with the S3 blob store against an S3Proxy started for the profile. */
public class S3Profile implements QuarkusTestProfile {
  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(S3ProxyResource.class));
  }

  /** Starts S3Proxy and points the registry's S3 blob store at it. */
  public static class S3ProxyResource implements QuarkusTestResourceLifecycleManager {
    private S3ProxyServer server;

    @Override
    public Map<String, String> start() {
      try {
        server = new S3ProxyServer();
      } catch (Exception e) {
        throw new IllegalStateException("cannot start S3Proxy", e);
      }
      return Map.of(
          "modelport.registry.storage.kind", "s3",
          "modelport.registry.storage.s3.endpoint", server.endpoint().toString(),
          "modelport.registry.storage.s3.bucket", "registry-test",
          "modelport.registry.storage.s3.create-bucket", "true",
          "modelport.registry.storage.s3.access-key-id", S3ProxyServer.ACCESS_KEY,
          "modelport.registry.storage.s3.secret-access-key", S3ProxyServer.SECRET_KEY,
          "modelport.registry.storage.s3.part-size", "5M");
    }

    @Override
    public void stop() {
      try {
        server.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
