package dev.modelport.cli.up;

import java.util.ArrayList;
import java.util.List;

/** The console table of what runs where, printed once the suite is ready. */
final class UrlTable {

  private UrlTable() {}

  /** Rows of {service, what, where}. */
  static List<String[]> rows(UpSettings s, String bootstrapServers) {
    List<String[]> rows = new ArrayList<>();
    String serving = "http://localhost:" + s.servingPort();
    rows.add(new String[] {"serving", "REST (V2)", serving + "/v2/models"});
    rows.add(
        new String[] {
          "serving", "gRPC", "localhost:" + s.grpcPort() + " (inference.GRPCInferenceService)"
        });
    rows.add(new String[] {"serving", "metrics", serving + "/q/metrics"});
    if (s.registryEnabled()) {
      String registry = "http://localhost:" + s.registryPort();
      rows.add(new String[] {"registry", "API", registry + "/api/v1/models"});
      rows.add(new String[] {"registry", "swagger", registry + "/q/swagger-ui"});
      rows.add(new String[] {"registry", "metrics", registry + "/q/metrics"});
    }
    if (s.driftEnabled()) {
      String drift = "http://localhost:" + s.driftPort();
      rows.add(new String[] {"drift", "report API", drift + "/api/v1/drift/{model}"});
      rows.add(new String[] {"drift", "report page", drift + "/drift/{model}/versions/{version}"});
      rows.add(new String[] {"drift", "metrics", drift + "/q/metrics"});
    }
    rows.add(
        new String[] {
          "kafka", "bootstrap", bootstrapServers + " (topic " + UpSettings.TOPIC + ")"
        });
    rows.add(new String[] {"logs", "", s.logDir().toString()});
    return rows;
  }

  static String render(UpSettings settings, String bootstrapServers) {
    StringBuilder text = new StringBuilder();
    for (String[] row : rows(settings, bootstrapServers)) {
      text.append(String.format("  %-9s %-12s %s%n", row[0], row[1], row[2]));
    }
    return text.toString();
  }
}
