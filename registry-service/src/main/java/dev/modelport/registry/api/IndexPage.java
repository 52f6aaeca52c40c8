package dev.modelport.registry.api;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code GET /}: a short HTML page listing the registry's endpoints (the API, its OpenAPI document
 * and Swagger UI, metrics and health), open to anyone (it names no model), so that a user who opens
 * the service's address finds their way. Static text.
 */
@Path("/")
public class IndexPage {

  private static final String PAGE =
      "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
          + "<title>Modelport registry</title></head><body><h1>Modelport registry</h1>"
          + "<p>Models, their versions and artifacts, aliases, training-data baselines and a change"
          + " feed. Calls need an API key (<code>Authorization: Bearer &lt;key&gt;</code>) unless"
          + " security is off.</p><h2>API</h2><ul>"
          + "<li><code>/api/v1/models</code>: models;"
          + " <code>/api/v1/models/{model}/versions[/{version}]</code>: versions (upload:"
          + " <code>POST</code>, multipart); <code>.../artifact</code>, <code>.../baseline</code></li>"
          + "<li><code>/api/v1/models/{model}/aliases[/{alias}]</code>: aliases such as"
          + " <code>champion</code></li>"
          + "<li><code>/api/v1/events</code>: the change feed (long poll)</li>"
          + "<li><code>/api/v1/audit</code>: the audit log</li>"
          + "<li><a href=\"/q/openapi\">/q/openapi</a>: the OpenAPI document;"
          + " <a href=\"/q/swagger-ui/\">/q/swagger-ui</a>: Swagger UI</li>"
          + "</ul><h2>Operations</h2><ul>"
          + "<li><a href=\"/q/metrics\">/q/metrics</a>: Prometheus metrics</li>"
          + "<li><a href=\"/q/health/ready\">/q/health/ready</a>,"
          + " <a href=\"/q/health/live\">/q/health/live</a>: health</li>"
          + "</ul></body></html>";

  @GET
  @PermitAll
  @Produces(MediaType.TEXT_HTML)
  @Operation(hidden = true)
  public String index() {
    return PAGE;
  }
}
