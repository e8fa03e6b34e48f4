package io.github.lambdasdlc.local.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdasdlc.local.LocalCloud;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** boto3, unchanged, against the local cloud through AWS_ENDPOINT_URL. */
class Boto3CompatibilityTest {
  @TempDir
  Path dir;

  @Test
  void boto3DrivesCloudFormationAndLambdaIncludingWaitersAndErrors() throws Exception {
    assumeTrue(ExternalClient.available("python3", "-c", "import boto3"), "boto3 is not installed");
    Path script = dir.resolve("boto3_smoke.py");
    try (InputStream in = getClass().getResourceAsStream("/compat/boto3_smoke.py")) {
      Files.copy(in, script);
    }
    // A longer update delay, so that the script's second update meets the first one in progress.
    try (LocalCloud cloud = LocalCloud.start(LocalCloudConfig.builder(dir.resolve("state"))
        .lambdaUpdateDelay(Duration.ofMillis(1500)).stackStepDelay(Duration.ofMillis(5)).build())) {
      JsonNode result = new ExternalClient(cloud.endpoint(), dir).python(script, "invoke").ok().json();
      assertThat(result.path("stack_status").asText()).isEqualTo("CREATE_COMPLETE");
      assertThat(result.path("output_key").asText()).isEqualTo("LogGroup");
      assertThat(result.path("missing_stack_code").asText()).isEqualTo("ValidationError");
      assertThat(result.path("missing_stack_message").asText()).isEqualTo("Stack with id no-such-stack does not exist");
      assertThat(result.path("function_arn").asText()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:boto3-fn");
      assertThat(result.path("conflict_code").asText()).isEqualTo("ResourceConflictException");
      assertThat(result.path("conflict_status").asInt()).isEqualTo(409);
      assertThat(result.path("last_update_status").asText()).isEqualTo("Successful");
      assertThat(result.path("missing_function_message").asText())
          .isEqualTo("Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope");
      assertThat(result.path("invoke_status").asInt()).isEqualTo(200);
      // The updated code answers 1 whatever the event: the update took effect.
      assertThat(result.path("invoke_payload").asInt()).isEqualTo(1);
      assertThat(result.path("invoke_has_log").asBoolean()).isTrue();
    }
  }
}
