package dev.modelport.serving.api.grpc;

import dev.modelport.serving.api.RepositoryAdmin.Credentials;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Carries a call's {@code authorization} and {@code x-api-key} metadata (the REST headers' gRPC
 * equivalents) into its {@link Context}, where {@link InferenceGrpcService} hands them to the
 * repository rpcs' admin key check. Stateless.
 */
@GlobalInterceptor
@ApplicationScoped
public class AdminCredentialsInterceptor implements ServerInterceptor {

  /** The call's credentials; both parts null when it presented none. */
  static final Context.Key<Credentials> CREDENTIALS =
      Context.keyWithDefault("modelport-admin-credentials", new Credentials(null, null));

  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<String> API_KEY =
      Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER);

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String authorization = headers.get(AUTHORIZATION);
    String apiKey = headers.get(API_KEY);
    if (authorization == null && apiKey == null) {
      return next.startCall(call, headers);
    }
    return Contexts.interceptCall(
        Context.current().withValue(CREDENTIALS, new Credentials(authorization, apiKey)),
        call,
        headers,
        next);
  }
}
