package dev.modelport.drift.api;

import dev.modelport.drift.ModelVersionKey;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Paths of the report pages. Stateless. */
public final class ReportLinks {

  private ReportLinks() {}

  /** {@code /drift/{model}/versions/{version}}. */
  public static String reportPath(ModelVersionKey key) {
    return "/drift/"
        + URLEncoder.encode(key.model(), StandardCharsets.UTF_8).replace("+", "%20")
        + "/versions/"
        + key.version();
  }

  /** The report page under {@code baseUrl} (no trailing slash needed). */
  public static String reportUrl(String baseUrl, ModelVersionKey key) {
    return (baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl)
        + reportPath(key);
  }
}
