package io.github.lambdasdlc.local.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdasdlc.local.LocalCloud;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.InsufficientCapabilitiesException;
import software.amazon.awssdk.services.cloudformation.model.Output;

/** SAM templates, expanded by AWS's SAM translator in the local python3, through the real SDK. */
class SamTemplateTest extends CloudFormationTestSupport {

  static final String SAM = """
      AWSTemplateFormatVersion: '2010-09-09'
      Transform: AWS::Serverless-2016-10-31
      Globals:
        Function:
          Timeout: 10
          Runtime: python3.12
      Resources:
        Hello:
          Type: AWS::Serverless::Function
          Properties:
            Handler: index.handler
            InlineCode: |
              def handler(event, context):
                  return {"statusCode": 200, "body": "hi from sam"}
            Events:
              Get:
                Type: HttpApi
                Properties: {Path: /hello, Method: get}
      Outputs:
        FunctionName: {Value: !Ref Hello}
        Url: {Value: !Sub 'https://${ServerlessHttpApi}.execute-api.${AWS::Region}.amazonaws.com/hello'}
      """;

  private static boolean samTranslatorInstalled() {
    try {
      Process p = new ProcessBuilder("python3", "-c", "import samtranslator").start();
      return p.waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void aSamTemplateWithInlineCodeAndAnHttpApiDeploysAndRuns() throws Exception {
    Assumptions.assumeTrue(samTranslatorInstalled(), "python3 has no aws-sam-translator");
    start();
    assertThatThrownBy(() -> create("sam", SAM, Capability.CAPABILITY_IAM))
        .isInstanceOf(InsufficientCapabilitiesException.class)
        .hasMessageContaining("Requires capabilities : [CAPABILITY_AUTO_EXPAND]");

    create("sam", SAM, Capability.CAPABILITY_IAM, Capability.CAPABILITY_AUTO_EXPAND);
    waiter.waitUntilStackCreateComplete(r -> r.stackName("sam"));
    String fn = describe("sam").outputs().stream().filter(o -> o.outputKey().equals("FunctionName"))
        .map(Output::outputValue).findFirst().orElseThrow();
    assertThat(fn).startsWith("sam-Hello-");
    var config = lambda.getFunctionConfiguration(r -> r.functionName(fn));
    assertThat(config.timeout()).isEqualTo(10);
    assertThat(config.runtimeAsString()).isEqualTo("python3.12");
    String payload = lambda.invoke(r -> r.functionName(fn).payload(SdkBytes.fromUtf8String("{}"))).payload()
        .asUtf8String();
    assertThat(payload).contains("hi from sam");
    assertThat(describe("sam").outputs()).anySatisfy(o -> assertThat(o.outputValue())
        .matches("https://[a-z0-9]{10}\\.execute-api\\.us-east-1\\.amazonaws\\.com/hello"));
    assertThat(cfn.getTemplate(r -> r.stackName("sam")).templateBody()).isEqualTo(SAM);
    assertThat(cfn.describeStackResources(r -> r.stackName("sam")).stackResources())
        .extracting(r -> r.logicalResourceId() + " " + r.resourceType())
        .contains("Hello AWS::Lambda::Function", "HelloRole AWS::IAM::Role", "ServerlessHttpApi AWS::ApiGatewayV2::Api");

    // An update goes through the translator again; the function is updated in place.
    cfn.updateStack(r -> r.stackName("sam").templateBody(SAM.replace("Timeout: 10", "Timeout: 20"))
        .capabilities(Capability.CAPABILITY_IAM, Capability.CAPABILITY_AUTO_EXPAND));
    waiter.waitUntilStackUpdateComplete(r -> r.stackName("sam"));
    assertThat(lambda.getFunctionConfiguration(r -> r.functionName(fn)).timeout()).isEqualTo(20);
    cfn.deleteStack(r -> r.stackName("sam"));
    waiter.waitUntilStackDeleteComplete(r -> r.stackName("sam"));
  }

  @Test
  void anInvalidSamDocumentFailsWithTheTranslatorsMessage() {
    Assumptions.assumeTrue(samTranslatorInstalled(), "python3 has no aws-sam-translator");
    start();
    assertThatThrownBy(() -> create("bad", SAM.replace("Type: HttpApi", "Type: Nope"),
        Capability.CAPABILITY_IAM, Capability.CAPABILITY_AUTO_EXPAND))
        .isInstanceOf(CloudFormationException.class)
        .hasMessageContaining("Transform AWS::Serverless-2016-10-31 failed with: Invalid Serverless Application"
            + " Specification document.");
  }

  @Test
  void withoutTheTranslatorTheStackIsRefusedWithTheInstallHint() throws Exception {
    // A python3 without site-packages has no samtranslator.
    Path python = dir.resolve("python-without-packages");
    Files.writeString(python, "#!/bin/sh\nexec python3 -S \"$@\"\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwx------"));
    cloud = LocalCloud.start(LocalCloudConfig.builder(dir.resolve("state")).stackStepDelay(Duration.ofMillis(5))
        .pythonCommand(python.toString()).build());
    connect();
    assertThatThrownBy(() -> create("sam", SAM, Capability.CAPABILITY_IAM, Capability.CAPABILITY_AUTO_EXPAND))
        .isInstanceOf(CloudFormationException.class)
        .hasMessageContaining("declares Transform AWS::Serverless-2016-10-31, which the lambda-sdlc local cloud"
            + " expands with AWS's SAM translator")
        .hasMessageContaining("Install it with: " + python + " -m pip install aws-sam-translator");
  }
}
