package io.github.lambdasdlc.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdasdlc.local.core.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The one table of Lambda operations: AWS's methods and URIs, each once, and the paths the service claims. */
class LambdaOperationsTest {

  @Test
  void everyOperationHasTheMethodAndUriOfLambdasModel() throws Exception {
    JsonNode model = botocoreLambdaModel();
    for (LambdaOperation op : LambdaOperations.ALL) {
      JsonNode http = model.path("operations").path(op.name()).path("http");
      assertThat(http.isMissingNode()).as("%s is an operation of Lambda's model", op.name()).isFalse();
      assertThat(op.method() + " " + op.uri()).as(op.name())
          .isEqualTo(http.path("method").asText() + " " + http.path("requestUri").asText());
    }
  }

  @Test
  void eachOperationAndEachMethodAndUriIsInTheTableOnce() {
    List<String> names = LambdaOperations.ALL.stream().map(LambdaOperation::name).toList();
    List<String> routes = LambdaOperations.ALL.stream().map(op -> op.method() + " " + op.uri()).toList();
    assertThat(names).doesNotHaveDuplicates();
    assertThat(routes).doesNotHaveDuplicates();
  }

  @Test
  void theServiceClaimsTheApiVersionsOfTheTableAndTheCodeDownloadAddress() {
    assertThat(LambdaOperations.VERSION_PREFIXES).contains("/2015-03-31/", "/2016-08-19/", "/2019-09-25/");
    assertThat(LambdaRoutes.claims("/2015-03-31/functions/fn/nonsense")).isTrue();
    assertThat(LambdaRoutes.claims("/2019-09-25/functions/fn/event-invoke-config/list")).isTrue();
    assertThat(LambdaRoutes.claims("/local-cloud/lambda/code/abc.zip")).isTrue();
    assertThat(LambdaRoutes.claims("/2018-06-01/runtime/invocation/next")).isFalse();
    assertThat(LambdaRoutes.claims("/")).isFalse();
  }

  @Test
  void labelsAreRawSegmentsAndTheLastOneIsNeverEmpty() {
    LambdaOperations.Match alias = LambdaOperations.find("GET", "/2015-03-31/functions/my%2Bfn/aliases/live")
        .orElseThrow();
    assertThat(alias.operation().name()).isEqualTo("GetAlias");
    assertThat(alias.labels()).containsEntry("FunctionName", "my%2Bfn").containsEntry("Name", "live");
    assertThat(LambdaOperations.find("GET", "/2015-03-31/functions/fn/aliases/")).isEmpty();
    assertThat(LambdaOperations.find("GET", "/2016-08-19/account-settings/").map(m -> m.operation().name()))
        .hasValue("GetAccountSettings");
    assertThat(LambdaOperations.find("GET", "/2015-03-31/functions/fn/")).isEmpty();
  }

  /** Lambda's API model as botocore (boto3's) publishes it; skipped where python3 has no botocore. */
  private static JsonNode botocoreLambdaModel() throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder("python3", "-c", "import botocore.loaders, json, sys;"
          + " json.dump(botocore.loaders.Loader().load_service_model('lambda', 'service-2'), sys.stdout)")
          .redirectErrorStream(false).start();
    } catch (IOException e) {
      assumeThat(false).as("python3 is not on this machine").isTrue();
      throw e;
    }
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.getErrorStream().transferTo(java.io.OutputStream.nullOutputStream());
    assumeThat(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0).as("python3 has botocore").isTrue();
    return Json.MAPPER.readTree(out);
  }
}
