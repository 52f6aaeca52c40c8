package dev.modelport.serving.api.grpc;

import com.google.protobuf.Message;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.InputStream;

/**
 * Makes a request message that is not valid protobuf a client error: {@code INVALID_ARGUMENT} with
 * a message, where grpc-java's own parsing ends the call with {@code UNKNOWN: Application error
 * processing RPC} and logs a SEVERE stack trace. Each method's request marshaller is wrapped so
 * that a parse failure yields a per-method marker message instead of an exception; the call handler
 * answers the marker with {@code INVALID_ARGUMENT} and never passes it to the service.
 */
final class MalformedMessages {

  private MalformedMessages() {}

  /** {@code service} with every method's requests parsed this way. */
  static ServerServiceDefinition refusedAsInvalidArgument(ServerServiceDefinition service) {
    ServerServiceDefinition.Builder b =
        ServerServiceDefinition.builder(service.getServiceDescriptor().getName());
    for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
      b.addMethod(lenient(method));
    }
    return b.build();
  }

  private static <Q, R> ServerMethodDefinition<Q, R> lenient(ServerMethodDefinition<Q, R> method) {
    MethodDescriptor<Q, R> descriptor = method.getMethodDescriptor();
    if (!(descriptor.getRequestMarshaller()
        instanceof MethodDescriptor.PrototypeMarshaller<Q> prototypes)) {
      return method;
    }
    @SuppressWarnings("unchecked")
    Q marker = (Q) ((Message) prototypes.getMessagePrototype()).toBuilder().build();
    MethodDescriptor.Marshaller<Q> parsing = descriptor.getRequestMarshaller();
    MethodDescriptor.Marshaller<Q> lenient =
        new MethodDescriptor.Marshaller<>() {
          @Override
          public InputStream stream(Q value) {
            return parsing.stream(value);
          }

          @Override
          public Q parse(InputStream stream) {
            try {
              return parsing.parse(stream);
            } catch (StatusRuntimeException e) {
              return marker;
            }
          }
        };
    ServerCallHandler<Q, R> handler = method.getServerCallHandler();
    ServerCallHandler<Q, R> refusing =
        (call, headers) ->
            new SimpleForwardingServerCallListener<>(handler.startCall(call, headers)) {
              private boolean refused;

              @Override
              public void onMessage(Q message) {
                if (message == marker) {
                  refused = true;
                  call.close(
                      Status.INVALID_ARGUMENT.withDescription(
                          "request: not a valid "
                              + descriptor.getBareMethodName()
                              + " request message (malformed protobuf)"),
                      new Metadata());
                  return;
                }
                super.onMessage(message);
              }

              @Override
              public void onHalfClose() {
                if (!refused) {
                  super.onHalfClose();
                }
              }
            };
    return ServerMethodDefinition.create(
        descriptor.toBuilder(lenient, descriptor.getResponseMarshaller()).build(), refusing);
  }
}
