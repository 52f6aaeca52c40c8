package dev.modelport.registry.alias;

import static dev.modelport.registry.Api.ADMIN;
import static dev.modelport.registry.Api.PUBLISHER;
import static dev.modelport.registry.Api.as;
import static org.hamcrest.Matchers.containsString;

import dev.modelport.registry.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code modelport.registry.protected-aliases} chooses which aliases only an admin may move. */
@QuarkusTest
@TestProfile(ProtectedAliasesTest.Production.class)
class ProtectedAliasesTest {
  public static class Production implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("modelport.registry.protected-aliases", "production,stable");
    }
  }

  @Test
  void configuredAliasesNeedAnAdminAndOthersIncludingChampionDoNot() {
    String model = Api.createModel("protected");
    Api.uploadVersion(model, Api.onnx(10, 1));
    for (String alias : new String[] {"production", "stable"}) {
      put(PUBLISHER, model, alias)
          .then()
          .statusCode(403)
          .body("error", containsString("protected"));
      put(ADMIN, model, alias).then().statusCode(200);
      as(PUBLISHER).delete("/api/v1/models/{m}/aliases/{a}", model, alias).then().statusCode(403);
    }
    put(PUBLISHER, model, "champion").then().statusCode(200);
  }

  private static io.restassured.response.Response put(String key, String model, String alias) {
    return as(key)
        .contentType("application/json")
        .body("{\"version\": 1}")
        .put("/api/v1/models/{m}/aliases/{a}", model, alias);
  }
}
