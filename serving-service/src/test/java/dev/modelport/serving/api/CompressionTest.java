package dev.modelport.serving.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.protocol.codec.GrpcTensorMapper;
import dev.modelport.protocol.grpc.GRPCInferenceServiceGrpc;
import dev.modelport.protocol.grpc.ModelInferRequest;
import dev.modelport.protocol.rest.InferenceJsonEncoder;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import io.grpc.Codec;
import io.grpc.CompressorRegistry;
import io.grpc.DecompressorRegistry;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.InflaterInputStream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Compressed requests and responses, as tritonclient sends and asks for them. */
@QuarkusTest
class CompressionTest {

  private static final Tensor ROW =
      new Tensor("input", DataType.FP32, new long[] {1, 30}, new float[30]);

  private static byte[] compress(String encoding, byte[] data) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream z =
        encoding.equals("gzip") ? new GZIPOutputStream(out) : new DeflaterOutputStream(out)) {
      z.write(data);
    }
    return out.toByteArray();
  }

  private static HttpResponse<byte[]> post(
      String contentEncoding, String acceptEncoding, byte[] body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:"
                        + RestAssured.port
                        + V2Client.path("breast-cancer-mlp", null)))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentEncoding != null) {
      request.header("Content-Encoding", contentEncoding);
    }
    if (acceptEncoding != null) {
      request.header("Accept-Encoding", acceptEncoding);
    }
    return HttpClient.newHttpClient()
        .send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @ParameterizedTest
  @ValueSource(strings = {"gzip", "deflate"})
  void restDecodesCompressedRequestBodies(String encoding) throws Exception {
    byte[] json = InferenceJsonEncoder.encodeRequest(List.of(ROW)).bytes();
    HttpResponse<byte[]> response = post(encoding, null, compress(encoding, json));

    String body = new String(response.body(), StandardCharsets.UTF_8);
    assertThat(response.statusCode()).as(body).isEqualTo(200);
    assertThat(body).contains("\"probabilities\"");
  }

  @org.junit.jupiter.api.Test
  void aCompressedBodyThatInflatesBeyondTheBodyLimitIs413() throws Exception {
    byte[] zeros = new byte[5 * 1024 * 1024]; // the test application's limit is 4M
    HttpResponse<byte[]> response = post("gzip", null, compress("gzip", zeros));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(new String(response.body(), StandardCharsets.UTF_8))
        .contains("decompressed body is larger than");
  }

  @org.junit.jupiter.api.Test
  void anUnsupportedContentEncodingIs400NamingIt() throws Exception {
    HttpResponse<byte[]> response = post("br", null, new byte[] {1, 2, 3});

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(new String(response.body(), StandardCharsets.UTF_8))
        .contains("Content-Encoding 'br'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"gzip", "deflate"})
  void restCompressesAnswersWhenAsked(String encoding) throws Exception {
    byte[] json = InferenceJsonEncoder.encodeRequest(List.of(ROW)).bytes();
    HttpResponse<byte[]> response = post(null, encoding, json);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Encoding")).contains(encoding);
    assertThat(uncompress(encoding, response.body()))
        .contains("\"model_name\":\"breast-cancer-mlp\"")
        .contains("\"probabilities\"");
  }

  private static String uncompress(String encoding, byte[] body) {
    try (InputStream in =
        encoding.equals("gzip")
            ? new GZIPInputStream(new java.io.ByteArrayInputStream(body))
            : new InflaterInputStream(new java.io.ByteArrayInputStream(body))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"gzip", "deflate"})
  void grpcAcceptsGzipAndDeflateMessages(String encoding) throws Exception {
    Codec deflate =
        new Codec() {
          @Override
          public String getMessageEncoding() {
            return "deflate";
          }

          @Override
          public OutputStream compress(OutputStream os) {
            return new DeflaterOutputStream(os);
          }

          @Override
          public InputStream decompress(InputStream is) {
            return new InflaterInputStream(is);
          }
        };
    CompressorRegistry compressors = CompressorRegistry.getDefaultInstance();
    compressors.register(deflate);
    ManagedChannel channel =
        ManagedChannelBuilder.forAddress(
                "127.0.0.1", ConfigProvider.getConfig().getValue(GrpcTestPort.PORT, Integer.class))
            .usePlaintext()
            .compressorRegistry(compressors)
            .decompressorRegistry(DecompressorRegistry.getDefaultInstance().with(deflate, true))
            .build();
    try {
      ModelInferRequest request =
          GrpcTensorMapper.addInputs(
                  ModelInferRequest.newBuilder().setModelName("breast-cancer-mlp"),
                  List.of(ROW),
                  true)
              .build();
      assertThat(
              GRPCInferenceServiceGrpc.newBlockingStub(channel)
                  .withCompression(encoding)
                  .modelInfer(request)
                  .getRawOutputContentsCount())
          .isEqualTo(1);
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
