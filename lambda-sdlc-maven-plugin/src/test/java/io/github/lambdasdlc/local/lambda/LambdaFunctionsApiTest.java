package io.github.lambdasdlc.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.local.core.AwsError;
import io.github.lambdasdlc.local.core.Json;
import io.github.lambdasdlc.local.LocalCloud;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** The Java API other services use shares the HTTP API's checks and state. */
class LambdaFunctionsApiTest {
  @TempDir
  Path dir;

  @Test
  void javaCallersSeeTheSameFunctionsAndErrors() {
    // Long enough that the second update meets the first still in progress, however loaded the machine.
    try (LocalCloud cloud = LambdaTestSupport.start(dir, java.time.Duration.ofSeconds(2));
        LambdaClient lambda = LambdaTestSupport.client(cloud)) {
      FunctionsApi api = LambdaInvokeRouteTest.lambda(cloud);
      ObjectNode req = Json.MAPPER.createObjectNode();
      req.put("FunctionName", "cfn-fn").put("Runtime", "python3.12").put("Handler", "index.handler")
          .put("Role", LambdaTestSupport.ROLE);
      req.putObject("Code").put("ZipFile", Base64.getEncoder().encodeToString(LambdaTestSupport.handlerZip("x")));
      ObjectNode created = api.createFunction(req);
      assertThat(created.get("State").asText()).isEqualTo("Pending");
      LambdaTestSupport.waitActive(lambda, "cfn-fn");
      assertThat(api.getFunctionConfiguration("cfn-fn", null).get("State").asText()).isEqualTo("Active");

      ObjectNode update = Json.MAPPER.createObjectNode().put("Timeout", 60);
      assertThat(api.updateFunctionConfiguration("cfn-fn", update).get("LastUpdateStatus").asText())
          .isEqualTo("InProgress");
      assertThatThrownBy(() -> api.updateFunctionConfiguration("cfn-fn", update))
          .isInstanceOfSatisfying(AwsError.class, e -> assertThat(e.code()).isEqualTo("ResourceConflictException"));
      LambdaTestSupport.waitUpdated(lambda, "cfn-fn");
      assertThat(api.publishVersion("cfn-fn", Json.MAPPER.createObjectNode()).get("Version").asText()).isEqualTo("1");
      ObjectNode alias = Json.MAPPER.createObjectNode().put("Name", "live").put("FunctionVersion", "1");
      assertThat(api.createAlias("cfn-fn", alias).get("AliasArn").asText()).endsWith(":function:cfn-fn:live");
      assertThat(api.updateAlias("cfn-fn", "live", Json.MAPPER.createObjectNode().put("Description", "d"))
          .get("Description").asText()).isEqualTo("d");
      api.deleteAlias("cfn-fn", "live");
      api.deleteFunction("cfn-fn", "1");
      api.deleteFunction("cfn-fn", null);
      assertThatThrownBy(() -> api.getFunctionConfiguration("cfn-fn", null))
          .isInstanceOfSatisfying(AwsError.class, e -> assertThat(e.status()).isEqualTo(404));
    }
  }
}
