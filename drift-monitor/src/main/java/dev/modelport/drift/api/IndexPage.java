package dev.modelport.drift.api;

import dev.modelport.drift.ModelVersionKey;
import dev.modelport.drift.evaluation.DriftResultsStore;
import dev.modelport.drift.window.WindowBook;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.TreeSet;

/**
 * {@code GET /}: a short HTML page listing drift-monitor's endpoints (the JSON API, the report page
 * of every version it has windows of, evaluated or open, metrics and health), so that a user who
 * opens the service's address finds their way. There is no OpenAPI document.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class IndexPage {

  @Inject DriftResultsStore results;
  @Inject WindowBook windows;

  @GET
  public String index() {
    StringBuilder html = new StringBuilder(2048);
    html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Modelport drift-monitor</title></head><body>")
        .append("<h1>Modelport drift-monitor</h1>")
        .append("<p>Compares the inference events of each model version with its training data,")
        .append(" window by window.</p><h2>Report pages</h2>");
    TreeSet<ModelVersionKey> versions = new TreeSet<>(results.all());
    versions.addAll(windows.openKeys());
    if (versions.isEmpty()) {
      html.append("<p>No events yet: a version's page appears once its first event arrives.</p>");
    } else {
      html.append("<ul>");
      for (ModelVersionKey key : versions) {
        String path = ReportLinks.reportPath(key);
        html.append("<li><a href=\"")
            .append(Html.escape(path))
            .append("\">")
            .append(Html.escape(key.model() + " version " + key.version()))
            .append("</a></li>");
      }
      html.append("</ul>");
    }
    html.append("<h2>Endpoints</h2><ul>")
        .append("<li><code>GET /api/v1/drift/{model}</code>: JSON, every version's windows</li>")
        .append("<li><code>GET /api/v1/drift/{model}/versions/{version}</code>: JSON, one")
        .append(" version's open and recent windows</li>")
        .append("<li><code>GET /drift/{model}/versions/{version}</code>: the HTML report</li>")
        .append("<li><a href=\"/q/metrics\">/q/metrics</a>: Prometheus metrics</li>")
        .append("<li><a href=\"/q/health/ready\">/q/health/ready</a>,")
        .append(" <a href=\"/q/health/live\">/q/health/live</a>: health</li>")
        .append("</ul></body></html>");
    return html.toString();
  }
}
