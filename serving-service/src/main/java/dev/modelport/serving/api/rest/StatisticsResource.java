package dev.modelport.serving.api.rest;

import dev.modelport.serving.api.TritonStatistics;
import dev.modelport.serving.lifecycle.ModelManager;
import dev.modelport.serving.statistics.ServingStatistics;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;

/**
 * Triton's statistics of every loaded version: {@code GET /v2/models/stats} (one model's are {@link
 * ModelResource}'s {@code /v2/models/{m}[/versions/{v}]/stats}).
 */
@Path("/v2/models/stats")
@Produces(MediaType.APPLICATION_JSON)
public class StatisticsResource {

  @Inject ModelManager models;
  @Inject ServingStatistics statistics;

  @GET
  public TritonStatistics.Response all() {
    return TritonStatistics.of(models, statistics, null, Optional.empty());
  }
}
