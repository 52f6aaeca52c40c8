package dev.modelport.cli.infer;

import dev.modelport.protocol.tensor.Tensor;
import java.util.List;

/**
 * One V2 inference call to serving-service, REST or gRPC. Failures are {@link
 * dev.modelport.cli.console.CommandFailure}s naming serving's address and its answer.
 */
interface ServingClient extends AutoCloseable {
  /**
   * The outputs for {@code inputs}.
   *
   * @param version a version number, or null for the model's deployment (its champion)
   */
  List<Tensor> infer(String model, String version, List<Tensor> inputs);

  /** Where the calls go, for messages. */
  String address();

  @Override
  void close();
}
