package dev.modelport.serving.api;

import static io.restassured.RestAssured.given;

import dev.modelport.protocol.rest.EncodedBody;
import dev.modelport.protocol.rest.InferenceJsonDecoder;
import dev.modelport.protocol.rest.InferenceJsonEncoder;
import dev.modelport.protocol.rest.InferenceRequest;
import dev.modelport.protocol.rest.InferenceResponse;
import dev.modelport.protocol.rest.RequestInput;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.protocol.tensor.TensorLimits;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;

/** A small V2 REST client on RestAssured, encoding with the protocol module's codec. */
public final class V2Client {

  private static final InferenceJsonDecoder DECODER =
      new InferenceJsonDecoder(TensorLimits.DEFAULT);

  private V2Client() {}

  public static String path(String model, String version) {
    return version == null
        ? "/v2/models/" + model + "/infer"
        : "/v2/models/" + model + "/versions/" + version + "/infer";
  }

  /** Posts a JSON body. */
  public static Response post(String path, byte[] body) {
    return given().contentType("application/json").body(body).when().post(path);
  }

  /** Posts the tensors as a plain JSON request. */
  public static Response infer(String model, String version, List<Tensor> inputs) {
    return post(path(model, version), InferenceJsonEncoder.encodeRequest(inputs).bytes());
  }

  /** Posts with all inputs in binary form and asks for all outputs in binary form. */
  public static Response inferBinary(String model, String version, List<Tensor> inputs) {
    InferenceRequest request =
        new InferenceRequest(
            null,
            Map.of("binary_data_output", true),
            inputs.stream().map(RequestInput::of).toList(),
            null);
    EncodedBody body = InferenceJsonEncoder.encodeRequest(request, name -> true);
    return given()
        .contentType("application/octet-stream")
        .header(EncodedBody.HEADER_CONTENT_LENGTH, body.headerLength())
        .body(body.bytes())
        .when()
        .post(path(model, version));
  }

  /** Decodes a 200 answer, JSON or binary. */
  public static InferenceResponse decode(Response response) {
    String header = response.getHeader(EncodedBody.HEADER_CONTENT_LENGTH);
    return DECODER.decodeResponse(
        response.asByteArray(), header == null ? null : Integer.valueOf(header));
  }

  /** The first output's FP32 data of a 200 answer. */
  public static float[] firstOutput(Response response) {
    return (float[]) decode(response).outputTensors().get(0).values();
  }
}
