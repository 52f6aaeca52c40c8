package dev.modelport.cli.infer;

/** Serving's error answers in words, shared by the REST and gRPC clients. */
final class ServingAnswers {
  private ServingAnswers() {}

  /**
   * One line for an error answer.
   *
   * @param status an HTTP status (gRPC codes are mapped to their HTTP equivalents by the caller)
   */
  static String describe(String address, String model, String version, int status, String error) {
    String what = "model '" + model + "'" + (version == null ? "" : " version " + version);
    return switch (status) {
      case 404 ->
          what
              + " is not served at "
              + address
              + " ("
              + error
              + "); modelport models list shows the registry's";
      case 400 -> "serving at " + address + " refused the rows for " + what + ": " + error;
      case 503 -> what + " is not ready at " + address + " (" + error + "); try again in a moment";
      default -> "serving at " + address + " answered " + status + " for " + what + ": " + error;
    };
  }
}
