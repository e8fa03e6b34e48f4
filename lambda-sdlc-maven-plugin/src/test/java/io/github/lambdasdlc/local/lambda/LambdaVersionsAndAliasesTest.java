package io.github.lambdasdlc.local.lambda;

import static io.github.lambdasdlc.local.lambda.LambdaTestSupport.create;
import static io.github.lambdasdlc.local.lambda.LambdaTestSupport.handlerZip;
import static io.github.lambdasdlc.local.lambda.LambdaTestSupport.waitActive;
import static io.github.lambdasdlc.local.lambda.LambdaTestSupport.waitUpdated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdasdlc.local.LocalCloud;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;
import software.amazon.awssdk.services.lambda.model.AliasRoutingConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetAccountSettingsResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ListFunctionsResponse;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.PublishVersionResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

class LambdaVersionsAndAliasesTest {
  private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:";
  @TempDir
  Path dir;
  LocalCloud cloud;
  LambdaClient lambda;

  @BeforeEach
  void start() {
    cloud = LambdaTestSupport.start(dir);
    lambda = LambdaTestSupport.client(cloud);
  }

  @AfterEach
  void stop() {
    lambda.close();
    cloud.close();
  }

  @Test
  void publishingMakesImmutableNumberedVersionsOnlyWhenSomethingChanged() {
    // The publish below must meet the function still Pending: 50 ms is too short on a loaded machine.
    lambda.close();
    cloud.close();
    cloud = LambdaTestSupport.start(dir, Duration.ofSeconds(2));
    lambda = LambdaTestSupport.client(cloud);
    lambda.createFunction(create("v", handlerZip("one")).description("first").build());
    assertThatThrownBy(() -> lambda.publishVersion(b -> b.functionName("v")))
        .isInstanceOf(ResourceConflictException.class);
    waitActive(lambda, "v");
    PublishVersionResponse v1 = lambda.publishVersion(b -> b.functionName("v").description("release one"));
    assertThat(v1.version()).isEqualTo("1");
    assertThat(v1.functionArn()).isEqualTo(ARN + "v:1");
    assertThat(v1.description()).isEqualTo("release one");
    assertThat(v1.stateAsString()).isEqualTo("Active");
    // Nothing changed: AWS hands back the newest version rather than making another.
    PublishVersionResponse again = lambda.publishVersion(b -> b.functionName("v").description("ignored"));
    assertThat(again.version()).isEqualTo("1");
    assertThat(again.revisionId()).isEqualTo(v1.revisionId());

    assertThatThrownBy(() -> lambda.publishVersion(b -> b.functionName("v").codeSha256("abc")))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("CodeSHA256 (abc) is different from current CodeSHA256 in $LATEST");
    assertThatThrownBy(() -> lambda.publishVersion(b -> b.functionName("v").revisionId("old")))
        .isInstanceOf(PreconditionFailedException.class);

    lambda.updateFunctionCode(b -> b.functionName("v").zipFile(SdkBytes.fromByteArray(handlerZip("two"))));
    waitUpdated(lambda, "v");
    PublishVersionResponse v2 = lambda.publishVersion(b -> b.functionName("v"));
    assertThat(v2.version()).isEqualTo("2");
    assertThat(v2.description()).isEqualTo("first");
    assertThat(v2.codeSha256()).isNotEqualTo(v1.codeSha256());

    // Version 1 kept its code and configuration.
    var one = lambda.getFunctionConfiguration(b -> b.functionName("v").qualifier("1"));
    assertThat(one.codeSha256()).isEqualTo(v1.codeSha256());
    assertThat(lambda.getFunctionConfiguration(b -> b.functionName(ARN + "v:2")).version()).isEqualTo("2");
    assertThat(LambdaFunctionLifecycleTest.download(lambda.getFunction(b -> b.functionName("v").qualifier("1"))
        .code().location())).isEqualTo(handlerZip("one"));

    assertThat(lambda.listVersionsByFunction(b -> b.functionName("v")).versions())
        .extracting(FunctionConfiguration::version, FunctionConfiguration::functionArn)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("$LATEST", ARN + "v:$LATEST"),
            org.assertj.core.groups.Tuple.tuple("1", ARN + "v:1"), org.assertj.core.groups.Tuple.tuple("2", ARN + "v:2"));
    // List items carry no state members, as on AWS.
    assertThat(lambda.listVersionsByFunction(b -> b.functionName("v")).versions().get(0).state()).isNull();

    // A version cannot be updated, $LATEST cannot be deleted on its own; a version can.
    assertThatThrownBy(() -> lambda.updateFunctionConfiguration(b -> b.functionName("v:1").timeout(5)))
        .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("Aliases and versions do not support");
    assertThatThrownBy(() -> lambda.deleteFunction(b -> b.functionName("v").qualifier("$LATEST")))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("$LATEST version cannot be deleted without deleting the function.");
    lambda.deleteFunction(b -> b.functionName("v").qualifier("1"));
    assertThatThrownBy(() -> lambda.getFunction(b -> b.functionName("v").qualifier("1")))
        .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Function not found: " + ARN + "v:1");
    assertThat(lambda.getFunction(b -> b.functionName("v").qualifier("2")).configuration().version()).isEqualTo("2");
  }

  @Test
  void createWithPublishMakesVersionOne() {
    var created = lambda.createFunction(create("p", handlerZip("x")).publish(true).build());
    assertThat(created.version()).isEqualTo("1");
    assertThat(created.stateAsString()).isEqualTo("Pending");
    lambda.waiter().waitUntilPublishedVersionActive(
        software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationRequest.builder().functionName("p")
            .qualifier("1").build(), LambdaTestSupport.FAST_WAIT);
    assertThat(lambda.getFunctionConfiguration(b -> b.functionName("p:1")).stateAsString()).isEqualTo("Active");
  }

  @Test
  void aliasesPointAtVersionsWithRoutingAndRevisions() {
    lambda.createFunction(create("a", handlerZip("one")).build());
    waitActive(lambda, "a");
    lambda.publishVersion(b -> b.functionName("a"));
    lambda.updateFunctionConfiguration(b -> b.functionName("a").timeout(9));
    waitUpdated(lambda, "a");
    lambda.publishVersion(b -> b.functionName("a"));

    var live = lambda.createAlias(b -> b.functionName("a").name("live").functionVersion("1")
        .description("prod").routingConfig(AliasRoutingConfiguration.builder()
            .additionalVersionWeights(Map.of("2", 0.25)).build()));
    assertThat(live.aliasArn()).isEqualTo(ARN + "a:live");
    assertThat(live.functionVersion()).isEqualTo("1");
    assertThat(live.routingConfig().additionalVersionWeights()).containsEntry("2", 0.25);
    assertThat(live.revisionId()).isNotBlank();
    assertThat(lambda.getAlias(b -> b.functionName("a").name("live")).routingConfig().additionalVersionWeights())
        .containsEntry("2", 0.25);

    var viaAlias = lambda.getFunctionConfiguration(b -> b.functionName("a").qualifier("live"));
    assertThat(viaAlias.version()).isEqualTo("1");
    assertThat(viaAlias.timeout()).isEqualTo(3);
    assertThat(viaAlias.functionArn()).isEqualTo(ARN + "a:live");

    assertThatThrownBy(() -> lambda.createAlias(b -> b.functionName("a").name("live").functionVersion("2")))
        .isInstanceOf(ResourceConflictException.class).hasMessageContaining("Alias already exists: " + ARN + "a:live");
    assertThatThrownBy(() -> lambda.createAlias(b -> b.functionName("a").name("x").functionVersion("7")))
        .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Function not found: " + ARN + "a:7");
    assertThatThrownBy(() -> lambda.createAlias(b -> b.functionName("a").name("123").functionVersion("1")))
        .isInstanceOfSatisfying(LambdaException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
    assertThatThrownBy(() -> lambda.createAlias(b -> b.functionName("a").name("y").functionVersion("1")
        .routingConfig(r -> r.additionalVersionWeights(Map.of("1", 0.5)))))
        .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("is already included in routing");
    assertThatThrownBy(() -> lambda.getAlias(b -> b.functionName("a").name("none")))
        .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Cannot find alias arn: " + ARN + "a:none");
    assertThatThrownBy(() -> lambda.updateAlias(b -> b.functionName("a").name("live").revisionId("stale")))
        .isInstanceOf(PreconditionFailedException.class);
    assertThatThrownBy(() -> lambda.deleteFunction(b -> b.functionName("a").qualifier("2")))
        .isInstanceOf(ResourceConflictException.class);

    var moved = lambda.updateAlias(b -> b.functionName("a").name("live").functionVersion("2")
        .revisionId(live.revisionId()).routingConfig(AliasRoutingConfiguration.builder().build()));
    assertThat(moved.functionVersion()).isEqualTo("2");
    assertThat(moved.routingConfig()).isNull();
    assertThat(moved.revisionId()).isNotEqualTo(live.revisionId());
    assertThat(moved.description()).isEqualTo("prod");

    lambda.createAlias(b -> b.functionName("a").name("beta").functionVersion("$LATEST"));
    assertThat(lambda.listAliases(b -> b.functionName("a")).aliases()).extracting(AliasConfiguration::name)
        .containsExactly("beta", "live");
    assertThat(lambda.listAliases(b -> b.functionName("a").functionVersion("2")).aliases())
        .extracting(AliasConfiguration::name).containsExactly("live");
    lambda.deleteAlias(b -> b.functionName("a").name("beta"));
    lambda.deleteAlias(b -> b.functionName("a").name("beta"));
    assertThat(lambda.listAliases(b -> b.functionName("a")).aliases()).hasSize(1);

    // Deleting the function takes its versions and aliases with it.
    lambda.deleteFunction(b -> b.functionName("a"));
    lambda.createFunction(create("a", handlerZip("new")).build());
    assertThat(lambda.listAliases(b -> b.functionName("a")).aliases()).isEmpty();
    assertThat(lambda.listVersionsByFunction(b -> b.functionName("a")).versions()).hasSize(1);
  }

  @Test
  void listFunctionsPagesAndListsAllVersions() {
    for (int i = 0; i < 7; i++) {
      lambda.createFunction(create("f" + i, handlerZip("x" + i)).build());
    }
    waitActive(lambda, "f0");
    lambda.publishVersion(b -> b.functionName("f0"));

    ListFunctionsResponse first = lambda.listFunctions(b -> b.maxItems(3));
    assertThat(first.functions()).extracting(FunctionConfiguration::functionName).containsExactly("f0", "f1", "f2");
    assertThat(first.nextMarker()).isNotNull();
    assertThat(lambda.listFunctionsPaginator(b -> b.maxItems(3)).functions().stream()
        .map(FunctionConfiguration::functionName)).containsExactly("f0", "f1", "f2", "f3", "f4", "f5", "f6");
    assertThat(lambda.listFunctions().functions()).allSatisfy(f -> assertThat(f.version()).isEqualTo("$LATEST"));
    assertThat(lambda.listFunctions(b -> b.functionVersion("ALL")).functions()).hasSize(8)
        .extracting(FunctionConfiguration::functionArn).contains(ARN + "f0:1", ARN + "f0:$LATEST");
    assertThatThrownBy(() -> lambda.listFunctions(b -> b.functionVersion("SOME")))
        .isInstanceOfSatisfying(LambdaException.class, e -> assertThat(e.getMessage())
            .contains("Value 'SOME' at 'functionVersion' failed to satisfy constraint: Member must satisfy enum value set: [ALL]"));

    GetAccountSettingsResponse settings = lambda.getAccountSettings();
    long expected = 0;
    for (int i = 0; i < 7; i++) {
      expected += handlerZip("x" + i).length;
    }
    expected += handlerZip("x0").length;
    assertThat(settings.accountUsage().functionCount()).isEqualTo(7);
    assertThat(settings.accountUsage().totalCodeSize()).isEqualTo(expected);
    assertThat(settings.accountLimit().codeSizeZipped()).isEqualTo(52_428_800L);
    assertThat(settings.accountLimit().codeSizeUnzipped()).isEqualTo(262_144_000L);
    assertThat(settings.accountLimit().concurrentExecutions()).isEqualTo(1000);
  }
}
