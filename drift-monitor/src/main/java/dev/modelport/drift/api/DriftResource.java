package dev.modelport.drift.api;

import dev.modelport.drift.DriftMonitorConfig;
import dev.modelport.drift.ModelVersionKey;
import dev.modelport.drift.error.ResultsNotFoundException;
import dev.modelport.drift.evaluation.DriftResultsStore;
import dev.modelport.drift.window.WindowBook;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * {@code GET /api/v1/drift/{model}[/versions/{version}]}: the latest and recent windows of a
 * model's versions with per-feature statistic, p-value, threshold and verdict. 404 when no window
 * of it has been evaluated by this replica; 400 for a malformed version (statuses and error bodies:
 * {@link ApiExceptionMapper}).
 */
@Path("/api/v1/drift")
@Produces(MediaType.APPLICATION_JSON)
public class DriftResource {

  @Inject DriftResultsStore results;
  @Inject DriftMonitorConfig config;
  @Inject WindowBook windows;

  @GET
  @Path("/{model}")
  public DriftViews.ModelDrift model(@PathParam("model") String model) {
    List<DriftViews.VersionDrift> versions =
        results.versions(model).stream().map(this::view).toList();
    if (versions.isEmpty()) {
      throw new ResultsNotFoundException("no drift results for model '" + model + "'");
    }
    return new DriftViews.ModelDrift(model, versions);
  }

  @GET
  @Path("/{model}/versions/{version}")
  public DriftViews.VersionDrift version(
      @PathParam("model") String model, @PathParam("version") String version) {
    ModelVersionKey key = PathKeys.modelVersion(model, version);
    if (results.latest(key).isEmpty()) {
      throw new ResultsNotFoundException(
          "no drift results for version " + version + " of model '" + model + "'");
    }
    return view(key);
  }

  private DriftViews.VersionDrift view(ModelVersionKey key) {
    List<DriftViews.WindowView> recent =
        results.recent(key).stream().map(DriftViews.WindowView::of).toList();
    return new DriftViews.VersionDrift(
        key.model(),
        key.version(),
        ReportLinks.reportUrl(config.reportBaseUrl(), key),
        windows.openWindows(key).stream().map(DriftViews.OpenWindowView::of).toList(),
        recent.get(0),
        recent);
  }
}
