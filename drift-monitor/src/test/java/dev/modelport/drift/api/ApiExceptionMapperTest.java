package dev.modelport.drift.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.drift.error.InvalidParameterException;
import dev.modelport.drift.error.ResultsNotFoundException;
import dev.modelport.protocol.rest.ErrorResponse;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;
import org.junit.jupiter.api.Test;

/** The status table of the drift API, exception by exception, for JSON and for HTML resources. */
class ApiExceptionMapperTest {

  static final SimpleResourceInfo JSON_RESOURCE = resource(DriftResource.class);
  static final SimpleResourceInfo HTML_RESOURCE = resource(DriftReportResource.class);

  final ApiExceptionMapper mapper = new ApiExceptionMapper();
  final ObjectMapper json = new ObjectMapper();

  @Test
  void anInvalidParameterIs400WithAMessageNamingIt() throws Exception {
    Response r =
        mapper.drift(
            new InvalidParameterException("version", "must be a positive whole number, got 'x'"),
            JSON_RESOURCE);

    assertThat(r.getStatus()).isEqualTo(400);
    assertThat(r.getMediaType()).isEqualTo(MediaType.APPLICATION_JSON_TYPE);
    assertThat(body(r))
        .isEqualTo("{\"error\":\"version: must be a positive whole number, got 'x'\"}");
  }

  @Test
  void missingResultsAre404WithTheMessage() throws Exception {
    Response r =
        mapper.drift(new ResultsNotFoundException("no drift results for model 'm'"), JSON_RESOURCE);

    assertThat(r.getStatus()).isEqualTo(404);
    assertThat(body(r)).isEqualTo("{\"error\":\"no drift results for model 'm'\"}");
  }

  @Test
  void aJaxRsFailureKeepsItsStatusAndSaysOnlyTheStatus() throws Exception {
    Response notFound = mapper.web(new NotFoundException("no resource for /secret/path"), null);
    Response notAllowed =
        mapper.web(
            new NotAllowedException("POST /opt/modelport/x is not allowed", "GET", new String[0]),
            JSON_RESOURCE);

    assertThat(notFound.getStatus()).isEqualTo(404);
    assertThat(body(notFound)).isEqualTo("{\"error\":\"HTTP 404 Not Found\"}");
    assertThat(notAllowed.getStatus()).isEqualTo(405);
    assertThat(body(notAllowed)).isEqualTo("{\"error\":\"HTTP 405 Method Not Allowed\"}");
  }

  @Test
  void anUnexpectedFailureIs500WithNoStackTraceClassOrPath() throws Exception {
    Exception failure =
        new UncheckedIOException(
            "cannot read /var/lib/modelport/drift/state.bin",
            new NoSuchFileException("/var/lib/modelport/drift/state.bin"));

    Response r = mapper.unexpected(failure, JSON_RESOURCE);

    assertThat(r.getStatus()).isEqualTo(500);
    String body = body(r);
    assertThat(body).isEqualTo("{\"error\":\"internal error\"}");
    assertThat(body).doesNotContain("/var/lib", "Exception", "\tat ", "dev.modelport", ".java");
  }

  @Test
  void errorsOfTheHtmlReportPageAreAnEscapedHtmlPageWithTheSameStatus() {
    Response notFound =
        mapper.drift(
            new ResultsNotFoundException("No window of <b>m</b>/1 has been evaluated yet."),
            HTML_RESOURCE);
    Response failure = mapper.unexpected(new IllegalStateException("/tmp/x"), HTML_RESOURCE);

    assertThat(notFound.getStatus()).isEqualTo(404);
    assertThat(notFound.getMediaType().isCompatible(MediaType.TEXT_HTML_TYPE)).isTrue();
    assertThat((String) notFound.getEntity())
        .startsWith("<!DOCTYPE html>")
        .contains("No window of &lt;b&gt;m&lt;/b&gt;/1 has been evaluated yet.")
        .doesNotContain("<b>");
    assertThat(failure.getStatus()).isEqualTo(500);
    assertThat((String) failure.getEntity()).contains("internal error").doesNotContain("/tmp/x");
  }

  private String body(Response r) throws Exception {
    assertThat(r.getEntity()).isInstanceOf(ErrorResponse.class);
    return json.writeValueAsString(r.getEntity());
  }

  private static SimpleResourceInfo resource(Class<?> type) {
    return new SimpleResourceInfo() {
      @Override
      public Class<?> getResourceClass() {
        return type;
      }

      @Override
      public String getMethodName() {
        return "any";
      }

      @Override
      public Class<?>[] parameterTypes() {
        return new Class<?>[0];
      }
    };
  }
}
