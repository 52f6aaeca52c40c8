package dev.modelport.protocol.rest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Answer of {@code GET /v2}.
 *
 * @param name server name
 * @param version server version
 * @param extensions protocol extensions supported ({@code binary_tensor_data}, ...)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ServerMetadataResponse(String name, String version, List<String> extensions) {}
