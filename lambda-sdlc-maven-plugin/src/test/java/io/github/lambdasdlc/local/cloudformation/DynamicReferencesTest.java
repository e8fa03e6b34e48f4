package io.github.lambdasdlc.local.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

/** {{resolve:ssm:...}} and {{resolve:secretsmanager:...}} from the local cloud's own stand-ins, through the real SDK. */
class DynamicReferencesTest extends CloudFormationTestSupport {

  static final String CONFIG = """
      Resources:
        Greeting:
          Type: AWS::SSM::Parameter
          Version: '1.0'
          Properties: {Name: /app/greeting, Type: String, Value: hello}
        Db:
          Type: AWS::SecretsManager::Secret
          Properties:
            Name: app-db
            GenerateSecretString:
              SecretStringTemplate: '{"username": "app"}'
              GenerateStringKey: password
              PasswordLength: 20
              ExcludePunctuation: true
      """;

  static final String APP = """
      Resources:
        Role:
          Type: AWS::IAM::Role
          Properties:
            AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: []}
        Fn:
          Type: AWS::Lambda::Function
          Properties:
            Runtime: python3.12
            Handler: index.handler
            Role: !GetAtt Role.Arn
            ReservedConcurrentExecutions: 5
            Environment:
              Variables:
                GREETING: '{{resolve:ssm:/app/greeting}} world'
                DB_USER: '{{resolve:secretsmanager:app-db:SecretString:username}}'
                DB_PASSWORD: '{{resolve:secretsmanager:app-db:SecretString:password}}'
            Code:
              ZipFile: |
                def handler(event, context):
                    return 1
      """;

  @Test
  void referencesResolveFromTheLocalStandInsAndAMissingOneFailsNamingIt() throws Exception {
    start();
    create("config", CONFIG);
    waiter.waitUntilStackCreateComplete(r -> r.stackName("config"));
    create("app", APP, Capability.CAPABILITY_IAM);
    waiter.waitUntilStackCreateComplete(r -> r.stackName("app"));
    String fn = cfn.describeStackResource(r -> r.stackName("app").logicalResourceId("Fn")).stackResourceDetail()
        .physicalResourceId();
    Map<String, String> env = lambda.getFunctionConfiguration(r -> r.functionName(fn)).environment().variables();
    assertThat(env).containsEntry("GREETING", "hello world").containsEntry("DB_USER", "app");
    assertThat(env.get("DB_PASSWORD")).matches("[A-Za-z0-9]{20}");
    // The stack keeps the reference, not the secret.
    assertThat(events("app").toString()).doesNotContain(env.get("DB_PASSWORD"));

    create("broken", APP.replace("/app/greeting", "/app/nope"), Capability.CAPABILITY_IAM);
    assertThat(settle("broken").stackStatus()).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
    assertThat(events("broken")).anySatisfy(e -> assertThat(e.resourceStatusReason()).isEqualTo("Unable to resolve"
        + " the dynamic reference {{resolve:ssm:/app/nope}}: no stack of the local cloud has an AWS::SSM::Parameter"
        + " named /app/nope (references resolve from the local cloud's own parameters, not from AWS's Parameter"
        + " Store)"));
  }
}
