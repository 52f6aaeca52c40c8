package dev.modelport.benchmarks.serving.outside;

import java.nio.file.Path;
import java.util.Map;

/** The Lua script that makes {@code wrk} send every request as a POST of one prebuilt body. */
public final class WrkScript {

  private WrkScript() {}

  /** A script that POSTs the file {@code body} with {@code contentType}. */
  public static String post(Path body, String contentType) {
    return post(body, contentType, Map.of());
  }

  /** A script that POSTs the file {@code body} with {@code contentType} and {@code headers}. */
  public static String post(Path body, String contentType, Map<String, String> headers) {
    StringBuilder extra = new StringBuilder();
    headers.forEach(
        (name, value) ->
            extra
                .append("wrk.headers[\"")
                .append(name)
                .append("\"] = \"")
                .append(value)
                .append("\"\n"));
    return "wrk.method = \"POST\"\n"
        + "wrk.headers[\"Content-Type\"] = \""
        + contentType
        + "\"\n"
        + extra
        + "local f = assert(io.open(\""
        + body.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"")
        + "\", \"rb\"))\n"
        + "wrk.body = f:read(\"*a\")\n"
        + "f:close()\n";
  }
}
