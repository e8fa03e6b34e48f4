package io.github.lambdasdlc.local.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

class LambdaResourcesTest extends CloudFormationTestSupport {

  static final String NODE_WITH_ALIAS = """
      Parameters:
        Description: {Type: String, Default: first}
      Resources:
        Role:
          Type: AWS::IAM::Role
          Properties:
            RoleName: node-role
            Path: /service/
            AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: []}
        Fn:
          Type: AWS::Lambda::Function
          Properties:
            FunctionName: node-fn
            Runtime: nodejs22.x
            Handler: index.handler
            Role: !GetAtt Role.Arn
            Code:
              ZipFile: "exports.handler = async () => 'hi';"
        Version:
          Type: AWS::Lambda::Version
          Properties:
            FunctionName: !Ref Fn
            Description: !Ref Description
        Live:
          Type: AWS::Lambda::Alias
          Properties:
            FunctionName: !Ref Fn
            FunctionVersion: !GetAtt Version.Version
            Name: live
        Invoke:
          Type: AWS::Lambda::Permission
          Properties:
            FunctionName: !Ref Live
            Action: lambda:InvokeFunction
            Principal: s3.amazonaws.com
      Outputs:
        RoleArn: {Value: !GetAtt Role.Arn}
        RoleId: {Value: !GetAtt Role.RoleId}
        VersionRef: {Value: !Ref Version}
        VersionNumber: {Value: !GetAtt Version.Version}
        AliasRef: {Value: !Ref Live}
        PermissionId: {Value: !Ref Invoke}
      """;

  @BeforeEach
  void up() {
    start();
  }

  @Test
  void versionsAliasesAndPermissions() throws Exception {
    create("node", NODE_WITH_ALIAS, Capability.CAPABILITY_NAMED_IAM);
    var stack = waiter.waitUntilStackCreateComplete(r -> r.stackName("node")).matched().response().orElseThrow()
        .stacks().get(0);
    Map<String, String> out = new HashMap<>();
    stack.outputs().forEach(o -> out.put(o.outputKey(), o.outputValue()));
    assertThat(out.get("RoleArn")).isEqualTo("arn:aws:iam::000000000000:role/service/node-role");
    assertThat(out.get("RoleId")).matches("AROA[A-Z0-9]{17}");
    assertThat(out.get("VersionRef")).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:node-fn:1");
    assertThat(out.get("VersionNumber")).isEqualTo("1");
    assertThat(out.get("AliasRef")).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:node-fn:live");
    assertThat(out.get("PermissionId")).matches("node-Invoke-[A-Z0-9]{13}");
    assertThat(lambda.getAlias(r -> r.functionName("node-fn").name("live")).functionVersion()).isEqualTo("1");
    var files = StackLifecycleTest.unzip(StackLifecycleTest.download(
        lambda.getFunction(r -> r.functionName("node-fn")).code().location()));
    assertThat(files).containsOnlyKeys("index.js");

    // A new description alone publishes nothing new: Lambda answers with the existing version.
    cfn.updateStack(r -> r.stackName("node").usePreviousTemplate(true).capabilities(Capability.CAPABILITY_NAMED_IAM)
        .parameters(p -> p.parameterKey("Description").parameterValue("second")));
    assertThat(settle("node").stackStatus()).isEqualTo(StackStatus.UPDATE_ROLLBACK_COMPLETE);
    assertThat(events("node")).anySatisfy(e -> assertThat(e.resourceStatusReason())
        .contains("A version for this Lambda function exists ( 1 ). Modify the function to create a new version."));
    assertThat(lambda.getAlias(r -> r.functionName("node-fn").name("live")).functionVersion()).isEqualTo("1");

    // New code and a new description publish version 2 and move the alias to it.
    cfn.updateStack(r -> r.stackName("node").capabilities(Capability.CAPABILITY_NAMED_IAM)
        .templateBody(NODE_WITH_ALIAS.replace("'hi'", "'hello'"))
        .parameters(p -> p.parameterKey("Description").parameterValue("second")));
    waiter.waitUntilStackUpdateComplete(r -> r.stackName("node"));
    assertThat(lambda.getAlias(r -> r.functionName("node-fn").name("live")).functionVersion()).isEqualTo("2");
    assertThatThrownBy(() -> lambda.getFunctionConfiguration(r -> r.functionName("node-fn").qualifier("1")))
        .isInstanceOf(ResourceNotFoundException.class);

    cfn.deleteStack(r -> r.stackName("node"));
    waiter.waitUntilStackDeleteComplete(r -> r.stackName("node"));
    assertThatThrownBy(() -> lambda.getFunction(r -> r.functionName("node-fn")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void aFunctionOnABlockedRuntimeFailsWithLambdasMessage() throws Exception {
    String python311 = PYTHON_STACK.replace("Runtime: python3.12", "Runtime: python3.11");
    create("old-runtime", python311, Capability.CAPABILITY_IAM);
    assertThat(settle("old-runtime").stackStatus()).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
    String refusal = "The runtime parameter of python3.11 is no longer supported for creating or updating AWS Lambda"
        + " functions. We recommend you use the new runtime (python3.14) while creating or updating functions.";
    assertThat(events("old-runtime")).anySatisfy(e -> {
      assertThat(e.logicalResourceId()).isEqualTo("Fn");
      assertThat(e.resourceStatusReason()).startsWith("Resource handler returned message: \"" + refusal
          + " (Service: Lambda, Status Code: 400, Request ID: ").contains("HandlerErrorCode: InvalidRequest");
    });

    // An update that moves the function to it fails the same way, and the function stays as it was.
    create("flip-back", PYTHON_STACK, Capability.CAPABILITY_IAM);
    waiter.waitUntilStackCreateComplete(r -> r.stackName("flip-back"));
    cfn.updateStack(r -> r.stackName("flip-back").templateBody(python311).capabilities(Capability.CAPABILITY_IAM));
    assertThat(settle("flip-back").stackStatus()).isEqualTo(StackStatus.UPDATE_ROLLBACK_COMPLETE);
    assertThat(events("flip-back")).anySatisfy(e -> assertThat(e.resourceStatusReason()).contains(refusal));
    String fn = cfn.describeStackResource(r -> r.stackName("flip-back").logicalResourceId("Fn"))
        .stackResourceDetail().physicalResourceId();
    assertThat(lambda.getFunctionConfiguration(r -> r.functionName(fn)).runtimeAsString()).isEqualTo("python3.12");
  }

  @Test
  void aCustomNamedResourceCannotBeReplacedUnderTheSameName() throws Exception {
    create("named", NODE_WITH_ALIAS, Capability.CAPABILITY_NAMED_IAM);
    waiter.waitUntilStackCreateComplete(r -> r.stackName("named"));
    cfn.updateStack(r -> r.stackName("named").capabilities(Capability.CAPABILITY_NAMED_IAM)
        .templateBody(NODE_WITH_ALIAS.replace("Path: /service/", "Path: /other/")));
    assertThat(settle("named").stackStatus()).isEqualTo(StackStatus.UPDATE_ROLLBACK_COMPLETE);
    assertThat(events("named")).anySatisfy(e -> assertThat(e.resourceStatusReason()).isEqualTo(
        "CloudFormation cannot update a stack when a custom-named resource requires replacing. Rename node-role and"
            + " update the stack again."));
  }

  @Test
  void aPermissionForAMissingFunctionFails() throws Exception {
    create("perm", """
        Resources:
          Invoke:
            Type: AWS::Lambda::Permission
            Properties: {FunctionName: no-such-fn, Action: lambda:InvokeFunction, Principal: s3.amazonaws.com}
        """);
    assertThat(settle("perm").stackStatus()).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
    assertThat(events("perm")).anySatisfy(e -> assertThat(e.resourceStatusReason())
        .startsWith("Resource handler returned message: \"Function not found: ")
        .contains("HandlerErrorCode: NotFound"));
  }
}
