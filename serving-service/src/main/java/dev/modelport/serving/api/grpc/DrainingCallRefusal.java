package dev.modelport.serving.api.grpc;

import dev.modelport.protocol.grpc.GRPCInferenceServiceGrpc;
import dev.modelport.serving.lifecycle.ServingLifecycle;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * While the server shuts down ({@link ServingLifecycle#isDraining()}), refuses every new gRPC call
 * with UNAVAILABLE, which clients treat as "retry elsewhere"; calls already running are answered.
 * {@code ServerLive} and {@code ServerReady} go on answering (ready: false). The GOAWAY that tells
 * clients to open no more streams on their connections is {@link GrpcServerDrain}'s.
 */
@GlobalInterceptor
@ApplicationScoped
public class DrainingCallRefusal implements ServerInterceptor {

  private static final Set<String> ANSWERED_WHILE_DRAINING =
      Set.of(
          GRPCInferenceServiceGrpc.getServerLiveMethod().getFullMethodName(),
          GRPCInferenceServiceGrpc.getServerReadyMethod().getFullMethodName());

  @Inject ServingLifecycle lifecycle;

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    if (lifecycle.isDraining()
        && !ANSWERED_WHILE_DRAINING.contains(call.getMethodDescriptor().getFullMethodName())) {
      call.close(
          Status.UNAVAILABLE.withDescription(
              "the server is shutting down; retry on another replica"),
          new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return next.startCall(call, headers);
  }
}
