package dev.modelport.serving.api.grpc;

import dev.modelport.protocol.codec.GrpcTensorMapper;
import dev.modelport.protocol.grpc.GRPCInferenceServiceGrpc;
import dev.modelport.protocol.grpc.InferParameter;
import dev.modelport.protocol.grpc.ModelConfigRequest;
import dev.modelport.protocol.grpc.ModelConfigResponse;
import dev.modelport.protocol.grpc.ModelInferRequest;
import dev.modelport.protocol.grpc.ModelInferResponse;
import dev.modelport.protocol.grpc.ModelMetadataRequest;
import dev.modelport.protocol.grpc.ModelMetadataResponse;
import dev.modelport.protocol.grpc.ModelReadyRequest;
import dev.modelport.protocol.grpc.ModelReadyResponse;
import dev.modelport.protocol.grpc.ModelStatisticsRequest;
import dev.modelport.protocol.grpc.ModelStatisticsResponse;
import dev.modelport.protocol.grpc.RepositoryIndexRequest;
import dev.modelport.protocol.grpc.RepositoryIndexResponse;
import dev.modelport.protocol.grpc.RepositoryModelLoadRequest;
import dev.modelport.protocol.grpc.RepositoryModelLoadResponse;
import dev.modelport.protocol.grpc.RepositoryModelUnloadRequest;
import dev.modelport.protocol.grpc.RepositoryModelUnloadResponse;
import dev.modelport.protocol.grpc.ServerLiveRequest;
import dev.modelport.protocol.grpc.ServerLiveResponse;
import dev.modelport.protocol.grpc.ServerMetadataRequest;
import dev.modelport.protocol.grpc.ServerMetadataResponse;
import dev.modelport.protocol.grpc.ServerReadyRequest;
import dev.modelport.protocol.grpc.ServerReadyResponse;
import dev.modelport.protocol.model.TensorSpec;
import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.protocol.tensor.TensorLimits;
import dev.modelport.serving.api.ModelDescriptions;
import dev.modelport.serving.api.ModelDescriptions.Description;
import dev.modelport.serving.api.RepositoryAdmin;
import dev.modelport.serving.api.RepositoryAdmin.Credentials;
import dev.modelport.serving.api.RequestedVersion;
import dev.modelport.serving.api.TritonModelConfig;
import dev.modelport.serving.api.TritonStatistics;
import dev.modelport.serving.error.ErrorStatus;
import dev.modelport.serving.inference.CallerThreads;
import dev.modelport.serving.inference.InferCall;
import dev.modelport.serving.inference.InferResult;
import dev.modelport.serving.inference.InferenceService;
import dev.modelport.serving.inference.Offload;
import dev.modelport.serving.inference.Protocol;
import dev.modelport.serving.inference.RequestTimeouts;
import dev.modelport.serving.lifecycle.ModelManager;
import dev.modelport.serving.lifecycle.ServingLifecycle;
import dev.modelport.serving.statistics.ServingStatistics;
import dev.modelport.serving.tracing.ServingTracer;
import io.grpc.BindableService;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.api.trace.Span;
import io.quarkus.grpc.GrpcService;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.context.ManagedExecutor;

/**
 * {@code inference.GRPCInferenceService} (port 8081): health, metadata, Triton's extensions ({@code
 * ModelConfig}, {@code RepositoryIndex}, {@code RepositoryModelLoad}, {@code
 * RepositoryModelUnload}, with the REST edge's rules through {@link RepositoryAdmin}) and {@code
 * ModelInfer} with typed {@code contents} or {@code raw_input_contents}. Answers in raw contents
 * when the request used them (as Triton does) or when an output has no typed field (FP16); typed
 * otherwise. The request's {@code timeout} parameter (µs) and the call's gRPC deadline both bound
 * the request. Errors map through the one status table (INVALID_ARGUMENT, NOT_FOUND,
 * RESOURCE_EXHAUSTED, UNAVAILABLE, DEADLINE_EXCEEDED). Methods run on the event loop and never
 * block; the batcher hands each result back to the request's event loop, which encodes and writes
 * it (on the worker pool above {@link Offload#INLINE_ENCODE_ELEMENTS} output elements).
 */
@GrpcService
public class InferenceGrpcService
    implements GRPCInferenceServiceGrpc.AsyncService, BindableService {

  @Inject InferenceService inference;
  @Inject ModelManager models;
  @Inject ServingLifecycle lifecycle;
  @Inject TensorLimits limits;
  @Inject ManagedExecutor workers;
  @Inject ServingTracer tracer;
  @Inject RepositoryAdmin repository;
  @Inject ServingStatistics statistics;

  /** The service, with malformed request messages answered INVALID_ARGUMENT. */
  @Override
  public ServerServiceDefinition bindService() {
    return MalformedMessages.refusedAsInvalidArgument(GRPCInferenceServiceGrpc.bindService(this));
  }

  @Override
  public void serverLive(ServerLiveRequest request, StreamObserver<ServerLiveResponse> response) {
    response.onNext(ServerLiveResponse.newBuilder().setLive(true).build());
    response.onCompleted();
  }

  @Override
  public void serverReady(
      ServerReadyRequest request, StreamObserver<ServerReadyResponse> response) {
    response.onNext(ServerReadyResponse.newBuilder().setReady(lifecycle.isStarted()).build());
    response.onCompleted();
  }

  @Override
  public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> response) {
    try {
      boolean ready =
          models.isReady(
              request.getName(), RequestedVersion.of(request.getName(), request.getVersion()));
      response.onNext(ModelReadyResponse.newBuilder().setReady(ready).build());
      response.onCompleted();
    } catch (RuntimeException e) {
      fail(response, e);
    }
  }

  @Override
  public void serverMetadata(
      ServerMetadataRequest request, StreamObserver<ServerMetadataResponse> response) {
    response.onNext(
        ServerMetadataResponse.newBuilder()
            .setName(ModelDescriptions.SERVER_NAME)
            .setVersion(ModelDescriptions.serverVersion())
            .addAllExtensions(ModelDescriptions.EXTENSIONS)
            .build());
    response.onCompleted();
  }

  @Override
  public void modelMetadata(
      ModelMetadataRequest request, StreamObserver<ModelMetadataResponse> response) {
    try {
      Description d =
          ModelDescriptions.describe(
              models,
              request.getName(),
              RequestedVersion.of(request.getName(), request.getVersion()));
      ModelMetadataResponse.Builder b =
          ModelMetadataResponse.newBuilder()
              .setName(d.name())
              .addAllVersions(d.versionNames())
              .setPlatform(d.platform());
      d.signature().inputs().forEach(s -> b.addInputs(metadata(s)));
      d.signature().outputs().forEach(s -> b.addOutputs(metadata(s)));
      response.onNext(b.build());
      response.onCompleted();
    } catch (RuntimeException e) {
      fail(response, e);
    }
  }

  @Override
  public void modelConfig(
      ModelConfigRequest request, StreamObserver<ModelConfigResponse> response) {
    try {
      TritonModelConfig config =
          TritonModelConfig.of(
              models,
              request.getName(),
              RequestedVersion.of(request.getName(), request.getVersion()));
      response.onNext(
          ModelConfigResponse.newBuilder().setConfig(TritonMessages.config(config)).build());
      response.onCompleted();
    } catch (RuntimeException e) {
      fail(response, e);
    }
  }

  @Override
  public void modelStatistics(
      ModelStatisticsRequest request, StreamObserver<ModelStatisticsResponse> response) {
    try {
      Optional<VersionNumber> version =
          request.getName().isEmpty()
              ? Optional.empty()
              : RequestedVersion.of(request.getName(), request.getVersion());
      TritonStatistics.Response stats =
          TritonStatistics.of(models, statistics, request.getName(), version);
      response.onNext(TritonMessages.statistics(stats));
      response.onCompleted();
    } catch (RuntimeException e) {
      fail(response, e);
    }
  }

  @Override
  public void repositoryIndex(
      RepositoryIndexRequest request, StreamObserver<RepositoryIndexResponse> response) {
    try {
      response.onNext(TritonMessages.index(repository.index(request.getReady())));
      response.onCompleted();
    } catch (RuntimeException e) {
      fail(response, e);
    }
  }

  /** Loads on a worker thread (as long as the engine needs), answering when the model is ready. */
  @Override
  public void repositoryModelLoad(
      RepositoryModelLoadRequest request, StreamObserver<RepositoryModelLoadResponse> response) {
    Credentials credentials = AdminCredentialsInterceptor.CREDENTIALS.get();
    workers.execute(
        () -> {
          try {
            repository.load(
                request.getModelName(), request.getParametersMap().keySet(), credentials);
            response.onNext(RepositoryModelLoadResponse.getDefaultInstance());
            response.onCompleted();
          } catch (RuntimeException e) {
            fail(response, e);
          }
        });
  }

  @Override
  public void repositoryModelUnload(
      RepositoryModelUnloadRequest request,
      StreamObserver<RepositoryModelUnloadResponse> response) {
    Credentials credentials = AdminCredentialsInterceptor.CREDENTIALS.get();
    workers.execute(
        () -> {
          try {
            repository.unload(request.getModelName(), credentials);
            response.onNext(RepositoryModelUnloadResponse.getDefaultInstance());
            response.onCompleted();
          } catch (RuntimeException e) {
            fail(response, e);
          }
        });
  }

  @Override
  public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> response) {
    long start = System.nanoTime();
    InferCall call;
    try {
      List<Tensor> inputs = GrpcTensorMapper.inputs(request, limits);
      Set<String> outputs = requestedOutputs(request);
      call =
          new InferCall(
              request.getModelName(),
              RequestedVersion.of(request.getModelName(), request.getModelVersion()),
              request.getId(),
              inputs,
              outputs,
              timeoutMicros(request),
              Protocol.GRPC,
              RouteKeyInterceptor.ROUTE_KEY.get());
    } catch (RuntimeException e) {
      inference.refused(request.getModelName(), Protocol.GRPC, e, start);
      fail(response, e);
      return;
    }
    boolean raw = request.getRawInputContentsCount() > 0;
    // the one trace lookup of this request (io.grpc.Context is imported: the name is qualified)
    io.opentelemetry.context.Context sampled = tracer.sampledContext();
    inference
        .infer(call, CallerThreads.current(), sampled)
        .whenComplete(
            ServingTracer.inTrace(
                sampled,
                (result, failure) -> {
                  if (failure != null) {
                    fail(response, failure);
                    return;
                  }
                  if (!Offload.encodeOnWorker(result.outputs())) {
                    // here: the event loop the request came in on
                    send(response, result, raw, sampled);
                  } else {
                    workers.execute(
                        ServingTracer.inTrace(sampled, () -> send(response, result, raw, sampled)));
                  }
                }));
  }

  private void send(
      StreamObserver<ModelInferResponse> response,
      InferResult result,
      boolean raw,
      io.opentelemetry.context.Context sampled) {
    Span span = tracer.startEncode(sampled);
    ModelInferResponse encoded;
    try {
      encoded = encode(result, raw);
      ServingTracer.end(span, null);
    } catch (RuntimeException e) {
      ServingTracer.end(span, e);
      fail(response, e);
      return;
    }
    try {
      response.onNext(encoded);
      response.onCompleted();
    } catch (RuntimeException e) {
      fail(response, e);
    }
  }

  private static ModelInferResponse encode(InferResult result, boolean raw) {
    boolean useRaw = raw || result.outputs().stream().anyMatch(t -> t.datatype() == DataType.FP16);
    ModelInferResponse.Builder b =
        ModelInferResponse.newBuilder()
            .setModelName(result.model())
            .setModelVersion(result.version().toString());
    if (result.id() != null) {
      b.setId(result.id());
    }
    return GrpcTensorMapper.addOutputs(b, result.outputs(), useRaw).build();
  }

  /** The names of the outputs the request asked for; empty (all outputs) when it named none. */
  private static Set<String> requestedOutputs(ModelInferRequest request) {
    if (request.getOutputsCount() == 0) {
      return Set.of();
    }
    Set<String> outputs = new LinkedHashSet<>();
    request.getOutputsList().forEach(o -> outputs.add(o.getName()));
    return outputs;
  }

  /** The smaller of the {@code timeout} parameter (µs) and the call's deadline. */
  private static Optional<Long> timeoutMicros(ModelInferRequest request) {
    InferParameter p = request.getParametersMap().get(RequestTimeouts.PARAMETER);
    Optional<Long> parameter =
        RequestTimeouts.micros(p == null ? null : GrpcTensorMapper.parameterValue(p));
    Deadline deadline = Context.current().getDeadline();
    return RequestTimeouts.bounded(
        parameter,
        deadline == null
            ? Optional.empty()
            : Optional.of(deadline.timeRemaining(TimeUnit.MICROSECONDS)));
  }

  private static ModelMetadataResponse.TensorMetadata metadata(TensorSpec spec) {
    ModelMetadataResponse.TensorMetadata.Builder b =
        ModelMetadataResponse.TensorMetadata.newBuilder()
            .setName(spec.name())
            .setDatatype(spec.datatype().name());
    for (long d : spec.shape()) {
      b.addShape(d);
    }
    return b.build();
  }

  private static void fail(StreamObserver<?> response, Throwable failure) {
    try {
      response.onError(ErrorStatus.of(failure).grpcStatus().asRuntimeException());
    } catch (RuntimeException e) {
      // the client has gone (cancelled, deadline passed): nobody to tell
    }
  }
}
