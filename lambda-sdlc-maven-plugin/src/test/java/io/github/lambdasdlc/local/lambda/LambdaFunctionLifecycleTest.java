package io.github.lambdasdlc.local.lambda;

import static io.github.lambdasdlc.local.lambda.LambdaTestSupport.ROLE;
import static io.github.lambdasdlc.local.lambda.LambdaTestSupport.create;
import static io.github.lambdasdlc.local.lambda.LambdaTestSupport.handlerZip;
import static io.github.lambdasdlc.local.lambda.LambdaTestSupport.waitActive;
import static io.github.lambdasdlc.local.lambda.LambdaTestSupport.waitUpdated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdasdlc.local.LocalCloud;
import io.github.lambdasdlc.local.lambda.code.CodeArchive;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.Environment;
import software.amazon.awssdk.services.lambda.model.FunctionCode;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.State;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionCodeResponse;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionConfigurationResponse;

class LambdaFunctionLifecycleTest {
  private static final String ARN_PREFIX = "arn:aws:lambda:us-east-1:000000000000:function:";
  @TempDir
  Path dir;
  LocalCloud cloud;
  LambdaClient lambda;

  @BeforeEach
  void start() {
    // Long enough that the test's second update reliably lands while the first is still in progress.
    cloud = LambdaTestSupport.start(dir, java.time.Duration.ofMillis(400));
    lambda = LambdaTestSupport.client(cloud);
  }

  @AfterEach
  void stop() {
    lambda.close();
    cloud.close();
  }

  @Test
  void createIsPendingThenActiveWithAwsDefaults() {
    byte[] zip = handlerZip("one");
    CreateFunctionResponse created = lambda.createFunction(create("fn", zip)
        .environment(Environment.builder().variables(Map.of("GREETING", "hi")).build())
        .tags(Map.of("team", "core")).build());
    assertThat(created.functionArn()).isEqualTo(ARN_PREFIX + "fn");
    assertThat(created.state()).isEqualTo(State.PENDING);
    assertThat(created.stateReason()).isEqualTo("The function is being created.");
    assertThat(created.stateReasonCodeAsString()).isEqualTo("Creating");
    assertThat(created.lastUpdateStatus()).isNull();
    assertThat(created.timeout()).isEqualTo(3);
    assertThat(created.memorySize()).isEqualTo(128);
    assertThat(created.codeSha256()).isEqualTo(CodeArchive.sha256Base64(zip));
    assertThat(created.codeSize()).isEqualTo(zip.length);
    assertThat(created.version()).isEqualTo("$LATEST");
    assertThat(created.description()).isEmpty();
    assertThat(created.packageTypeAsString()).isEqualTo("Zip");
    assertThat(created.architectures()).containsExactly(Architecture.X86_64);
    assertThat(created.ephemeralStorage().size()).isEqualTo(512);
    assertThat(created.tracingConfig().modeAsString()).isEqualTo("PassThrough");
    assertThat(created.snapStart().applyOnAsString()).isEqualTo("None");
    assertThat(created.snapStart().optimizationStatusAsString()).isEqualTo("Off");
    assertThat(created.loggingConfig().logFormatAsString()).isEqualTo("Text");
    assertThat(created.loggingConfig().logGroup()).isEqualTo("/aws/lambda/fn");
    assertThat(created.environment().variables()).containsEntry("GREETING", "hi");
    assertThat(created.lastModified()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000");

    waitActive(lambda, "fn");
    GetFunctionResponse got = lambda.getFunction(b -> b.functionName("fn"));
    assertThat(got.configuration().state()).isEqualTo(State.ACTIVE);
    assertThat(got.configuration().stateReason()).isNull();
    assertThat(got.configuration().lastUpdateStatus()).isEqualTo(LastUpdateStatus.SUCCESSFUL);
    // Settling the state is a change: a new revision.
    assertThat(got.configuration().revisionId()).isNotEqualTo(created.revisionId());
    assertThat(got.tags()).containsEntry("team", "core");
    assertThat(got.code().repositoryType()).isEqualTo("S3");
    assertThat(download(got.code().location())).isEqualTo(zip);
  }

  @Test
  void functionIsFoundByNameArnPartialArnEncodedArnAndQualifier() {
    lambda.createFunction(create("named", handlerZip("x")).build());
    for (String id : new String[] {"named", ARN_PREFIX + "named", "000000000000:function:named",
        ARN_PREFIX + "named:$LATEST", "named:$LATEST"}) {
      assertThat(lambda.getFunctionConfiguration(b -> b.functionName(id)).functionName()).isEqualTo("named");
    }
    assertThat(lambda.getFunctionConfiguration(b -> b.functionName("named").qualifier("$LATEST")).version())
        .isEqualTo("$LATEST");
    HttpResponse<String> encoded = LambdaTestSupport.raw(cloud, "GET",
        "/2015-03-31/functions/" + (ARN_PREFIX + "named").replace(":", "%3A") + "/configuration", null);
    assertThat(encoded.statusCode()).isEqualTo(200);
    assertThat(encoded.body()).contains("\"FunctionName\":\"named\"");
  }

  @Test
  void missingFunctionsAreNotFoundWithTheArnAsNamed() {
    assertThatThrownBy(() -> lambda.getFunction(b -> b.functionName("nope")))
        .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(404);
          assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Function not found: " + ARN_PREFIX + "nope");
        });
    assertThatThrownBy(() -> lambda.getFunctionConfiguration(b -> b.functionName(ARN_PREFIX + "nope:7")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("Function not found: " + ARN_PREFIX + "nope:7");
    lambda.createFunction(create("here", handlerZip("x")).build());
    assertThatThrownBy(() -> lambda.getFunction(b -> b.functionName("here").qualifier("9")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("Function not found: " + ARN_PREFIX + "here:9");
    assertThatThrownBy(() -> lambda.getFunction(b -> b.functionName("here:1").qualifier("2")))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("The derived qualifier from the function name does not match the specified qualifier.");
    assertThatThrownBy(() -> lambda.getFunction(b -> b.functionName("arn:aws:lambda:eu-west-1:000000000000:function:here")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("Functions from 'eu-west-1' are not reachable in this region ('us-east-1')");
    assertThatThrownBy(() -> lambda.getFunction(b -> b.functionName("bad name!")))
        .isInstanceOfSatisfying(LambdaException.class, e -> {
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
          assertThat(e.getMessage()).contains("Value 'bad name!' at 'functionName' failed to satisfy constraint:"
              + " Member must satisfy regular expression pattern");
        });
  }

  @Test
  void createRefusesDuplicatesBadRolesRuntimesAndMissingHandler() {
    lambda.createFunction(create("dup", handlerZip("x")).build());
    assertThatThrownBy(() -> lambda.createFunction(create("dup", handlerZip("x")).build()))
        .isInstanceOfSatisfying(ResourceConflictException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(409);
          assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Function already exist: dup");
        });
    assertThatThrownBy(() -> lambda.createFunction(create("r", handlerZip("x")).role("not-a-role").build()))
        .isInstanceOfSatisfying(LambdaException.class, e -> {
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
          assertThat(e.getMessage()).contains("Value 'not-a-role' at 'role' failed to satisfy constraint");
        });
    assertThatThrownBy(() -> lambda.createFunction(create("py38", handlerZip("x")).runtime("python3.8").build()))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("The runtime parameter of python3.8 is no longer supported for creating or updating AWS"
            + " Lambda functions. We recommend you use the new runtime (python3.14) while creating or updating"
            + " functions.");
    assertThatThrownBy(() -> lambda.createFunction(create("go", handlerZip("x")).runtime("go1.x").build()))
        .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("go1.x is no longer supported");
    assertThatThrownBy(() -> lambda.createFunction(create("weird", handlerZip("x")).runtime("cobol85").build()))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("Value cobol85 at 'runtime' failed to satisfy constraint: Member must satisfy enum value set");
    assertThatThrownBy(() -> lambda.createFunction(create("nohandler", handlerZip("x")).handler(null).build()))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("Runtime and Handler are mandatory parameters for functions created with deployment packages.");
    assertThatThrownBy(() -> lambda.createFunction(create("slow", handlerZip("x")).timeout(901).build()))
        .isInstanceOfSatisfying(LambdaException.class,
            e -> assertThat(e.getMessage()).contains("at 'timeout' failed to satisfy constraint: Member must have value"
                + " less than or equal to 900"));
    assertThatThrownBy(() -> lambda.createFunction(create("small", handlerZip("x")).memorySize(64).build()))
        .isInstanceOfSatisfying(LambdaException.class,
            e -> assertThat(e.getMessage()).contains("Member must have value greater than or equal to 128"));
    assertThatThrownBy(() -> lambda.createFunction(create("reserved", handlerZip("x"))
        .environment(Environment.builder().variables(Map.of("AWS_REGION", "x")).build()).build()))
        .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("reserved keys");
    // The runtimes retired in 2026 (java17, nodejs20.x, provided.al2, ...) are accepted before their blocks:
    // RuntimeLifecycleTest sets the clock for them.
    for (String runtime : new String[] {"java25", "java21", "python3.14", "python3.12", "nodejs24.x", "nodejs22.x",
        "dotnet10", "ruby3.4", "provided.al2023"}) {
      lambda.createFunction(create("rt-" + runtime.replace(".", "-"), handlerZip("x")).runtime(runtime).build());
    }
  }

  @Test
  void codeIsCheckedAndOnlyZipFileIsAccepted() {
    assertThatThrownBy(() -> lambda.createFunction(create("badzip", "not a zip".getBytes(StandardCharsets.UTF_8)).build()))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("Could not unzip uploaded file. Please check your file, then try to upload again.");
    assertThatThrownBy(() -> lambda.createFunction(create("emptyzip", LambdaTestSupport.zip(Map.of())).build()))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("Uploaded file must be a non-empty zip");
    assertThatThrownBy(() -> lambda.createFunction(create("s3", handlerZip("x"))
        .code(FunctionCode.builder().s3Bucket("b").s3Key("k.zip").build()).build()))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("no Amazon S3");
    assertThat(lambda.listFunctions().functions()).isEmpty();
  }

  @Test
  void tooLargeRequestsMalformedJsonAndUnknownPathsGetAwsShapedErrors() {
    byte[] big = new byte[LambdaRoutes.MAX_CODE_REQUEST_BYTES + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    HttpResponse<String> tooLarge = LambdaTestSupport.raw(cloud, "PUT", "/2015-03-31/functions/fn/code", big);
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(tooLarge.headers().firstValue("x-amzn-ErrorType")).hasValue("RequestEntityTooLargeException");
    assertThat(tooLarge.body()).contains("Request must be smaller than 70167211 bytes for the UpdateFunctionCode operation");

    HttpResponse<String> malformed = LambdaTestSupport.raw(cloud, "POST", "/2015-03-31/functions",
        "{\"FunctionName\": ".getBytes(StandardCharsets.UTF_8));
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidRequestContentException");
    assertThat(malformed.body()).contains("\"Type\":\"User\"").contains("Could not parse request body into json");

    HttpResponse<String> unknown = LambdaTestSupport.raw(cloud, "GET", "/2015-03-31/functions/fn/nonsense", null);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("x-amzn-ErrorType")).hasValue("UnknownOperationException");
    HttpResponse<String> wrongMethod = LambdaTestSupport.raw(cloud, "PATCH", "/2015-03-31/functions/fn", null);
    assertThat(wrongMethod.statusCode()).isEqualTo(404);
    assertThat(wrongMethod.body()).doesNotContain("Exception:").doesNotContain("at io.");

    HttpResponse<String> notFound = LambdaTestSupport.raw(cloud, "GET", "/2015-03-31/functions/ghost", null);
    assertThat(notFound.body()).isEqualTo("{\"Type\":\"User\",\"Message\":\"Function not found: " + ARN_PREFIX + "ghost\"}");
  }

  @Test
  void updatesAreInProgressThenSuccessfulAndConflictWhileInProgress() {
    lambda.createFunction(create("upd", handlerZip("one")).build());
    assertThatThrownBy(() -> lambda.updateFunctionConfiguration(b -> b.functionName("upd").timeout(10)))
        .isInstanceOf(ResourceConflictException.class)
        .hasMessageContaining("is currently in the following state: 'Pending'");
    waitActive(lambda, "upd");

    UpdateFunctionConfigurationResponse updated = lambda.updateFunctionConfiguration(b -> b.functionName("upd")
        .timeout(30).memorySize(512).description("second").runtime("python3.13")
        .environment(Environment.builder().variables(Map.of("AB", "1")).build()));
    assertThat(updated.lastUpdateStatus()).isEqualTo(LastUpdateStatus.IN_PROGRESS);
    assertThat(updated.lastUpdateStatusReason()).isEqualTo("The function is being created.");
    assertThat(updated.lastUpdateStatusReasonCodeAsString()).isEqualTo("Creating");
    assertThat(updated.state()).isEqualTo(State.ACTIVE);
    assertThat(updated.timeout()).isEqualTo(30);
    assertThatThrownBy(() -> lambda.updateFunctionCode(b -> b.functionName("upd")
        .zipFile(SdkBytes.fromByteArray(handlerZip("two")))))
        .isInstanceOfSatisfying(ResourceConflictException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
            .isEqualTo("The operation cannot be performed at this time. An update is in progress for resource: "
                + ARN_PREFIX + "upd"));
    waitUpdated(lambda, "upd");
    var settled = lambda.getFunctionConfiguration(b -> b.functionName("upd"));
    assertThat(settled.lastUpdateStatus()).isEqualTo(LastUpdateStatus.SUCCESSFUL);
    assertThat(settled.lastUpdateStatusReason()).isNull();
    assertThat(settled.memorySize()).isEqualTo(512);
    assertThat(settled.runtimeAsString()).isEqualTo("python3.13");
    assertThat(settled.environment().variables()).containsExactly(Map.entry("AB", "1"));

    assertThatThrownBy(() -> lambda.updateFunctionConfiguration(b -> b.functionName("upd").revisionId("stale")))
        .isInstanceOfSatisfying(PreconditionFailedException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(412);
          assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The Revision Id provided does not match the latest"
              + " Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
        });

    byte[] two = handlerZip("two");
    UpdateFunctionCodeResponse dry = lambda.updateFunctionCode(b -> b.functionName("upd").dryRun(true)
        .zipFile(SdkBytes.fromByteArray(two)));
    assertThat(dry.codeSha256()).isEqualTo(CodeArchive.sha256Base64(two));
    assertThat(lambda.getFunctionConfiguration(b -> b.functionName("upd")).codeSha256()).isEqualTo(settled.codeSha256());

    UpdateFunctionCodeResponse code = lambda.updateFunctionCode(b -> b.functionName("upd")
        .revisionId(settled.revisionId()).architectures(Architecture.ARM64).zipFile(SdkBytes.fromByteArray(two)));
    assertThat(code.codeSha256()).isEqualTo(CodeArchive.sha256Base64(two));
    assertThat(code.architectures()).containsExactly(Architecture.ARM64);
    assertThat(code.lastUpdateStatus()).isEqualTo(LastUpdateStatus.IN_PROGRESS);
    waitUpdated(lambda, "upd");
    GetFunctionResponse after = lambda.getFunction(b -> b.functionName("upd"));
    assertThat(download(after.code().location())).isEqualTo(two);
    // The first zip is no longer used by any version: it is gone from the state directory.
    assertThat(dir.resolve("lambda/code")).isDirectoryNotContaining(p ->
        p.getFileName().toString().equals(CodeStore.hex(settled.codeSha256()) + ".zip"));

    assertThatThrownBy(() -> lambda.updateFunctionCode(b -> b.functionName("upd")
        .zipFile(SdkBytes.fromByteArray("junk".getBytes(StandardCharsets.UTF_8)))))
        .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("Could not unzip uploaded file");
    assertThatThrownBy(() -> lambda.updateFunctionConfiguration(b -> b.functionName("upd").runtime("python3.7")))
        .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("python3.7 is no longer supported");
  }

  @Test
  void deleteRemovesTheFunctionAndItsCode() {
    lambda.createFunction(create("gone", handlerZip("x")).role(ROLE).build());
    waitActive(lambda, "gone");
    lambda.deleteFunction(b -> b.functionName("gone"));
    assertThatThrownBy(() -> lambda.getFunction(b -> b.functionName("gone"))).isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> lambda.deleteFunction(b -> b.functionName("gone")))
        .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Function not found: " + ARN_PREFIX + "gone");
    assertThat(dir.resolve("lambda/code")).isEmptyDirectory();
  }

  static byte[] download(String location) {
    assertThat(location).matches(Pattern.quote("http://127.0.0.1:") + "\\d+/.*\\.zip");
    try {
      HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(location)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(r.statusCode()).isEqualTo(200);
      return r.body();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
