package dev.modelport.serving.api;

import dev.modelport.testsupport.FreePorts;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import java.util.Map;

/**
 * Gives the shared test application's gRPC server a free port on 127.0.0.1 (never a fixed one, so
 * that test runs of several checkouts on one machine do not answer each other's calls). Global: it
 * applies to every {@code @QuarkusTest} of the module, so they keep sharing one application. {@link
 * GrpcClient} reads the port from the configuration.
 */
@WithTestResource(value = GrpcTestPort.class, scope = TestResourceScope.GLOBAL)
public class GrpcTestPort implements QuarkusTestResourceLifecycleManager {

  public static final String PORT = "quarkus.grpc.server.test-port";

  @Override
  public Map<String, String> start() {
    return Map.of(
        PORT, Integer.toString(FreePorts.next()), "quarkus.grpc.server.host", "127.0.0.1");
  }

  @Override
  public void stop() {}
}
