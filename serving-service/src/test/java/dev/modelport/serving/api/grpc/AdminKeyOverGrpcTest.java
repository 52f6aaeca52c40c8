package dev.modelport.serving.api.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.protocol.grpc.GRPCInferenceServiceGrpc;
import dev.modelport.protocol.grpc.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import dev.modelport.protocol.grpc.RepositoryIndexRequest;
import dev.modelport.protocol.grpc.RepositoryModelLoadRequest;
import dev.modelport.protocol.grpc.RepositoryModelUnloadRequest;
import dev.modelport.serving.api.RepositoryAdmin;
import dev.modelport.serving.config.ServingConfig;
import dev.modelport.serving.lifecycle.LifecycleObserver;
import dev.modelport.serving.lifecycle.ModelManager;
import dev.modelport.serving.lifecycle.NativeHeapTrimmer;
import dev.modelport.serving.lifecycle.VersionLoader;
import dev.modelport.serving.repository.LocalModelRepository;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.MetadataUtils;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin key rule of the repository rpcs with a key configured: the service, its credentials
 * interceptor and {@link RepositoryAdmin} on a plain gRPC server on 127.0.0.1 (the shared test
 * application runs without a key, and a second Quarkus application cannot load the engines' native
 * libraries again). The repository is empty, so a call that passes the key check ends NOT_FOUND,
 * and one that does not ends UNAUTHENTICATED.
 */
class AdminKeyOverGrpcTest {

  private static final String KEY = "test-admin-key";

  @TempDir Path repository;
  private Server server;
  private ManagedChannel channel;
  private ManagedExecutor workers;

  @BeforeEach
  void start() throws Exception {
    ModelManager models =
        new ModelManager(
            new LocalModelRepository(List.of(repository)),
            new VersionLoader(null, true, LifecycleObserver.NONE),
            LifecycleObserver.NONE,
            Duration.ofSeconds(1),
            new NativeHeapTrimmer(false));
    InferenceGrpcService service = new InferenceGrpcService();
    service.models = models;
    service.repository = new RepositoryAdmin(models, admin(Optional.of(KEY)));
    workers = ManagedExecutor.builder().maxAsync(2).build();
    service.workers = workers;
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(ServerInterceptors.intercept(service, new AdminCredentialsInterceptor()))
            .build()
            .start();
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
  }

  @AfterEach
  void stop() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    workers.shutdownNow();
  }

  @Test
  void loadAndUnloadWithoutTheKeyAreUnauthenticated() {
    assertCode(() -> stub().repositoryModelLoad(load()), Status.Code.UNAUTHENTICATED);
    assertCode(
        () ->
            stub()
                .repositoryModelUnload(
                    RepositoryModelUnloadRequest.newBuilder().setModelName("m").build()),
        Status.Code.UNAUTHENTICATED);
  }

  @Test
  void aWrongKeyInEitherMetadataIsUnauthenticated() {
    assertCode(
        () -> stub("x-api-key", "wrong").repositoryModelLoad(load()), Status.Code.UNAUTHENTICATED);
    assertCode(
        () -> stub("authorization", "Bearer wrong").repositoryModelLoad(load()),
        Status.Code.UNAUTHENTICATED);
    assertCode(
        () -> stub("authorization", KEY).repositoryModelLoad(load()), // not a Bearer credential
        Status.Code.UNAUTHENTICATED);
  }

  @Test
  void theKeyInEitherMetadataPassesTheCheck() {
    assertCode(() -> stub("x-api-key", KEY).repositoryModelLoad(load()), Status.Code.NOT_FOUND);
    assertCode(
        () -> stub("authorization", "Bearer " + KEY).repositoryModelLoad(load()),
        Status.Code.NOT_FOUND);
  }

  @Test
  void theIndexNeedsNoKey() {
    assertThat(stub().repositoryIndex(RepositoryIndexRequest.getDefaultInstance()).getModelsList())
        .isEmpty();
  }

  private GRPCInferenceServiceBlockingStub stub() {
    return GRPCInferenceServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private GRPCInferenceServiceBlockingStub stub(String header, String value) {
    Metadata metadata = new Metadata();
    metadata.put(Metadata.Key.of(header, Metadata.ASCII_STRING_MARSHALLER), value);
    return stub().withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata));
  }

  private static RepositoryModelLoadRequest load() {
    return RepositoryModelLoadRequest.newBuilder().setModelName("no-such-model").build();
  }

  private static void assertCode(Runnable call, Status.Code code) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(code);
              if (code == Status.Code.UNAUTHENTICATED) {
                assertThat(e.getStatus().getDescription()).contains("admin API key");
              }
            });
  }

  private static ServingConfig.Admin admin(Optional<String> key) {
    return new ServingConfig.Admin() {
      @Override
      public boolean repositoryExtension() {
        return true;
      }

      @Override
      public Optional<String> apiKey() {
        return key;
      }
    };
  }
}
