package dev.modelport.benchmarks.serving.outside;

import java.nio.file.Path;

/** The Lua script that makes {@code wrk} send every request as a POST of one prebuilt body. */
public final class WrkScript {

  private WrkScript() {}

  /** A script that POSTs the file {@code body} with {@code contentType}. */
  public static String post(Path body, String contentType) {
    return "wrk.method = \"POST\"\n"
        + "wrk.headers[\"Content-Type\"] = \""
        + contentType
        + "\"\n"
        + "local f = assert(io.open(\""
        + body.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"")
        + "\", \"rb\"))\n"
        + "wrk.body = f:read(\"*a\")\n"
        + "f:close()\n";
  }
}
