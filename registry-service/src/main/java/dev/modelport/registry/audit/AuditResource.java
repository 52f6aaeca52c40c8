package dev.modelport.registry.audit;

import dev.modelport.registry.api.Paging;
import dev.modelport.registry.api.QueryParams;
import dev.modelport.registry.api.ResourceNames;
import dev.modelport.registry.security.Roles;
import dev.modelport.registryclient.api.AuditEntry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

/** {@code GET /api/v1/audit?model=&after=&limit=}: the audit log, oldest first. */
@Path("/api/v1/audit")
@Tag(name = "audit")
public class AuditResource {
  private final AuditLog audit;

  @Inject
  AuditResource(AuditLog audit) {
    this.audit = audit;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.READER)
  @Operation(summary = "Audit entries after an id, optionally of one model")
  public List<AuditEntry> list(
      @RestQuery String model, @RestQuery("after") String afterText, @RestQuery String limit) {
    Integer max = QueryParams.integer("limit", limit);
    Long after = QueryParams.longValue("after", afterText);
    Paging paging = Paging.of(0, max == null ? 100 : max);
    return audit.list(
        model == null ? null : ResourceNames.check("model", model),
        after == null ? 0 : after,
        paging.limit());
  }
}
