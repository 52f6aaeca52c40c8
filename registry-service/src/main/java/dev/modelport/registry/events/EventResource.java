package dev.modelport.registry.events;

import dev.modelport.registry.api.QueryParams;
import dev.modelport.registry.error.InvalidInputException;
import dev.modelport.registry.security.Roles;
import dev.modelport.registry.tracing.RegistrySpans;
import dev.modelport.registryclient.api.EventBatch;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * {@code GET /api/v1/events?after=SEQ&wait=30s&limit=N}: the change feed as a long poll. Answers at
 * once when events after {@code after} exist, else when one commits or {@code wait} runs out (an
 * empty batch). Pass the answer's {@code last} as the next {@code after}. A parked poll holds no
 * thread. Traced as {@value RegistrySpans#EVENTS_POLL} when the request's trace is sampled.
 */
@Path("/api/v1/events")
@Tag(name = "events")
public class EventResource {
  private final EventFeed feed;
  private final EventLog log;
  private final RegistrySpans spans;

  @Inject
  EventResource(EventFeed feed, EventLog log, RegistrySpans spans) {
    this.feed = feed;
    this.log = log;
    this.spans = spans;
  }

  @GET
  @Blocking
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.READER)
  @Operation(
      summary =
          "Long-poll the change feed (version created, alias moved or deleted, model deleted)")
  public CompletionStage<EventBatch> events(
      @RestQuery("after") String afterText,
      @RestQuery String wait,
      @RestQuery("limit") String limitText) {
    Long after = QueryParams.longValue("after", afterText);
    Integer limit = QueryParams.integer("limit", limitText);
    if (after != null && after < 0) {
      throw new InvalidInputException("after", "must not be negative");
    }
    long from = after == null ? 0 : after;
    Duration waitFor = WaitDuration.parse(wait);
    return spans.poll(from, waitFor, () -> feed.await(from, waitFor, limit == null ? 100 : limit));
  }

  @GET
  @Path("last")
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.READER)
  @Operation(
      summary =
          "The current end of the feed: no events, last = highest sequence (to follow from now on)")
  public EventBatch last() {
    return new EventBatch(java.util.List.of(), log.lastSeq());
  }
}
