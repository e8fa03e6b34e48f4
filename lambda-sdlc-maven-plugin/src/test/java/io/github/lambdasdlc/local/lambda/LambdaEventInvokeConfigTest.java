package io.github.lambdasdlc.local.lambda;

import static io.github.lambdasdlc.local.lambda.LambdaTestSupport.create;
import static io.github.lambdasdlc.local.lambda.LambdaTestSupport.handlerZip;
import static io.github.lambdasdlc.local.lambda.LambdaTestSupport.waitActive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdasdlc.local.LocalCloud;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionEventInvokeConfig;
import software.amazon.awssdk.services.lambda.model.GetFunctionEventInvokeConfigResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.PutFunctionEventInvokeConfigResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** The event-invoke-config API through the SDK: shapes, errors, and what goes with versions and aliases. */
class LambdaEventInvokeConfigTest {
  static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:fn";

  @TempDir
  Path dir;
  LocalCloud cloud;
  LambdaClient lambda;

  @BeforeEach
  void start() {
    cloud = LambdaTestSupport.start(dir);
    lambda = LambdaTestSupport.client(cloud);
    lambda.createFunction(create("fn", handlerZip("x")).build());
    waitActive(lambda, "fn");
  }

  @AfterEach
  void stop() {
    lambda.close();
    cloud.close();
  }

  @Test
  void putGetUpdateListAndDelete() {
    assertThatThrownBy(() -> lambda.getFunctionEventInvokeConfig(b -> b.functionName("fn")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageStartingWith("The function " + ARN + ":$LATEST doesn't have an EventInvokeConfig");
    Instant before = Instant.now().minusSeconds(1);
    PutFunctionEventInvokeConfigResponse put = lambda.putFunctionEventInvokeConfig(b -> b.functionName("fn")
        .maximumRetryAttempts(0).maximumEventAgeInSeconds(60));
    assertThat(put.functionArn()).isEqualTo(ARN + ":$LATEST");
    assertThat(put.maximumRetryAttempts()).isZero();
    assertThat(put.maximumEventAgeInSeconds()).isEqualTo(60);
    assertThat(put.lastModified()).isAfter(before).isBefore(Instant.now().plusSeconds(1));
    assertThat(put.destinationConfig().onFailure().destination()).isNull();

    // Update changes what it names; Put replaces the whole configuration.
    lambda.updateFunctionEventInvokeConfig(b -> b.functionName("fn").maximumRetryAttempts(1));
    GetFunctionEventInvokeConfigResponse merged = lambda.getFunctionEventInvokeConfig(b -> b.functionName("fn"));
    assertThat(merged.maximumRetryAttempts()).isEqualTo(1);
    assertThat(merged.maximumEventAgeInSeconds()).isEqualTo(60);
    lambda.putFunctionEventInvokeConfig(b -> b.functionName("fn").maximumEventAgeInSeconds(3600));
    GetFunctionEventInvokeConfigResponse replaced = lambda.getFunctionEventInvokeConfig(b -> b.functionName("fn"));
    assertThat(replaced.maximumRetryAttempts()).isNull();
    assertThat(replaced.maximumEventAgeInSeconds()).isEqualTo(3600);

    lambda.publishVersion(b -> b.functionName("fn"));
    lambda.createAlias(b -> b.functionName("fn").name("live").functionVersion("1"));
    lambda.putFunctionEventInvokeConfig(b -> b.functionName("fn").qualifier("live").maximumRetryAttempts(2));
    lambda.putFunctionEventInvokeConfig(b -> b.functionName("fn:1").maximumRetryAttempts(1));
    assertThat(lambda.listFunctionEventInvokeConfigs(b -> b.functionName("fn")).functionEventInvokeConfigs())
        .extracting(FunctionEventInvokeConfig::functionArn)
        .containsExactlyInAnyOrder(ARN + ":$LATEST", ARN + ":live", ARN + ":1");

    // An alias or version that goes takes its configuration with it.
    lambda.deleteAlias(b -> b.functionName("fn").name("live"));
    assertThatThrownBy(() -> lambda.getFunctionEventInvokeConfig(b -> b.functionName("fn").qualifier("live")))
        .isInstanceOf(ResourceNotFoundException.class);
    lambda.deleteFunction(b -> b.functionName("fn").qualifier("1"));
    lambda.deleteFunctionEventInvokeConfig(b -> b.functionName("fn"));
    assertThat(lambda.listFunctionEventInvokeConfigs(b -> b.functionName("fn")).functionEventInvokeConfigs())
        .isEmpty();
    assertThatThrownBy(() -> lambda.deleteFunctionEventInvokeConfig(b -> b.functionName("fn")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void refusesWhatTheModelOrTheLocalCloudCannotTake() {
    assertThatThrownBy(() -> lambda.putFunctionEventInvokeConfig(b -> b.functionName("fn").maximumRetryAttempts(3)))
        .isInstanceOfSatisfying(LambdaException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
          assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value '3' at"
              + " 'maximumRetryAttempts' failed to satisfy constraint: Member must have value less than or equal to 2");
        });
    assertThatThrownBy(() -> lambda.putFunctionEventInvokeConfig(b -> b.functionName("fn")
        .maximumEventAgeInSeconds(59))).isInstanceOfSatisfying(LambdaException.class,
            e -> assertThat(e.awsErrorDetails().errorMessage()).contains("'maximumEventAgeInSeconds'"));
    assertThatThrownBy(() -> lambda.putFunctionEventInvokeConfig(b -> b.functionName("fn")
        .destinationConfig(d -> d.onFailure(f -> f.destination("arn:aws:sqs:us-east-1:000000000000:dlq")))))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("no destinations");
    assertThatThrownBy(() -> lambda.putFunctionEventInvokeConfig(b -> b.functionName("fn").qualifier("7")
        .maximumRetryAttempts(0))).isInstanceOf(ResourceNotFoundException.class)
        .hasMessageStartingWith("Function not found: " + ARN + ":7");
    assertThatThrownBy(() -> lambda.updateFunctionEventInvokeConfig(b -> b.functionName("fn")
        .maximumRetryAttempts(0))).isInstanceOf(ResourceNotFoundException.class)
        .hasMessageStartingWith("The function " + ARN + ":$LATEST doesn't have an EventInvokeConfig");
    assertThatThrownBy(() -> lambda.getFunctionEventInvokeConfig(b -> b.functionName("missing")))
        .isInstanceOf(ResourceNotFoundException.class);
  }
}
