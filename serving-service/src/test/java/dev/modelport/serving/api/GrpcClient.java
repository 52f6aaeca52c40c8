package dev.modelport.serving.api;

import dev.modelport.protocol.grpc.GRPCInferenceServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A plaintext grpc-java channel to the test application's gRPC server, on the free port that {@link
 * GrpcTestPort} gave it.
 */
public final class GrpcClient {

  private static ManagedChannel channel;

  private GrpcClient() {}

  public static synchronized GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub() {
    if (channel == null) {
      channel =
          ManagedChannelBuilder.forAddress(
                  "127.0.0.1",
                  ConfigProvider.getConfig().getValue(GrpcTestPort.PORT, Integer.class))
              .usePlaintext()
              .maxInboundMessageSize(64 * 1024 * 1024)
              .build();
    }
    return GRPCInferenceServiceGrpc.newBlockingStub(channel);
  }

  public static synchronized GRPCInferenceServiceGrpc.GRPCInferenceServiceFutureStub futureStub() {
    stub();
    return GRPCInferenceServiceGrpc.newFutureStub(channel);
  }
}
