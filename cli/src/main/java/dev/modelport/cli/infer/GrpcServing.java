package dev.modelport.cli.infer;

import dev.modelport.cli.connect.Unreachable;
import dev.modelport.cli.console.CommandFailure;
import dev.modelport.protocol.codec.GrpcTensorMapper;
import dev.modelport.protocol.grpc.GRPCInferenceServiceGrpc;
import dev.modelport.protocol.grpc.ModelInferRequest;
import dev.modelport.protocol.grpc.ModelInferResponse;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.protocol.tensor.TensorLimits;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code inference.GRPCInferenceService/ModelInfer} with typed contents, on one plaintext channel.
 */
final class GrpcServing implements ServingClient {
  private final String target;
  private final Duration timeout;
  private final ManagedChannel channel;
  private final GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub;

  GrpcServing(String target, Duration timeout) {
    this.target = target;
    this.timeout = timeout;
    this.channel =
        NettyChannelBuilder.forTarget(target)
            .usePlaintext()
            .maxInboundMessageSize(128 * 1024 * 1024)
            .build();
    this.stub = GRPCInferenceServiceGrpc.newBlockingStub(channel);
  }

  @Override
  public List<Tensor> infer(String model, String version, List<Tensor> inputs) {
    ModelInferRequest request =
        GrpcTensorMapper.addInputs(
                ModelInferRequest.newBuilder()
                    .setModelName(model)
                    .setModelVersion(version == null ? "" : version),
                inputs,
                false)
            .build();
    ModelInferResponse response;
    try {
      response =
          stub.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS).modelInfer(request);
    } catch (StatusRuntimeException e) {
      String error = e.getStatus().getDescription() == null ? "" : e.getStatus().getDescription();
      throw new CommandFailure(
          switch (e.getStatus().getCode()) {
            case UNAVAILABLE ->
                "cannot reach serving's gRPC at "
                    + target
                    + " ("
                    + (e.getCause() != null ? Unreachable.reason(e.getCause()) : error)
                    + "): is 'modelport up' running? Another suite: --grpc HOST:PORT";
            case NOT_FOUND -> ServingAnswers.describe(target, model, version, 404, error);
            case INVALID_ARGUMENT -> ServingAnswers.describe(target, model, version, 400, error);
            case DEADLINE_EXCEEDED ->
                "serving's gRPC at "
                    + target
                    + " gave no answer within "
                    + timeout.toSeconds()
                    + " s";
            default ->
                "serving's gRPC at "
                    + target
                    + " answered "
                    + e.getStatus().getCode()
                    + ": "
                    + error;
          });
    }
    return GrpcTensorMapper.outputs(response, TensorLimits.DEFAULT);
  }

  @Override
  public String address() {
    return target;
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
