package io.github.lambdasdlc.local.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdasdlc.local.LocalCloud;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import io.github.lambdasdlc.local.core.UnsupportedResources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15's template of a real team (a function, a table, a queue, a topic, a schedule, a parameter, an HTTP
 * API and a custom resource written inline in Node.js) through the unchanged AWS CLI: created with outputs of
 * AWS's shapes, updated, deleted; refused naming its first unemulated type with unsupportedResources=fail.
 */
class RealTemplateCliTest {
  @TempDir
  Path dir;

  static final String TEMPLATE = """
      Parameters:
        Stage: {Type: String, Default: dev}
      Resources:
        Role:
          Type: AWS::IAM::Role
          Properties:
            AssumeRolePolicyDocument:
              Version: '2012-10-17'
              Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]
        Api:
          Type: AWS::Lambda::Function
          DependsOn: StageParameter  # a dynamic reference is no dependency, on AWS either
          Properties:
            Runtime: python3.13
            Handler: index.handler
            Role: !GetAtt Role.Arn
            Environment:
              Variables: {TABLE: !Ref Orders, QUEUE: !Ref Queue, STAGE: '{{resolve:ssm:/shop/stage}}'}
            Code:
              ZipFile: |
                def handler(event, context):
                    return {"statusCode": 200}
        Orders:
          Type: AWS::DynamoDB::Table
          Properties:
            BillingMode: PAY_PER_REQUEST
            AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
            KeySchema: [{AttributeName: id, KeyType: HASH}]
        Queue: {Type: AWS::SQS::Queue}
        Topic: {Type: AWS::SNS::Topic}
        Nightly:
          Type: AWS::Scheduler::Schedule
          Properties:
            ScheduleExpression: cron(0 3 * * ? *)
            FlexibleTimeWindow: {Mode: 'OFF'}
            Target: {Arn: !GetAtt Api.Arn, RoleArn: !GetAtt Role.Arn}
        StageParameter:
          Type: AWS::SSM::Parameter
          Properties: {Name: /shop/stage, Type: String, Value: !Ref Stage}
        HttpApi:
          Type: AWS::ApiGatewayV2::Api
          Properties: {Name: shop, ProtocolType: HTTP, Target: !GetAtt Api.Arn}
        UpperProvider:
          Type: AWS::Lambda::Function
          Properties:
            Runtime: nodejs22.x
            Handler: index.handler
            Role: !GetAtt Role.Arn
            Code:
              ZipFile: |
                const response = require('cfn-response');
                exports.handler = function (event, context) {
                  const name = event.ResourceProperties.Name;
                  response.send(event, context, response.SUCCESS, {Upper: String(name).toUpperCase()}, 'upper-' + name);
                };
        Upper:
          Type: Custom::Upper
          DependsOn: StageParameter
          Properties:
            ServiceToken: !GetAtt UpperProvider.Arn
            Name: !Ref Stage
      Outputs:
        FunctionArn: {Value: !GetAtt Api.Arn}
        TableArn: {Value: !GetAtt Orders.Arn}
        QueueUrl: {Value: !Ref Queue}
        TopicArn: {Value: !Ref Topic}
        ScheduleArn: {Value: !GetAtt Nightly.Arn}
        StageValue: {Value: !GetAtt StageParameter.Value}
        ApiEndpoint: {Value: !GetAtt HttpApi.ApiEndpoint}
        Upper: {Value: !GetAtt Upper.Upper}
      """;

  private static Map<String, String> outputs(ExternalClient cli) {
    Map<String, String> out = new HashMap<>();
    cli.aws("cloudformation", "describe-stacks", "--stack-name", "shop").ok().json().path("Stacks").get(0)
        .path("Outputs").forEach(o -> out.put(o.path("OutputKey").asText(), o.path("OutputValue").asText()));
    return out;
  }

  @Test
  void theTemplateOfARealTeamIsCreatedUpdatedAndDeletedAndFailModeNamesTheFirstUnemulatedType() throws Exception {
    assumeTrue(ExternalClient.available("aws", "--version"), "the AWS CLI is not installed");
    assumeTrue(ExternalClient.available("node", "--version"), "node is not installed");
    Path template = Files.writeString(dir.resolve("template.yaml"), TEMPLATE);
    try (LocalCloud cloud = LocalCloud.start(LocalCloudConfig.builder(dir.resolve("state"))
        .lambdaUpdateDelay(Duration.ofMillis(50)).stackStepDelay(Duration.ofMillis(5)).build())) {
      ExternalClient cli = new ExternalClient(cloud.endpoint(), dir);
      cli.aws("cloudformation", "create-stack", "--stack-name", "shop", "--template-body", "file://" + template,
          "--capabilities", "CAPABILITY_IAM").ok();
      ExternalClient.Outcome created = cli.aws("cloudformation", "wait", "stack-create-complete", "--stack-name", "shop");
      assertThat(created.exitCode()).as(() -> cli.aws("cloudformation", "describe-stack-events", "--stack-name", "shop")
          .stdout()).isZero();
      Map<String, String> out = outputs(cli);
      assertThat(out.get("FunctionArn")).matches("arn:aws:lambda:us-east-1:000000000000:function:shop-Api-[A-Z0-9]{13}");
      assertThat(out.get("TableArn")).matches("arn:aws:dynamodb:us-east-1:000000000000:table/shop-Orders-[A-Z0-9]{13}");
      assertThat(out.get("QueueUrl")).matches("https://sqs\\.us-east-1\\.amazonaws\\.com/000000000000/shop-Queue-[A-Z0-9]{13}");
      assertThat(out.get("TopicArn")).matches("arn:aws:sns:us-east-1:000000000000:shop-Topic-[A-Z0-9]{13}");
      assertThat(out.get("ScheduleArn")).matches("arn:aws:scheduler:us-east-1:000000000000:schedule/default/shop-Nightly-"
          + "[A-Z0-9]{13}");
      assertThat(out.get("StageValue")).isEqualTo("dev");
      // The HTTP API is served (not a stand-in): its endpoint is a loopback port of the local cloud.
      assertThat(out.get("ApiEndpoint")).matches("http://127\\.0\\.0\\.1:[0-9]+");
      assertThat(out.get("Upper")).isEqualTo("DEV");
      JsonNode env = cli.aws("lambda", "get-function-configuration", "--function-name", out.get("FunctionArn")).ok()
          .json().path("Environment").path("Variables");
      assertThat(env.path("STAGE").asText()).isEqualTo("dev");
      JsonNode events = cli.aws("cloudformation", "describe-stack-events", "--stack-name", "shop").ok().json();
      assertThat(events.path("StackEvents").toString()).contains("Stand-in: AWS::DynamoDB::Table is not emulated");

      cli.aws("cloudformation", "update-stack", "--stack-name", "shop", "--template-body", "file://" + template,
          "--capabilities", "CAPABILITY_IAM", "--parameters", "ParameterKey=Stage,ParameterValue=prod").ok();
      cli.aws("cloudformation", "wait", "stack-update-complete", "--stack-name", "shop").ok();
      Map<String, String> updated = outputs(cli);
      assertThat(updated.get("StageValue")).isEqualTo("prod");
      assertThat(updated.get("Upper")).isEqualTo("PROD");
      assertThat(updated.get("TableArn")).isEqualTo(out.get("TableArn"));

      cli.aws("cloudformation", "delete-stack", "--stack-name", "shop").ok();
      cli.aws("cloudformation", "wait", "stack-delete-complete", "--stack-name", "shop").ok();
    }
    try (LocalCloud strict = LocalCloud.start(LocalCloudConfig.builder(dir.resolve("strict"))
        .unsupportedResources(UnsupportedResources.FAIL).build())) {
      ExternalClient cli = new ExternalClient(strict.endpoint(), dir);
      ExternalClient.Outcome refused = cli.aws("cloudformation", "create-stack", "--stack-name", "shop",
          "--template-body", "file://" + template, "--capabilities", "CAPABILITY_IAM");
      assertThat(refused.exitCode()).isNotZero();
      assertThat(refused.stderr()).contains("ValidationError")
          .contains("Resource type AWS::DynamoDB::Table is not supported by the lambda-sdlc local cloud")
          .contains("resource Orders; lambda-sdlc.local.unsupportedResources is fail");
    }
  }
}
