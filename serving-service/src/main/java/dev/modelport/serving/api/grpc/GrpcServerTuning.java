package dev.modelport.serving.api.grpc;

import dev.modelport.serving.config.ServingConfig;
import io.grpc.Codec;
import io.grpc.CompressorRegistry;
import io.grpc.DecompressorRegistry;
import io.quarkus.grpc.api.ServerBuilderCustomizer;
import io.quarkus.grpc.runtime.config.GrpcServerConfiguration;
import io.vertx.grpc.VertxServerBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Widens the gRPC server's HTTP/2 flow-control window (grpc-netty's default is 1 MiB per
 * connection), so that clients can stream several large tensors (a 3x224x224 image is 600 KB)
 * without stalling on window updates; and accepts {@code deflate} besides {@code gzip} as message
 * encodings (tritonclient offers both). Typed with the Vert.x builder: Quarkus looks customizers up
 * as {@code ServerBuilderCustomizer<?>}, which a raw implementation does not match (CDI's rules for
 * raw bean types), so that the raw one of before was never called.
 */
@ApplicationScoped
public class GrpcServerTuning implements ServerBuilderCustomizer<VertxServerBuilder> {

  @Inject ServingConfig serving;

  @Override
  public void customize(GrpcServerConfiguration config, VertxServerBuilder builder) {
    Codec deflate = new DeflateCodec();
    builder.decompressorRegistry(DecompressorRegistry.getDefaultInstance().with(deflate, true));
    CompressorRegistry compressors = CompressorRegistry.newEmptyInstance();
    compressors.register(new Codec.Gzip());
    compressors.register(Codec.Identity.NONE);
    compressors.register(deflate);
    builder.compressorRegistry(compressors);
    builder.nettyBuilder().flowControlWindow(serving.grpc().flowControlWindow());
  }
}
