package dev.modelport.registry.security;

import static io.restassured.RestAssured.given;

import dev.modelport.registry.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(AnonymousReadTest.AnonymousRead.class)
class AnonymousReadTest {
  public static class AnonymousRead implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("modelport.registry.security.anonymous-read", "true");
    }
  }

  @Test
  void anonymousCallersMayReadButNotWrite() {
    String model = Api.createModel("anon");
    given().get("/api/v1/models/{m}", model).then().statusCode(200);
    given().get("/api/v1/events/last").then().statusCode(200);
    given()
        .contentType("application/json")
        .body("{\"description\": \"x\"}")
        .patch("/api/v1/models/{m}", model)
        .then()
        .statusCode(401);
  }
}
