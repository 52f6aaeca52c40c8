package dev.modelport.drift.api;

import dev.modelport.drift.ModelVersionKey;
import dev.modelport.drift.evaluation.DriftResultsStore;
import dev.modelport.drift.evaluation.WindowReport;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * {@code GET /drift/{model}/versions/{version}}: the HTML drift report of a model version (404
 * before its first window).
 */
@Path("/drift")
public class DriftReportResource {

  @Inject DriftResultsStore results;

  @GET
  @Path("/{model}/versions/{version}")
  @Produces(MediaType.TEXT_HTML)
  public String report(@PathParam("model") String model, @PathParam("version") String version) {
    ModelVersionKey key;
    try {
      key = new ModelVersionKey(model, version);
    } catch (IllegalArgumentException e) {
      throw page(Response.Status.BAD_REQUEST, e.getMessage());
    }
    List<WindowReport> recent = results.recent(key);
    if (recent.isEmpty()) {
      throw page(Response.Status.NOT_FOUND, "No window of " + key + " has been evaluated yet.");
    }
    return ReportPage.render(key, recent);
  }

  private static WebApplicationException page(Response.Status status, String message) {
    return new WebApplicationException(
        Response.status(status)
            .type(MediaType.TEXT_HTML)
            .entity("<!DOCTYPE html><html><body><p>" + Html.escape(message) + "</p></body></html>")
            .build());
  }
}
