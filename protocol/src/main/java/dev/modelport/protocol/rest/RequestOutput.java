package dev.modelport.protocol.rest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * An output requested by an inference request.
 *
 * @param name output tensor name
 * @param parameters optional parameters ({@code binary_data}: true asks for the binary extension)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RequestOutput(String name, Map<String, Object> parameters) {}
