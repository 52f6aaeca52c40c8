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
 * The fallback for a shutdown without a GOAWAY: while the server shuts down ({@link
 * ServingLifecycle#isDraining()}) and {@link GrpcServerDrain} could not shut the gRPC server down
 * gracefully, refuses every new gRPC call with UNAVAILABLE, which clients treat as "retry
 * elsewhere"; calls already running are answered. {@code ServerLive} and {@code ServerReady} go on
 * answering (ready: false).
 *
 * <p>With the GOAWAY (the normal case) it refuses nothing: every call whose stream the server
 * received before its final GOAWAY is answered, and later streams are refused by the transport
 * (REFUSED_STREAM; the client sees UNAVAILABLE). Refusing calls here too would refuse calls that
 * were sent before the SIGTERM but reached the application only after it, on a busy server.
 */
@GlobalInterceptor
@ApplicationScoped
public class DrainingCallRefusal implements ServerInterceptor {

  private static final Set<String> ANSWERED_WHILE_DRAINING =
      Set.of(
          GRPCInferenceServiceGrpc.getServerLiveMethod().getFullMethodName(),
          GRPCInferenceServiceGrpc.getServerReadyMethod().getFullMethodName());

  @Inject ServingLifecycle lifecycle;
  @Inject GrpcServerDrain drain;

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    if (lifecycle.isDraining()
        && !drain.sentGoAway()
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
