package io.github.lambdasdlc.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdasdlc.local.LocalCloud;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Cors;
import software.amazon.awssdk.services.lambda.model.CreateFunctionUrlConfigResponse;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;
import software.amazon.awssdk.services.lambda.model.FunctionUrlConfig;
import software.amazon.awssdk.services.lambda.model.GetFunctionUrlConfigResponse;
import software.amazon.awssdk.services.lambda.model.InvokeMode;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionUrlConfigResponse;

/** Lambda's function URL API through the unmodified SDK v2: shapes, errors, qualifiers, persistence, deletion. */
class FunctionUrlConfigTest {
  @TempDir
  Path dir;
  private LocalCloud cloud;
  private LambdaClient lambda;

  @BeforeEach
  void start() {
    cloud = LambdaTestSupport.start(dir);
    lambda = LambdaTestSupport.client(cloud);
    lambda.createFunction(LambdaTestSupport.create("web", LambdaTestSupport.handlerZip("hi")).build());
    LambdaTestSupport.waitActive(lambda, "web");
  }

  @AfterEach
  void stop() {
    lambda.close();
    cloud.close();
  }

  @Test
  void createGetUpdateListDelete() {
    CreateFunctionUrlConfigResponse created = lambda.createFunctionUrlConfig(b -> b.functionName("web")
        .authType(FunctionUrlAuthType.NONE)
        .cors(Cors.builder().allowOrigins("https://app.example").allowMethods("GET", "POST").maxAge(300).build()));
    assertThat(created.functionUrl()).matches("http://127\\.0\\.0\\.1:\\d+/");
    assertThat(created.functionArn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:web");
    assertThat(created.authType()).isEqualTo(FunctionUrlAuthType.NONE);
    assertThat(created.invokeMode()).isEqualTo(InvokeMode.BUFFERED);
    assertThat(created.cors().allowOrigins()).containsExactly("https://app.example");
    assertThat(Instant.parse(created.creationTime())).isBeforeOrEqualTo(Instant.now());

    GetFunctionUrlConfigResponse got = lambda.getFunctionUrlConfig(b -> b.functionName("web"));
    assertThat(got.functionUrl()).isEqualTo(created.functionUrl());
    assertThat(got.lastModifiedTime()).isEqualTo(created.creationTime());
    assertThat(got.cors().maxAge()).isEqualTo(300);

    UpdateFunctionUrlConfigResponse updated = lambda.updateFunctionUrlConfig(b -> b.functionName("web")
        .authType(FunctionUrlAuthType.AWS_IAM));
    assertThat(updated.authType()).isEqualTo(FunctionUrlAuthType.AWS_IAM);
    assertThat(updated.cors().allowMethods()).containsExactly("GET", "POST"); // untouched when not given
    assertThat(updated.functionUrl()).isEqualTo(created.functionUrl());

    List<FunctionUrlConfig> listed = lambda.listFunctionUrlConfigs(b -> b.functionName("web")).functionUrlConfigs();
    assertThat(listed).extracting(FunctionUrlConfig::functionUrl).containsExactly(created.functionUrl());

    lambda.deleteFunctionUrlConfig(b -> b.functionName("web"));
    assertThatThrownBy(() -> lambda.getFunctionUrlConfig(b -> b.functionName("web")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("The resource you requested does not exist.");
    assertThat(lambda.listFunctionUrlConfigs(b -> b.functionName("web")).functionUrlConfigs()).isEmpty();
  }

  @Test
  void aSecondUrlForTheSameQualifierConflictsAsOnAws() {
    lambda.createFunctionUrlConfig(b -> b.functionName("web").authType(FunctionUrlAuthType.NONE));
    assertThatThrownBy(() -> lambda.createFunctionUrlConfig(b -> b.functionName("web")
        .authType(FunctionUrlAuthType.NONE)))
        .isInstanceOf(ResourceConflictException.class)
        .hasMessageContaining("Failed to create function url config for [functionArn = "
            + "arn:aws:lambda:us-east-1:000000000000:function:web]. Error message:  FunctionUrlConfig exists for this"
            + " Lambda function");
  }

  @Test
  void anAliasHasItsOwnUrlWhichGoesWithTheAlias() {
    lambda.publishVersion(b -> b.functionName("web"));
    lambda.createAlias(b -> b.functionName("web").name("live").functionVersion("1"));
    String unqualified = lambda.createFunctionUrlConfig(b -> b.functionName("web").authType(FunctionUrlAuthType.NONE))
        .functionUrl();
    CreateFunctionUrlConfigResponse live = lambda.createFunctionUrlConfig(b -> b.functionName("web").qualifier("live")
        .authType(FunctionUrlAuthType.NONE));
    assertThat(live.functionArn()).endsWith("function:web:live");
    assertThat(live.functionUrl()).isNotEqualTo(unqualified);
    assertThat(lambda.listFunctionUrlConfigs(b -> b.functionName("web")).functionUrlConfigs()).hasSize(2);

    assertThatThrownBy(() -> lambda.createFunctionUrlConfig(b -> b.functionName("web").qualifier("missing")
        .authType(FunctionUrlAuthType.NONE)))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> lambda.createFunctionUrlConfig(b -> b.functionName("web").qualifier("1")
        .authType(FunctionUrlAuthType.NONE)))
        .isInstanceOf(LambdaException.class)
        .hasMessageContaining("at 'qualifier' failed to satisfy constraint");

    lambda.deleteAlias(b -> b.functionName("web").name("live"));
    assertThat(lambda.listFunctionUrlConfigs(b -> b.functionName("web")).functionUrlConfigs())
        .extracting(FunctionUrlConfig::functionUrl).containsExactly(unqualified);
  }

  @Test
  void badInputsGetAwsErrors() {
    assertThatThrownBy(() -> lambda.createFunctionUrlConfig(b -> b.functionName("nope")
        .authType(FunctionUrlAuthType.NONE)))
        .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Function does not exist");
    assertThatThrownBy(() -> lambda.createFunctionUrlConfig(b -> b.functionName("web").authType("OPEN")))
        .isInstanceOf(LambdaException.class)
        .hasMessageContaining("Member must satisfy enum value set: [NONE, AWS_IAM]");
    assertThatThrownBy(() -> lambda.createFunctionUrlConfig(b -> b.functionName("web")
        .authType(FunctionUrlAuthType.NONE).cors(Cors.builder().maxAge(90000).build())))
        .isInstanceOf(LambdaException.class)
        .hasMessageContaining("Member must have value less than or equal to 86400");
    assertThatThrownBy(() -> lambda.createFunctionUrlConfig(b -> b.functionName("web")
        .authType(FunctionUrlAuthType.NONE).invokeMode(InvokeMode.RESPONSE_STREAM)))
        .isInstanceOf(LambdaException.class)
        .hasMessageContaining("BUFFERED only");
    assertThatThrownBy(() -> lambda.updateFunctionUrlConfig(b -> b.functionName("web")
        .authType(FunctionUrlAuthType.NONE)))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("The resource you requested does not exist.");
    assertThatThrownBy(() -> lambda.deleteFunctionUrlConfig(b -> b.functionName("web")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void urlsSurviveARestartWithTheSameAddressAndGoWithTheirFunction() {
    String url = lambda.createFunctionUrlConfig(b -> b.functionName("web").authType(FunctionUrlAuthType.NONE))
        .functionUrl();
    lambda.close();
    cloud.close();
    cloud = LambdaTestSupport.start(dir);
    lambda = LambdaTestSupport.client(cloud);
    assertThat(lambda.getFunctionUrlConfig(b -> b.functionName("web")).functionUrl()).isEqualTo(url);

    lambda.deleteFunction(b -> b.functionName("web"));
    lambda.createFunction(LambdaTestSupport.create("web", LambdaTestSupport.handlerZip("hi")).build());
    assertThatThrownBy(() -> lambda.getFunctionUrlConfig(b -> b.functionName("web")))
        .isInstanceOf(ResourceNotFoundException.class);
  }
}
