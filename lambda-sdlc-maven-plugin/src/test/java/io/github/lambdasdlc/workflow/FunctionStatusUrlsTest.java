package io.github.lambdasdlc.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;

/** {@code status} lists the function's URLs (its own and its aliases') with their auth types. */
class FunctionStatusUrlsTest {
  @TempDir
  Path dir;
  private WorkflowTestSupport local;

  @BeforeEach
  void start() {
    local = new WorkflowTestSupport(dir);
  }

  @AfterEach
  void stop() {
    local.close();
  }

  @Test
  void statusPrintsEachFunctionUrl() {
    new StackConvergence(local.clients, local.events).converge(
        new StackConvergence.Request("urls-app", StackTemplate.builtIn(), Map.of(), Map.of(), false, null));
    var lambda = local.clients.lambda();
    lambda.publishVersion(b -> b.functionName("urls-app"));
    lambda.createAlias(b -> b.functionName("urls-app").name("live").functionVersion("1"));
    String url = lambda.createFunctionUrlConfig(b -> b.functionName("urls-app").authType(FunctionUrlAuthType.NONE))
        .functionUrl();
    String live = lambda.createFunctionUrlConfig(b -> b.functionName("urls-app").qualifier("live")
        .authType(FunctionUrlAuthType.AWS_IAM)).functionUrl();

    FunctionStatus.Result status = new FunctionStatus(local.clients)
        .gather(new FunctionStatus.Request("urls-app", null, null, null));
    new StatusReport(local.events).print(status);

    assertThat(status.function().urls().urls()).extracting(FunctionStatus.FunctionUrl::url).containsExactlyInAnyOrder(url, live);

    assertThat(local.events.text())
        .contains("Function URL: " + url + " (urls-app, AuthType NONE)")
        .contains("Function URL: " + live + " (urls-app:live, AuthType AWS_IAM)");
  }
}
