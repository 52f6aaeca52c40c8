package dev.modelport.serving.api.grpc;

import dev.modelport.serving.config.ServingConfig;
import io.grpc.Codec;
import io.grpc.CompressorRegistry;
import io.grpc.DecompressorRegistry;
import io.grpc.ServerBuilder;
import io.quarkus.grpc.api.ServerBuilderCustomizer;
import io.quarkus.grpc.runtime.config.GrpcServerConfiguration;
import io.vertx.grpc.VertxServerBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Widens the gRPC server's HTTP/2 flow-control window (grpc-netty's default is 1 MiB per
 * connection), so that clients can stream several large tensors (a 3x224x224 image is 600 KB)
 * without stalling on window updates; and accepts {@code deflate} besides {@code gzip} as message
 * encodings (tritonclient offers both).
 */
@ApplicationScoped
@SuppressWarnings({"rawtypes", "unchecked"})
public class GrpcServerTuning implements ServerBuilderCustomizer {

  @Inject ServingConfig serving;

  @Override
  public void customize(GrpcServerConfiguration config, ServerBuilder builder) {
    Codec deflate = new DeflateCodec();
    builder.decompressorRegistry(DecompressorRegistry.getDefaultInstance().with(deflate, true));
    CompressorRegistry compressors = CompressorRegistry.newEmptyInstance();
    compressors.register(new Codec.Gzip());
    compressors.register(Codec.Identity.NONE);
    compressors.register(deflate);
    builder.compressorRegistry(compressors);
    if (builder instanceof VertxServerBuilder vertx) {
      vertx.nettyBuilder().flowControlWindow(serving.grpc().flowControlWindow());
    }
  }
}
