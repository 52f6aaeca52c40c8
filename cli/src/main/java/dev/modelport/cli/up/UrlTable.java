package dev.modelport.cli.up;

import dev.modelport.cli.demo.DemoWindow;
import java.util.ArrayList;
import java.util.List;

/**
 * The console table of what runs where, printed once the suite is ready. Every URL answers 200 at
 * that moment (SuiteUpIT checks each), except the drift report, which exists once a window of the
 * model has closed (the row says so).
 */
final class UrlTable {

  private UrlTable() {}

  /** Rows of {service, what, where}. */
  static List<String[]> rows(
      UpSettings s, String bootstrapServers, List<ExampleRegistrar.ServedModel> served) {
    List<String[]> rows = new ArrayList<>();
    String serving = s.localUrl(s.servingPort()).toString();
    rows.add(new String[] {"serving", "ready", serving + "/v2/health/ready"});
    for (ExampleRegistrar.ServedModel model : served) {
      rows.add(new String[] {"serving", "model", serving + "/v2/models/" + model.name()});
    }
    rows.add(
        new String[] {
          "serving",
          "gRPC",
          UpSettings.LOOPBACK + ":" + s.grpcPort() + " (inference.GRPCInferenceService)"
        });
    rows.add(new String[] {"serving", "metrics", serving + "/q/metrics"});
    if (s.registryEnabled()) {
      String registry = s.localUrl(s.registryPort()).toString();
      rows.add(new String[] {"registry", "API", registry + "/api/v1/models"});
      rows.add(new String[] {"registry", "Swagger UI", registry + "/q/swagger-ui/"});
      rows.add(new String[] {"registry", "metrics", registry + "/q/metrics"});
    }
    if (s.driftEnabled()) {
      String drift = s.localUrl(s.driftPort()).toString();
      rows.add(new String[] {"drift", "ready", drift + "/q/health/ready"});
      served.stream()
          .filter(m -> m.name().equals(DemoWindow.MODEL))
          .findFirst()
          .ifPresent(
              m ->
                  rows.add(
                      new String[] {
                        "drift",
                        "report",
                        drift
                            + "/drift/"
                            + m.name()
                            + "/versions/"
                            + m.version()
                            + " (once a window has closed: ./modelport demo)"
                      }));
      rows.add(new String[] {"drift", "metrics", drift + "/q/metrics"});
    }
    rows.add(
        new String[] {
          "kafka", "bootstrap", bootstrapServers + " (topic " + UpSettings.TOPIC + ")"
        });
    rows.add(new String[] {"logs", "", s.logDir().toString()});
    return rows;
  }

  static String render(
      UpSettings settings, String bootstrapServers, List<ExampleRegistrar.ServedModel> served) {
    StringBuilder text = new StringBuilder();
    for (String[] row : rows(settings, bootstrapServers, served)) {
      text.append(String.format("  %-9s %-10s %s%n", row[0], row[1], row[2]));
    }
    return text.toString();
  }
}
