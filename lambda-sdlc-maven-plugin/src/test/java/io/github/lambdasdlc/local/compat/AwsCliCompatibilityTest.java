package io.github.lambdasdlc.local.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdasdlc.local.LocalCloud;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AWS CLI, unchanged, against the local cloud through --endpoint-url. */
class AwsCliCompatibilityTest {
  @TempDir
  static Path dir;
  static LocalCloud cloud;
  static ExternalClient cli;

  static final String TEMPLATE = """
      AWSTemplateFormatVersion: "2010-09-09"
      Description: CLI compatibility
      Parameters:
        Greeting:
          Type: String
          Default: hello
      Resources:
        Role:
          Type: AWS::IAM::Role
          Properties:
            AssumeRolePolicyDocument:
              Version: "2012-10-17"
              Statement:
                - Effect: Allow
                  Principal: {Service: lambda.amazonaws.com}
                  Action: sts:AssumeRole
        Fn:
          Type: AWS::Lambda::Function
          Properties:
            Runtime: python3.13
            Handler: index.handler
            Role: !GetAtt Role.Arn
            Environment:
              Variables:
                GREETING: !Ref Greeting
            Code:
              ZipFile: |
                def handler(event, context):
                    return {"stub": True}
      Outputs:
        FunctionArn:
          Value: !GetAtt Fn.Arn
          Export:
            Name: !Sub ${AWS::StackName}-FunctionArn
      """;

  @BeforeAll
  static void start() {
    assumeTrue(ExternalClient.available("aws", "--version"), "the AWS CLI is not installed");
    cloud = LocalCloud.start(LocalCloudConfig.builder(dir.resolve("state"))
        .lambdaUpdateDelay(Duration.ofMillis(50)).stackStepDelay(Duration.ofMillis(5)).build());
    cli = new ExternalClient(cloud.endpoint(), dir);
  }

  @AfterAll
  static void stop() {
    if (cloud != null) {
      cloud.close();
    }
  }

  @Test
  void cloudFormationLifecycle() throws Exception {
    Path template = Files.writeString(dir.resolve("template.yaml"), TEMPLATE);
    JsonNode validation = cli.aws("cloudformation", "validate-template", "--template-body", "file://" + template)
        .ok().json();
    assertThat(validation.path("Capabilities").get(0).asText()).isEqualTo("CAPABILITY_IAM");
    assertThat(validation.path("Parameters").get(0).path("ParameterKey").asText()).isEqualTo("Greeting");

    ExternalClient.Outcome refused = cli.aws("cloudformation", "create-stack", "--stack-name", "cli-stack",
        "--template-body", "file://" + template);
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.stderr()).contains("InsufficientCapabilitiesException").contains("CAPABILITY_IAM");

    String stackId = cli.aws("cloudformation", "create-stack", "--stack-name", "cli-stack", "--template-body",
        "file://" + template, "--capabilities", "CAPABILITY_IAM").ok().json().path("StackId").asText();
    assertThat(stackId).startsWith("arn:aws:cloudformation:us-east-1:000000000000:stack/cli-stack/");
    cli.aws("cloudformation", "wait", "stack-create-complete", "--stack-name", "cli-stack").ok();

    JsonNode stack = cli.aws("cloudformation", "describe-stacks", "--stack-name", "cli-stack").ok().json()
        .path("Stacks").get(0);
    assertThat(stack.path("StackStatus").asText()).isEqualTo("CREATE_COMPLETE");
    assertThat(stack.path("Outputs").get(0).path("ExportName").asText()).isEqualTo("cli-stack-FunctionArn");

    JsonNode resources = cli.aws("cloudformation", "list-stack-resources", "--stack-name", "cli-stack").ok().json();
    assertThat(resources.path("StackResourceSummaries")).hasSize(2);
    JsonNode events = cli.aws("cloudformation", "describe-stack-events", "--stack-name", "cli-stack").ok().json();
    assertThat(events.path("StackEvents").get(0).path("ResourceStatus").asText()).isEqualTo("CREATE_COMPLETE");
    assertThat(cli.aws("cloudformation", "get-template", "--stack-name", "cli-stack").ok().json()
        .path("TemplateBody").asText()).contains("CLI compatibility");
    assertThat(cli.aws("cloudformation", "list-exports").ok().json().path("Exports").get(0).path("Name").asText())
        .isEqualTo("cli-stack-FunctionArn");
    assertThat(cli.aws("cloudformation", "describe-stack-resource", "--stack-name", "cli-stack",
        "--logical-resource-id", "Fn").ok().json().path("StackResourceDetail").path("ResourceType").asText())
        .isEqualTo("AWS::Lambda::Function");

    ExternalClient.Outcome noUpdates = cli.aws("cloudformation", "update-stack", "--stack-name", "cli-stack",
        "--template-body", "file://" + template, "--capabilities", "CAPABILITY_IAM");
    assertThat(noUpdates.exitCode()).isNotZero();
    assertThat(noUpdates.stderr()).contains("ValidationError").contains("No updates are to be performed.");

    cli.aws("cloudformation", "update-stack", "--stack-name", "cli-stack", "--template-body", "file://" + template,
        "--capabilities", "CAPABILITY_IAM", "--parameters", "ParameterKey=Greeting,ParameterValue=hi").ok();
    cli.aws("cloudformation", "wait", "stack-update-complete", "--stack-name", "cli-stack").ok();
    assertThat(cli.aws("cloudformation", "list-stacks", "--stack-status-filter", "UPDATE_COMPLETE").ok().json()
        .path("StackSummaries").get(0).path("StackName").asText()).isEqualTo("cli-stack");

    cli.aws("cloudformation", "delete-stack", "--stack-name", "cli-stack").ok();
    cli.aws("cloudformation", "wait", "stack-delete-complete", "--stack-name", "cli-stack").ok();
    ExternalClient.Outcome gone = cli.aws("cloudformation", "describe-stacks", "--stack-name", "cli-stack");
    assertThat(gone.exitCode()).isNotZero();
    assertThat(gone.stderr()).contains("Stack with id cli-stack does not exist");
  }

  @Test
  void lambdaControlPlane() throws Exception {
    Path zip = Files.write(dir.resolve("code.zip"), zip("index.py", "def handler(e, c):\n    return e\n"));
    JsonNode created = cli.aws("lambda", "create-function", "--function-name", "cli-fn", "--runtime", "python3.12",
        "--handler", "index.handler", "--role", "arn:aws:iam::000000000000:role/cli-role",
        "--zip-file", "fileb://" + zip).ok().json();
    assertThat(created.path("FunctionArn").asText()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:cli-fn");
    cli.aws("lambda", "wait", "function-active-v2", "--function-name", "cli-fn").ok();

    JsonNode function = cli.aws("lambda", "get-function", "--function-name", "cli-fn").ok().json();
    assertThat(function.path("Configuration").path("State").asText()).isEqualTo("Active");
    assertThat(function.path("Configuration").path("CodeSha256").asText())
        .isEqualTo(Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
            .digest(Files.readAllBytes(zip))));

    // CLI v2 reads blobs as base64 unless told otherwise; v1 has no such option and sends them raw.
    java.util.List<String> invoke = new java.util.ArrayList<>(java.util.List.of("lambda", "invoke", "--function-name",
        "cli-fn", "--payload", "{\"greeting\":\"hi\"}", "--log-type", "Tail", dir.resolve("out.json").toString()));
    if (cli.aws("--version").ok().stdout().concat(cli.aws("--version").stderr()).startsWith("aws-cli/2")) {
      invoke.addAll(java.util.List.of("--cli-binary-format", "raw-in-base64-out"));
    }
    JsonNode invoked = cli.aws(invoke.toArray(String[]::new)).ok().json();
    assertThat(invoked.path("StatusCode").asInt()).isEqualTo(200);
    assertThat(invoked.path("ExecutedVersion").asText()).isEqualTo("$LATEST");
    String log = new String(Base64.getDecoder().decode(invoked.path("LogResult").asText()), StandardCharsets.UTF_8);
    assertThat(log).contains("START RequestId: ").contains("END RequestId: ").containsPattern(
        "REPORT RequestId: \\S+\tDuration: [0-9.]+ ms\tBilled Duration: [0-9]+ ms\tMemory Size: 128 MB\t"
            + "Max Memory Used: [0-9]+ MB\tInit Duration: [0-9.]+ ms\t");
    assertThat(Files.readString(dir.resolve("out.json"))).isEqualTo("{\"greeting\": \"hi\"}");

    Path zip2 = Files.write(dir.resolve("code2.zip"), zip("index.py", "def handler(e, c):\n    return 2\n"));
    cli.aws("lambda", "update-function-code", "--function-name", "cli-fn", "--zip-file", "fileb://" + zip2).ok();
    cli.aws("lambda", "wait", "function-updated-v2", "--function-name", "cli-fn").ok();
    cli.aws("lambda", "update-function-configuration", "--function-name", "cli-fn", "--memory-size", "256").ok();
    cli.aws("lambda", "wait", "function-updated", "--function-name", "cli-fn").ok();
    assertThat(cli.aws("lambda", "get-function-configuration", "--function-name", "cli-fn").ok().json()
        .path("MemorySize").asInt()).isEqualTo(256);

    String version = cli.aws("lambda", "publish-version", "--function-name", "cli-fn").ok().json()
        .path("Version").asText();
    assertThat(version).isEqualTo("1");
    cli.aws("lambda", "create-alias", "--function-name", "cli-fn", "--name", "live", "--function-version", "1").ok();
    assertThat(cli.aws("lambda", "get-alias", "--function-name", "cli-fn", "--name", "live").ok().json()
        .path("FunctionVersion").asText()).isEqualTo("1");
    assertThat(cli.aws("lambda", "list-versions-by-function", "--function-name", "cli-fn").ok().json()
        .path("Versions")).hasSize(2);
    assertThat(cli.aws("lambda", "list-functions").ok().json().path("Functions").toString()).contains("cli-fn");
    assertThat(cli.aws("lambda", "get-account-settings").ok().json().path("AccountLimit").has("CodeSizeZipped"))
        .isTrue();

    ExternalClient.Outcome missing = cli.aws("lambda", "get-function", "--function-name", "nope");
    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.stderr()).contains("ResourceNotFoundException")
        .contains("Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope");

    cli.aws("lambda", "delete-alias", "--function-name", "cli-fn", "--name", "live").ok();
    cli.aws("lambda", "delete-function", "--function-name", "cli-fn").ok();
    assertThat(cli.aws("lambda", "get-function", "--function-name", "cli-fn").exitCode()).isNotZero();
  }

  static byte[] zip(String name, String content) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry(name));
      zip.write(content.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }
}
