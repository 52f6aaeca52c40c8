package dev.modelport.serving.api;

import dev.modelport.protocol.grpc.GRPCInferenceServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;

/** A plaintext grpc-java channel to the test application's gRPC server (test port 18931). */
public final class GrpcClient {

  private static ManagedChannel channel;

  private GrpcClient() {}

  public static synchronized GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub() {
    if (channel == null) {
      channel =
          ManagedChannelBuilder.forAddress("localhost", 18931)
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
