package dev.modelport.serving.api.grpc;

import dev.modelport.serving.inference.InferCall;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Carries the {@code x-modelport-route-key} metadata of a gRPC call into its {@link Context}, where
 * {@link InferenceGrpcService} reads it (sticky canary routing). Stateless.
 */
@GlobalInterceptor
@ApplicationScoped
public class RouteKeyInterceptor implements ServerInterceptor {

  /** The call's routing key, null when it has none. */
  static final Context.Key<String> ROUTE_KEY = Context.key(InferCall.ROUTE_KEY);

  private static final Metadata.Key<String> HEADER =
      Metadata.Key.of(InferCall.ROUTE_KEY, Metadata.ASCII_STRING_MARSHALLER);

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String key = headers.get(HEADER);
    if (key == null) {
      return next.startCall(call, headers);
    }
    return Contexts.interceptCall(Context.current().withValue(ROUTE_KEY, key), call, headers, next);
  }
}
