package dev.modelport.registry.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.modelport.testsupport.FreePorts;
import dev.modelport.testsupport.PackagedService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A plain {@code java -jar} of the packaged registry, as the README starts it: no data folder
 * given, so the database and blobs go under {@code ./modelport-data/registry} of the working
 * directory (H2 refuses a database path that is only implicitly relative: the default must say
 * {@code ./}).
 */
class DefaultDataDirIT {

  @Test
  void startsWithItsDefaultDataFolderUnderTheWorkingDirectory() throws Exception {
    assumeThat(PackagedService.isPackaged("registry-service"))
        .as("registry-service is not packaged (./mvnw package)")
        .isTrue();
    Path work = PackagedRegistry.workDir("default-data-dir");
    int port = FreePorts.next();
    try (PackagedService registry =
        PackagedService.of("registry-service")
            .httpPort(port)
            .jvmArg("-Xmx256m")
            .property("modelport.registry.security.enabled", false)
            .workDir(work)
            .log(Path.of("target", "default-data-dir-registry.log").toAbsolutePath())
            .start()) {
      HttpResponse<String> created =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/models"))
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"default-dir\"}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      assertThat(work.resolve("modelport-data/registry/db")).isDirectory();
      assertThat(Files.list(work.resolve("modelport-data/registry/db")).toList()).isNotEmpty();
    }
  }
}
