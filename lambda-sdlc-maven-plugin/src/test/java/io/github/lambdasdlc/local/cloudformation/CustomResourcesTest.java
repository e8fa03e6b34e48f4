package io.github.lambdasdlc.local.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lambdasdlc.local.LocalCloud;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

/** Custom resources backed by inline functions of the local cloud, answering through cfnresponse, via the real SDK. */
class CustomResourcesTest extends CloudFormationTestSupport {

  static final String TEMPLATE = """
      Parameters:
        Name: {Type: String, Default: world}
        Fail: {Type: String, Default: 'no'}
        Answer: {Type: String, Default: 'yes'}
      Resources:
        Role:
          Type: AWS::IAM::Role
          Properties:
            AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: []}
        Provider:
          Type: AWS::Lambda::Function
          Properties:
            Runtime: python3.12
            Handler: index.handler
            Role: !GetAtt Role.Arn
            Code:
              ZipFile: |
                import cfnresponse
                def handler(event, context):
                    props = event['ResourceProperties']
                    print("request " + event['RequestType'])
                    if props.get('Answer') == 'no':
                        return
                    if event['RequestType'] == 'Delete':
                        cfnresponse.send(event, context, cfnresponse.SUCCESS, {}, event['PhysicalResourceId'])
                        return
                    if props.get('Fail') == 'yes':
                        cfnresponse.send(event, context, cfnresponse.FAILED, {}, reason='asked to fail')
                        return
                    old = event.get('OldResourceProperties', {}).get('Name', '-')
                    cfnresponse.send(event, context, cfnresponse.SUCCESS,
                                     {'Greeting': 'hello ' + props['Name'], 'Old': old, 'Type': event['ResourceType']},
                                     'greeter-' + props['Name'])
        Greeter:
          Type: Custom::Greeter
          Version: '1.0'
          Properties:
            ServiceToken: !GetAtt Provider.Arn
            Name: !Ref Name
            Fail: !Ref Fail
            Answer: !Ref Answer
      Outputs:
        Greeting: {Value: !GetAtt Greeter.Greeting}
        Old: {Value: !GetAtt Greeter.Old}
        Type: {Value: !GetAtt Greeter.Type}
        Id: {Value: !Ref Greeter}
      """;

  static final String NO_ECHO_TEMPLATE = """
      Resources:
        Role:
          Type: AWS::IAM::Role
          Properties:
            AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: []}
        Provider:
          Type: AWS::Lambda::Function
          Properties:
            Runtime: python3.12
            Handler: index.handler
            Role: !GetAtt Role.Arn
            Code:
              ZipFile: |
                import cfnresponse
                def handler(event, context):
                    props = event['ResourceProperties']
                    if event['RequestType'] == 'Delete':
                        cfnresponse.send(event, context, cfnresponse.SUCCESS, {}, event['PhysicalResourceId'])
                    elif 'Value' in props:
                        cfnresponse.send(event, context, cfnresponse.SUCCESS, {'Got': props['Value']}, 'copy')
                    else:
                        cfnresponse.send(event, context, cfnresponse.SUCCESS, {'Token': 's3cr3t-token'}, 'vault',
                                         noEcho=True)
        Vault:
          Type: Custom::Vault
          Properties:
            ServiceToken: !GetAtt Provider.Arn
        Copy:
          Type: Custom::Copy
          Properties:
            ServiceToken: !GetAtt Provider.Arn
            Value: !GetAtt Vault.Token
      Outputs:
        Token: {Value: !GetAtt Vault.Token}
        Joined: {Value: !Join ['-', [x, !GetAtt Vault.Token]]}
        Got: {Value: !GetAtt Copy.Got}
      """;

  private Map<String, String> outputs(String stack) {
    return describe(stack).outputs().stream().collect(Collectors.toMap(Output::outputKey, Output::outputValue));
  }

  @Test
  void anInlinePythonProviderCreatesUpdatesAndDeletesItsResource() throws Exception {
    start();
    String id = create("greet", TEMPLATE, Capability.CAPABILITY_IAM);
    waiter.waitUntilStackCreateComplete(r -> r.stackName("greet"));
    assertThat(outputs("greet")).containsEntry("Greeting", "hello world").containsEntry("Old", "-")
        .containsEntry("Type", "Custom::Greeter").containsEntry("Id", "greeter-world");

    cfn.updateStack(r -> r.stackName("greet").usePreviousTemplate(true).capabilities(Capability.CAPABILITY_IAM)
        .parameters(p -> p.parameterKey("Name").parameterValue("there")));
    waiter.waitUntilStackUpdateComplete(r -> r.stackName("greet"));
    assertThat(outputs("greet")).containsEntry("Greeting", "hello there").containsEntry("Old", "world")
        .containsEntry("Id", "greeter-there");

    cfn.deleteStack(r -> r.stackName("greet"));
    waiter.waitUntilStackDeleteComplete(r -> r.stackName("greet"));
    assertThat(events(id)).anySatisfy(e -> {
      assertThat(e.logicalResourceId()).isEqualTo("Greeter");
      assertThat(e.resourceStatusAsString()).isEqualTo("DELETE_COMPLETE");
    });
  }

  @Test
  void aFailedAnswerFailsTheResourceWithAwsWording() throws Exception {
    start();
    cfn.createStack(r -> r.stackName("fails").templateBody(TEMPLATE).capabilities(Capability.CAPABILITY_IAM)
        .parameters(p -> p.parameterKey("Fail").parameterValue("yes")));
    assertThat(settle("fails").stackStatus()).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
    assertThat(events("fails")).anySatisfy(e -> assertThat(e.resourceStatusReason()).matches("Received response status"
        + " \\[FAILED] from custom resource\\. Message returned: asked to fail \\(RequestId: [0-9a-f-]{36}\\)"));
  }

  @Test
  void noAnswerTimesOutAsCloudFormationSays() throws Exception {
    cloud = LocalCloud.start(LocalCloudConfig.builder(dir).stackStepDelay(Duration.ofMillis(5))
        .lambdaUpdateDelay(Duration.ofMillis(50)).customResourceTimeout(Duration.ofSeconds(3)).build());
    connect();
    cfn.createStack(r -> r.stackName("silent").templateBody(TEMPLATE).capabilities(Capability.CAPABILITY_IAM)
        .parameters(p -> p.parameterKey("Answer").parameterValue("no")));
    assertThat(settle("silent").stackStatus()).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
    assertThat(events("silent")).anySatisfy(e -> assertThat(e.resourceStatusReason()).startsWith("CloudFormation did"
        + " not receive a response from your Custom Resource. Please check your logs for requestId ["));
  }

  @Test
  void aNoEchoAnswerIsMaskedWhereTheStackIsDescribedButGivenWholeToTheResourcesUsingIt() throws Exception {
    start();
    create("vault", NO_ECHO_TEMPLATE, Capability.CAPABILITY_IAM);
    waiter.waitUntilStackCreateComplete(r -> r.stackName("vault"));
    // The provider that receives the value as a property gets it whole; its own answer is not NoEcho.
    assertThat(outputs("vault")).containsEntry("Token", "****").containsEntry("Joined", "****")
        .containsEntry("Got", "s3cr3t-token");
    assertThat(events("vault")).filteredOn(e -> "Copy".equals(e.logicalResourceId()))
        .anySatisfy(e -> assertThat(e.resourceProperties()).contains("****"))
        .allSatisfy(e -> assertThat(String.valueOf(e.resourceProperties())).doesNotContain("s3cr3t"));
  }
}
