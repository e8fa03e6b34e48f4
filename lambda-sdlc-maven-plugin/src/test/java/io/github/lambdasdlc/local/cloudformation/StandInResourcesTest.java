package io.github.lambdasdlc.local.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdasdlc.local.LocalCloud;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import io.github.lambdasdlc.local.core.LocalCloudConfig.UnsupportedResources;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

/** Resource types the local cloud does not emulate stand in, with AWS's identifiers, through the real SDK. */
class StandInResourcesTest extends CloudFormationTestSupport {

  static final String TEMPLATE = """
      Parameters:
        Greeting:
          Type: String
          Default: hello
        QueueSuffix:
          Type: String
          Default: one
      Resources:
        Orders:
          Type: AWS::DynamoDB::Table
          Properties:
            BillingMode: PAY_PER_REQUEST
            AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
            KeySchema: [{AttributeName: id, KeyType: HASH}]
            StreamSpecification: {StreamViewType: NEW_IMAGE}
        Queue:
          Type: AWS::SQS::Queue
          Properties:
            QueueName: !Sub 'orders-${QueueSuffix}'
        FifoQueue:
          Type: AWS::SQS::Queue
          Properties:
            FifoQueue: true
        Topic:
          Type: AWS::SNS::Topic
        Subscription:
          Type: AWS::SNS::Subscription
          Properties:
            TopicArn: !Ref Topic
            Protocol: sqs
            Endpoint: !GetAtt Queue.Arn
        Bucket:
          Type: AWS::S3::Bucket
        Setting:
          Type: AWS::SSM::Parameter
          Properties:
            Type: String
            Value: !Ref Greeting
        Nightly:
          Type: AWS::Scheduler::Schedule
          Properties:
            ScheduleExpression: rate(1 day)
            FlexibleTimeWindow: {Mode: 'OFF'}
            Target: {Arn: !GetAtt Queue.Arn, RoleArn: arn:aws:iam::000000000000:role/x}
        Api:
          Type: AWS::ApiGatewayV2::Api
          Properties:
            Name: orders
            ProtocolType: HTTP
        Key:
          Type: AWS::KMS::Key
        Vpc:
          Type: AWS::EC2::VPC
          Properties:
            CidrBlock: 10.0.0.0/16
        Graph:
          Type: AWS::AppSync::GraphQLApi
          Properties:
            Name: graph
            AuthenticationType: API_KEY
      Outputs:
        TableName: {Value: !Ref Orders}
        TableArn: {Value: !GetAtt Orders.Arn}
        StreamArn: {Value: !GetAtt Orders.StreamArn}
        QueueUrl: {Value: !Ref Queue}
        QueueArn: {Value: !GetAtt Queue.Arn}
        QueueName: {Value: !GetAtt Queue.QueueName}
        FifoName: {Value: !GetAtt FifoQueue.QueueName}
        TopicArn: {Value: !Ref Topic}
        TopicName: {Value: !GetAtt Topic.TopicName}
        SubscriptionArn: {Value: !Ref Subscription}
        BucketName: {Value: !Ref Bucket}
        BucketDomain: {Value: !GetAtt Bucket.RegionalDomainName}
        ParameterName: {Value: !Ref Setting}
        ParameterValue: {Value: !GetAtt Setting.Value}
        ScheduleArn: {Value: !GetAtt Nightly.Arn}
        ApiEndpoint: {Value: !GetAtt Api.ApiEndpoint}
        ApiId: {Value: !Ref Api}
        KeyArn: {Value: !GetAtt Key.Arn}
        VpcId: {Value: !Ref Vpc}
        VpcCidr: {Value: !GetAtt Vpc.CidrBlock}
        SecurityGroup: {Value: !GetAtt Vpc.DefaultSecurityGroup}
        GraphArn: {Value: !GetAtt Graph.Arn}
      """;

  private Map<String, String> outputs(String stack) {
    return describe(stack).outputs().stream().collect(Collectors.toMap(Output::outputKey, Output::outputValue));
  }

  @Test
  void unemulatedTypesStandInWithAwsShapesAndFollowTheTemplateThroughUpdateAndDelete() throws Exception {
    start();
    create("shop", TEMPLATE);
    waiter.waitUntilStackCreateComplete(r -> r.stackName("shop"));
    Map<String, String> out = outputs("shop");
    String region = "us-east-1";
    String acct = "000000000000";
    assertThat(out.get("TableName")).matches("shop-Orders-[A-Z0-9]{13}");
    assertThat(out.get("TableArn")).isEqualTo("arn:aws:dynamodb:" + region + ":" + acct + ":table/" + out.get("TableName"));
    assertThat(out.get("StreamArn")).matches("arn:aws:dynamodb:us-east-1:000000000000:table/shop-Orders-[A-Z0-9]{13}"
        + "/stream/\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}");
    assertThat(out.get("QueueUrl")).isEqualTo("https://sqs.us-east-1.amazonaws.com/000000000000/orders-one");
    assertThat(out.get("QueueArn")).isEqualTo("arn:aws:sqs:us-east-1:000000000000:orders-one");
    assertThat(out.get("QueueName")).isEqualTo("orders-one");
    assertThat(out.get("FifoName")).matches("shop-FifoQueue-[A-Z0-9]{13}\\.fifo");
    assertThat(out.get("TopicArn")).matches("arn:aws:sns:us-east-1:000000000000:shop-Topic-[A-Z0-9]{13}");
    assertThat(out.get("TopicName")).isEqualTo(out.get("TopicArn").substring(out.get("TopicArn").lastIndexOf(':') + 1));
    assertThat(out.get("SubscriptionArn")).matches(out.get("TopicArn") + ":[0-9a-f-]{36}");
    assertThat(out.get("BucketName")).matches("shop-bucket-[a-z0-9]{13}");
    assertThat(out.get("BucketDomain")).isEqualTo(out.get("BucketName") + ".s3.us-east-1.amazonaws.com");
    assertThat(out.get("ParameterName")).matches("CFN-Setting-[A-Za-z0-9]{12}");
    assertThat(out.get("ParameterValue")).isEqualTo("hello");
    assertThat(out.get("ScheduleArn")).matches("arn:aws:scheduler:us-east-1:000000000000:schedule/default/"
        + "shop-Nightly-[A-Z0-9]{13}");
    assertThat(out.get("ApiId")).matches("[a-z0-9]{10}");
    // An HTTP API is emulated (served on a loopback port, see HttpApiStackTest), no longer a stand-in.
    assertThat(out.get("ApiEndpoint")).matches("http://127\\.0\\.0\\.1:\\d+");
    assertThat(out.get("KeyArn")).matches("arn:aws:kms:us-east-1:000000000000:key/[0-9a-f-]{36}");
    assertThat(out.get("VpcId")).matches("vpc-[0-9a-f]{17}");
    assertThat(out.get("VpcCidr")).isEqualTo("10.0.0.0/16");
    assertThat(out.get("SecurityGroup")).matches("sg-[0-9a-f]{17}");
    assertThat(out.get("GraphArn")).matches("arn:aws:appsync:us-east-1:000000000000:graph-ql-api/.+");

    assertThat(events("shop")).filteredOn(e -> e.logicalResourceId().equals("Orders")
        && e.resourceStatusAsString().equals("CREATE_COMPLETE")).singleElement()
        .extracting(StackEvent::resourceStatusReason).asString()
        .startsWith("Stand-in: AWS::DynamoDB::Table is not emulated by the lambda-sdlc local cloud");
    assertThat(cfn.describeStackResource(r -> r.stackName("shop").logicalResourceId("Queue")).stackResourceDetail()
        .physicalResourceId()).isEqualTo(out.get("QueueUrl"));

    // In place: the parameter keeps its name, takes the new value; a new queue name replaces the queue.
    cfn.updateStack(r -> r.stackName("shop").templateBody(TEMPLATE).parameters(
        p -> p.parameterKey("Greeting").parameterValue("salut"), p -> p.parameterKey("QueueSuffix").parameterValue("two")));
    waiter.waitUntilStackUpdateComplete(r -> r.stackName("shop"));
    Map<String, String> updated = outputs("shop");
    assertThat(updated.get("ParameterName")).isEqualTo(out.get("ParameterName"));
    assertThat(updated.get("ParameterValue")).isEqualTo("salut");
    assertThat(updated.get("QueueUrl")).isEqualTo("https://sqs.us-east-1.amazonaws.com/000000000000/orders-two");
    assertThat(updated.get("TableArn")).isEqualTo(out.get("TableArn"));
    assertThat(updated.get("StreamArn")).isEqualTo(out.get("StreamArn"));
    assertThat(updated.get("VpcId")).isEqualTo(out.get("VpcId"));
    assertThat(events("shop")).anySatisfy(e -> {
      assertThat(e.logicalResourceId()).isEqualTo("Queue");
      assertThat(e.resourceStatusAsString()).isEqualTo("DELETE_COMPLETE");
      assertThat(e.physicalResourceId()).isEqualTo(out.get("QueueUrl"));
    });

    // The same queue name in a second stack is taken, as on AWS.
    create("copy", "Resources: {Q: {Type: AWS::SQS::Queue, Properties: {QueueName: orders-two}}}");
    assertThat(settle("copy").stackStatus()).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
    assertThat(events("copy")).anySatisfy(e -> assertThat(e.resourceStatusReason()).contains("already exists"));

    cfn.deleteStack(r -> r.stackName("shop"));
    waiter.waitUntilStackDeleteComplete(r -> r.stackName("shop"));
  }

  @Test
  void anAttributeTheStandInCannotGiveFailsNamingItAndUnknownTypesAreRefusedAsAwsDoes() throws Exception {
    start();
    create("meta", """
        Resources:
          Bucket: {Type: AWS::S3::Bucket}
          Param:
            Type: AWS::SSM::Parameter
            Properties:
              Type: String
              Value: !GetAtt Bucket.MetadataConfiguration.Destination
        """);
    assertThat(settle("meta").stackStatus()).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
    assertThat(events("meta")).anySatisfy(e -> assertThat(e.resourceStatusReason()).isEqualTo("Template error: the"
        + " stand-in of resource Bucket (AWS::S3::Bucket) has no value for attribute MetadataConfiguration.Destination"
        + " in Fn::GetAtt: only S3 Metadata tables have them"));

    assertThatThrownBy(() -> create("typo", "Resources: {T: {Type: AWS::DynamoDB::Tabel}, U: {Type: Acme::X::Y}}"))
        .isInstanceOf(CloudFormationException.class)
        .hasMessageContaining("Template format error: Unrecognized resource types: [AWS::DynamoDB::Tabel, Acme::X::Y]");
  }

  @Test
  void failModeRefusesTheTemplateNamingTheFirstUnemulatedType() {
    cloud = LocalCloud.start(LocalCloudConfig.builder(dir).stackStepDelay(Duration.ofMillis(5))
        .unsupportedResources(UnsupportedResources.FAIL).build());
    connect();
    assertThatThrownBy(() -> create("strict", TEMPLATE))
        .isInstanceOf(CloudFormationException.class)
        .hasMessageContaining("Resource type AWS::DynamoDB::Table is not supported by the lambda-sdlc local cloud")
        .hasMessageContaining("(resource Orders; lambda-sdlc.local.unsupportedResources is fail: set it to standin");
    assertThat(cfn.listStacks().stackSummaries()).isEmpty();
  }
}
