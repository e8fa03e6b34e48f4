package io.github.lambdasdlc.local.lambda;

import static io.github.lambdasdlc.local.lambda.LambdaTestSupport.create;
import static io.github.lambdasdlc.local.lambda.LambdaTestSupport.handlerZip;
import static io.github.lambdasdlc.local.lambda.LambdaTestSupport.waitActive;
import static io.github.lambdasdlc.local.lambda.LambdaTestSupport.waitUpdated;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.lambdasdlc.local.LocalCloud;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;

class LambdaRestartTest {
  @TempDir
  Path dir;

  @Test
  void functionsVersionsAliasesAndCodeSurviveARestart() {
    String v1Sha;
    try (LocalCloud cloud = LambdaTestSupport.start(dir); LambdaClient lambda = LambdaTestSupport.client(cloud)) {
      lambda.createFunction(create("keep", handlerZip("one")).memorySize(256).build());
      waitActive(lambda, "keep");
      v1Sha = lambda.publishVersion(b -> b.functionName("keep")).codeSha256();
      lambda.createAlias(b -> b.functionName("keep").name("live").functionVersion("1"));
      lambda.updateFunctionCode(b -> b.functionName("keep").zipFile(SdkBytes.fromByteArray(handlerZip("two"))));
      waitUpdated(lambda, "keep");
    }
    try (LocalCloud cloud = LambdaTestSupport.start(dir); LambdaClient lambda = LambdaTestSupport.client(cloud)) {
      GetFunctionResponse latest = lambda.getFunction(b -> b.functionName("keep"));
      assertThat(latest.configuration().stateAsString()).isEqualTo("Active");
      assertThat(latest.configuration().memorySize()).isEqualTo(256);
      assertThat(LambdaFunctionLifecycleTest.download(latest.code().location())).isEqualTo(handlerZip("two"));
      GetFunctionResponse one = lambda.getFunction(b -> b.functionName("keep").qualifier("live"));
      assertThat(one.configuration().version()).isEqualTo("1");
      assertThat(one.configuration().codeSha256()).isEqualTo(v1Sha);
      assertThat(LambdaFunctionLifecycleTest.download(one.code().location())).isEqualTo(handlerZip("one"));
      assertThat(lambda.listVersionsByFunction(b -> b.functionName("keep")).versions())
          .extracting(FunctionConfiguration::version).containsExactly("$LATEST", "1");
      // Version numbers continue where they were.
      lambda.updateFunctionConfiguration(b -> b.functionName("keep").timeout(11));
      waitUpdated(lambda, "keep");
      assertThat(lambda.publishVersion(b -> b.functionName("keep")).version()).isEqualTo("2");
    }
  }

  @Test
  void transitionalStatesLeftByAStoppedCloudCompleteAfterRestart() {
    // A delay far longer than the test: only the restart can settle these.
    try (LocalCloud cloud = LambdaTestSupport.start(dir, Duration.ofHours(1));
        LambdaClient lambda = LambdaTestSupport.client(cloud)) {
      lambda.createFunction(create("slow", handlerZip("x")).build());
      assertThat(lambda.getFunctionConfiguration(b -> b.functionName("slow")).stateAsString()).isEqualTo("Pending");
    }
    try (LocalCloud cloud = LambdaTestSupport.start(dir); LambdaClient lambda = LambdaTestSupport.client(cloud)) {
      waitActive(lambda, "slow");
      assertThat(lambda.getFunctionConfiguration(b -> b.functionName("slow")).lastUpdateStatusAsString())
          .isEqualTo("Successful");
    }
  }
}
