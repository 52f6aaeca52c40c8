package dev.modelport.serving.api.rest;

import dev.modelport.serving.lifecycle.ModelManager;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code GET /}: a short HTML page listing serving's endpoints (the V2 inference protocol over REST
 * and gRPC, the repository extension, the models known now, metrics and health), so that a user who
 * opens the service's address finds their way. There is no OpenAPI document: the API is the KServe
 * V2 protocol.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class IndexPage {

  @Inject ModelManager models;

  @ConfigProperty(name = "quarkus.grpc.server.port")
  int grpcPort;

  @GET
  public String index() {
    StringBuilder html = new StringBuilder(2048);
    html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Modelport serving</title></head><body><h1>Modelport serving</h1>")
        .append("<p>The KServe V2 inference protocol over REST (this port) and gRPC (port ")
        .append(grpcPort)
        .append(", service <code>inference.GRPCInferenceService</code>, reflection on).</p>")
        .append("<h2>Models</h2>");
    var names = models.knownModels();
    if (names.isEmpty()) {
      html.append("<p>No model is known yet.</p>");
    } else {
      html.append("<ul>");
      for (String name : names) {
        String path = "/v2/models/" + URLEncoder.encode(name, StandardCharsets.UTF_8);
        html.append("<li><a href=\"")
            .append(escape(path))
            .append("\">")
            .append(escape(name))
            .append("</a> (<code>POST ")
            .append(escape(path))
            .append("/infer</code>)</li>");
      }
      html.append("</ul>");
    }
    html.append("<h2>Endpoints</h2><ul>")
        .append("<li><a href=\"/v2\">GET /v2</a>: server metadata</li>")
        .append("<li><code>GET /v2/models/{model}[/versions/{version}]</code>: model metadata;")
        .append(" <code>.../ready</code>: readiness</li>")
        .append("<li><code>POST /v2/models/{model}[/versions/{version}]/infer</code>: inference")
        .append(" (JSON, or the binary tensor extension)</li>")
        .append("<li><code>POST /v2/repository/index</code>,")
        .append(" <code>POST /v2/repository/models/{model}/load|unload</code>: the model")
        .append(" repository extension</li>")
        .append("<li><a href=\"/v2/health/ready\">/v2/health/ready</a>,")
        .append(" <a href=\"/v2/health/live\">/v2/health/live</a>: V2 health;")
        .append(" <a href=\"/q/health/ready\">/q/health/ready</a>: readiness with each model's")
        .append(" live versions and last rollout failure</li>")
        .append("<li><a href=\"/q/metrics\">/q/metrics</a>: Prometheus metrics</li>")
        .append("</ul></body></html>");
    return html.toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
