package io.github.lambdasdlc.local.cloudformation;

import io.github.lambdasdlc.local.LocalCloud;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.waiters.CloudFormationWaiter;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** A local cloud on a temporary directory with the real SDK clients pointed at it. */
abstract class CloudFormationTestSupport {
  @TempDir
  Path dir;

  LocalCloud cloud;
  CloudFormationClient cfn;
  LambdaClient lambda;
  CloudFormationWaiter waiter;

  static final String PYTHON_STACK = """
      AWSTemplateFormatVersion: '2010-09-09'
      Description: A Python function with its role and log group
      Parameters:
        Greeting:
          Type: String
          Default: hello
          AllowedValues: [hello, hi, salut]
        Secret:
          Type: String
          NoEcho: true
          Default: s3cr3t
        Retention:
          Type: Number
          Default: 7
      Resources:
        Role:
          Type: AWS::IAM::Role
          Properties:
            AssumeRolePolicyDocument:
              Version: '2012-10-17'
              Statement:
                - Effect: Allow
                  Principal: {Service: lambda.amazonaws.com}
                  Action: sts:AssumeRole
        Logs:
          Type: AWS::Logs::LogGroup
          Properties:
            RetentionInDays: !Ref Retention
        Fn:
          Type: AWS::Lambda::Function
          Properties:
            Runtime: python3.12
            Handler: index.handler
            Role: !GetAtt Role.Arn
            MemorySize: 256
            Environment:
              Variables:
                GREETING: !Ref Greeting
            Code:
              ZipFile: |
                def handler(event, context):
                    return "hello from python"
      Outputs:
        FunctionName:
          Description: the function
          Value: !Ref Fn
          Export:
            Name: !Sub '${AWS::StackName}-function'
        FunctionArn:
          Value: !GetAtt Fn.Arn
        LogGroupArn:
          Value: !GetAtt Logs.Arn
      """;

  void start() {
    cloud = LocalCloud.start(LocalCloudConfig.builder(dir)
        .stackStepDelay(Duration.ofMillis(5))
        .lambdaUpdateDelay(Duration.ofMillis(50))
        .build());
    connect();
  }

  void connect() {
    StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    cfn = CloudFormationClient.builder().endpointOverride(cloud.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
    lambda = LambdaClient.builder().endpointOverride(cloud.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
    waiter = CloudFormationWaiter.builder().client(cfn)
        .overrideConfiguration(WaiterOverrideConfiguration.builder()
            .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(100)))
            .maxAttempts(300)
            .build())
        .build();
  }

  @AfterEach
  void stop() {
    if (cfn != null) {
      cfn.close();
      lambda.close();
      waiter.close();
    }
    if (cloud != null) {
      cloud.close();
    }
  }

  String create(String name, String template, Capability... capabilities) {
    return cfn.createStack(r -> r.stackName(name).templateBody(template).capabilities(capabilities)).stackId();
  }

  Stack describe(String nameOrId) {
    return cfn.describeStacks(r -> r.stackName(nameOrId)).stacks().get(0);
  }

  /** Waits for a stack to leave its IN_PROGRESS states (for outcomes the waiters treat as failures). */
  Stack settle(String nameOrId) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      Stack s = describe(nameOrId);
      if (!s.stackStatusAsString().endsWith("_IN_PROGRESS")) {
        return s;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("stack " + nameOrId + " is still in progress");
  }

  List<StackEvent> events(String nameOrId) {
    return cfn.describeStackEvents(r -> r.stackName(nameOrId)).stackEvents();
  }
}
