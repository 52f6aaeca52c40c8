package dev.modelport.drift.api;

import dev.modelport.drift.ModelVersionKey;
import dev.modelport.drift.error.ResultsNotFoundException;
import dev.modelport.drift.evaluation.DriftResultsStore;
import dev.modelport.drift.evaluation.WindowReport;
import dev.modelport.drift.window.OpenWindow;
import dev.modelport.drift.window.WindowBook;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * {@code GET /drift/{model}/versions/{version}}: the HTML drift report of a model version; before
 * its first window is evaluated, the rows its open window holds and when it closes (404 when it has
 * no window at all, 400 for a malformed version; {@link ApiExceptionMapper} answers those with an
 * HTML page, since this resource produces HTML).
 */
@Path("/drift")
@Produces(MediaType.TEXT_HTML)
public class DriftReportResource {

  @Inject DriftResultsStore results;
  @Inject WindowBook windows;

  @GET
  @Path("/{model}/versions/{version}")
  public String report(@PathParam("model") String model, @PathParam("version") String version) {
    ModelVersionKey key = PathKeys.modelVersion(model, version);
    List<WindowReport> recent = results.recent(key);
    if (recent.isEmpty()) {
      List<OpenWindow> open = windows.openWindows(key);
      if (open.isEmpty()) {
        throw new ResultsNotFoundException("No window of " + key + " has been evaluated yet.");
      }
      return ReportPage.renderPending(key, open);
    }
    return ReportPage.render(key, recent, windows.openWindows(key));
  }
}
