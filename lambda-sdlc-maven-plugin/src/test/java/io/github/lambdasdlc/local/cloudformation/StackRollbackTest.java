package io.github.lambdasdlc.local.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.OnFailure;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.model.StackResource;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

class StackRollbackTest extends CloudFormationTestSupport {

  static final String WITH_BUCKET = """
      Resources:
        Logs:
          Type: AWS::Logs::LogGroup
          Properties:
            LogGroupName: kept-logs
        Bucket:
          Type: AWS::Logs::LogGroup
          DependsOn: Logs
          Properties:
            RetentionInDays: 4
      """;

  @BeforeEach
  void up() {
    start();
  }

  @Test
  void aFailedCreateRollsBackWithTheReasonInTheEvents() throws Exception {
    String id = create("broken", WITH_BUCKET);
    assertThatThrownBy(() -> waiter.waitUntilStackCreateComplete(r -> r.stackName("broken")))
        .isInstanceOf(SdkClientException.class);
    Stack stack = settle("broken");
    assertThat(stack.stackStatus()).isEqualTo(StackStatus.ROLLBACK_COMPLETE);

    List<StackEvent> events = events("broken");
    assertThat(events).anySatisfy(e -> {
      assertThat(e.logicalResourceId()).isEqualTo("Bucket");
      assertThat(e.resourceStatusAsString()).isEqualTo("CREATE_FAILED");
      assertThat(e.resourceStatusReason()).isEqualTo("Properties validation failed for resource Bucket with message:"
          + " [#/RetentionInDays: 4 is not a valid enum value]");
    });
    assertThat(events).anySatisfy(e -> {
      assertThat(e.resourceStatusAsString()).isEqualTo("ROLLBACK_IN_PROGRESS");
      assertThat(e.resourceStatusReason())
          .isEqualTo("The following resource(s) failed to create: [Bucket]. Rollback requested by user.");
    });
    assertThat(cfn.describeStackResources(r -> r.stackName("broken")).stackResources())
        .extracting(StackResource::resourceStatusAsString).containsOnly("DELETE_COMPLETE");

    // The log group's name is free again: the rollback deleted it.
    String again = create("other", "Resources: {Logs: {Type: AWS::Logs::LogGroup, Properties: {LogGroupName: kept-logs}}}");
    waiter.waitUntilStackCreateComplete(r -> r.stackName("other"));

    assertThatThrownBy(() -> cfn.updateStack(r -> r.stackName("broken").templateBody(WITH_BUCKET)))
        .hasMessageContaining("Stack:" + id + " is in ROLLBACK_COMPLETE state and can not be updated.");
    cfn.deleteStack(r -> r.stackName("broken"));
    waiter.waitUntilStackDeleteComplete(r -> r.stackName("broken"));
    assertThat(again).isNotEqualTo(id);
  }

  @Test
  void doNothingLeavesCreateFailedAndTheCreatedResources() throws Exception {
    cfn.createStack(r -> r.stackName("kept").templateBody(WITH_BUCKET).onFailure(OnFailure.DO_NOTHING));
    Stack stack = settle("kept");
    assertThat(stack.stackStatus()).isEqualTo(StackStatus.CREATE_FAILED);
    assertThat(stack.stackStatusReason()).isEqualTo("The following resource(s) failed to create: [Bucket].");
    assertThat(stack.disableRollback()).isTrue();
    assertThat(cfn.describeStackResource(r -> r.stackName("kept").logicalResourceId("Logs")).stackResourceDetail()
        .resourceStatusAsString()).isEqualTo("CREATE_COMPLETE");
  }

  @Test
  void onFailureDeleteRemovesTheStack() throws Exception {
    String id = cfn.createStack(r -> r.stackName("gone").templateBody(WITH_BUCKET).onFailure(OnFailure.DELETE))
        .stackId();
    waiter.waitUntilStackDeleteComplete(r -> r.stackName("gone"));
    assertThat(describe(id).stackStatus()).isEqualTo(StackStatus.DELETE_COMPLETE);
  }

  @Test
  void aFailedUpdateRollsBackToTheOldTemplateAndResources() throws Exception {
    create("app", PYTHON_STACK, Capability.CAPABILITY_IAM);
    waiter.waitUntilStackCreateComplete(r -> r.stackName("app"));
    String fn = describe("app").outputs().stream().filter(o -> o.outputKey().equals("FunctionName")).findFirst()
        .orElseThrow().outputValue();
    String broken = PYTHON_STACK.replace("Outputs:", "  Bucket:\n    Type: AWS::Logs::LogGroup\n    DependsOn: Fn\n"
        + "    Properties:\n      RetentionInDays: 4\nOutputs:")
        .replace("MemorySize: 256", "MemorySize: 512");
    cfn.updateStack(r -> r.stackName("app").templateBody(broken).capabilities(Capability.CAPABILITY_IAM)
        .parameters(Parameter.builder().parameterKey("Greeting").parameterValue("hi").build()));
    assertThatThrownBy(() -> waiter.waitUntilStackUpdateComplete(r -> r.stackName("app")))
        .isInstanceOf(SdkClientException.class);
    Stack stack = settle("app");
    assertThat(stack.stackStatus()).isEqualTo(StackStatus.UPDATE_ROLLBACK_COMPLETE);
    assertThat(stack.parameters()).anySatisfy(p -> {
      assertThat(p.parameterKey()).isEqualTo("Greeting");
      assertThat(p.parameterValue()).isEqualTo("hello");
    });
    assertThat(cfn.getTemplate(r -> r.stackName("app")).templateBody()).isEqualTo(PYTHON_STACK);
    var config = lambda.getFunctionConfiguration(r -> r.functionName(fn));
    assertThat(config.memorySize()).isEqualTo(256);
    assertThat(config.environment().variables()).containsEntry("GREETING", "hello");
    assertThat(events("app")).extracting(StackEvent::resourceStatusAsString)
        .contains("UPDATE_ROLLBACK_IN_PROGRESS", "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS");
    assertThat(cfn.describeStackResources(r -> r.stackName("app")).stackResources())
        .extracting(StackResource::logicalResourceId).containsExactlyInAnyOrder("Role", "Logs", "Fn");

    // UPDATE_ROLLBACK_COMPLETE can be updated again.
    cfn.updateStack(r -> r.stackName("app").usePreviousTemplate(true).capabilities(Capability.CAPABILITY_IAM)
        .parameters(Parameter.builder().parameterKey("Greeting").parameterValue("hi").build()));
    waiter.waitUntilStackUpdateComplete(r -> r.stackName("app"));
  }

  @Test
  void aBadRetentionFailsTheLogGroupWithTheSchemaMessage() throws Exception {
    create("retention", "Resources: {Logs: {Type: AWS::Logs::LogGroup, Properties: {RetentionInDays: 4}}}");
    assertThat(settle("retention").stackStatus()).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
    assertThat(events("retention")).anySatisfy(e -> assertThat(e.resourceStatusReason())
        .isEqualTo("Properties validation failed for resource Logs with message: [#/RetentionInDays: 4 is not a valid"
            + " enum value]"));
  }

  @Test
  void inlineCodeNeedsAPythonOrNodeRuntime() throws Exception {
    String java = PYTHON_STACK.replace("python3.12", "java21");
    create("java", java, Capability.CAPABILITY_IAM);
    assertThat(settle("java").stackStatus()).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
    assertThat(events("java")).anySatisfy(e -> {
      assertThat(e.logicalResourceId()).isEqualTo("Fn");
      assertThat(e.resourceStatusReason()).contains("Python and Node.js runtimes").contains("java21");
    });
  }
}
