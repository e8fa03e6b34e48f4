package io.github.lambdasdlc.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The init workflow against the local cloud's CloudFormation. */
class StackConvergenceWorkflowTest {
  @TempDir
  Path dir;
  WorkflowTestSupport local;

  @AfterEach
  void stop() {
    if (local != null) {
      local.close();
    }
  }

  private WorkflowTestSupport local() {
    if (local == null) {
      local = new WorkflowTestSupport(dir);
    }
    return local;
  }

  /** The built-in template with one more resource, which fails to be created (a retention Logs refuses). */
  static StackTemplate withFailingResource() {
    String body = StackTemplate.builtIn().body().replace("\nResources:\n",
        "\nResources:\n  Broken:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      RetentionInDays: 4\n\n");
    return new StackTemplate(body, "src/main/cloudformation/broken.yaml");
  }

  private StackConvergence.Result init(StackTemplate template, Map<String, String> parameters, boolean recreateFailed) {
    return new StackConvergence(local().clients, local().events).converge(new StackConvergence.Request("my-app",
        template, parameters, Map.of("team", "payments"), recreateFailed, null));
  }

  @Test
  void createsTheStackOnceAndTheSecondRunChangesNothing() {
    StackConvergence.Result first = init(StackTemplate.builtIn(), Map.of(), false);
    assertThat(first.outcome()).isEqualTo(StackConvergence.Outcome.CREATED);
    assertThat(first.stackStatus()).isEqualTo("CREATE_COMPLETE");
    assertThat(first.functionLogicalId()).isEqualTo("Function");
    assertThat(first.functionName()).isEqualTo("my-app");
    assertThat(first.functionArn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:my-app");
    assertThat(local.events.text()).contains("Creating stack my-app from the built-in template")
        .contains("CREATE_COMPLETE").contains("AWS::Lambda::Function");

    local.events.clear();
    StackConvergence.Result second = init(StackTemplate.builtIn(), Map.of(), false);
    assertThat(second.outcome()).isEqualTo(StackConvergence.Outcome.UP_TO_DATE);
    assertThat(second.stackId()).isEqualTo(first.stackId());
    // Said once, by init's summary; the workflow only notes CloudFormation's answer for -X.
    assertThat(local.events.text()).contains("DEBUG CloudFormation has no updates to perform on stack my-app")
        .doesNotContain("INFO Stack my-app is up to date").doesNotContain("UPDATE_IN_PROGRESS");
  }

  @Test
  void aChangedParameterUpdatesTheStackAndKeepsItsValueAfterwards() {
    init(StackTemplate.builtIn(), Map.of(), false);
    StackConvergence.Result updated = init(StackTemplate.builtIn(), Map.of("LogRetentionInDays", "7"), false);
    assertThat(updated.outcome()).isEqualTo(StackConvergence.Outcome.UPDATED);
    assertThat(updated.stackStatus()).isEqualTo("UPDATE_COMPLETE");
    // Without the parameter, the previous value is kept rather than reset to the default.
    StackConvergence.Result again = init(StackTemplate.builtIn(), Map.of(), false);
    assertThat(again.outcome()).isEqualTo(StackConvergence.Outcome.UP_TO_DATE);
    assertThat(local.clients.cloudFormation().describeStacks(b -> b.stackName("my-app")).stacks().get(0).parameters())
        .anyMatch(p -> p.parameterKey().equals("LogRetentionInDays") && p.parameterValue().equals("7"));
  }

  @Test
  void initListsTheStandInsInOneLine() {
    String body = StackTemplate.builtIn().body().replace("\nResources:\n", "\nResources:\n  Orders:\n"
        + "    Type: AWS::DynamoDB::Table\n  Queue:\n    Type: AWS::SQS::Queue\n\n");
    init(new StackTemplate(body, "src/main/cloudformation/app.yaml"), Map.of(), false);
    assertThat(local.events.text()).contains("Not emulated here: Orders (AWS::DynamoDB::Table), Queue (AWS::SQS::Queue)"
        + " stand in with AWS's identifiers; calls to them from your function need lambda-sdlc.local.serviceEndpoints.");
    // The workflow recognises the local cloud's stand-ins by the reason it gives them.
    assertThat(StandInNotice.REASON_PREFIX).isEqualTo(
        io.github.lambdasdlc.local.cloudformation.resources.StandInProvider.REASON_PREFIX);
  }

  @Test
  void anUndeclaredParameterIsAUserError() {
    assertThatThrownBy(() -> init(StackTemplate.builtIn(), Map.of("Nope", "1"), false))
        .isInstanceOf(WorkflowException.class)
        .hasMessageContaining("[Nope]").hasMessageContaining("It declares: LogRetentionInDays");
  }

  @Test
  void aFailedCreationRollsBackWithItsReasonsAndRecreateFailedRecovers() {
    assertThatThrownBy(() -> init(withFailingResource(), Map.of(), false))
        .isInstanceOf(WorkflowException.class)
        .matches(e -> ((WorkflowException) e).isUserFault())
        .hasMessageContaining("Stack my-app could not be created (ROLLBACK_COMPLETE)")
        .hasMessageContaining("Broken (AWS::Logs::LogGroup): Properties validation failed for resource Broken")
        .hasMessageContaining("-Dlambda-sdlc.recreateFailed=true");
    assertThat(local.events.text()).contains("ROLLBACK_IN_PROGRESS").contains("ROLLBACK_COMPLETE");

    // A stack that failed to be created cannot be updated, only deleted.
    assertThatThrownBy(() -> init(StackTemplate.builtIn(), Map.of(), false))
        .isInstanceOf(WorkflowException.class)
        .hasMessageContaining("is in ROLLBACK_COMPLETE").hasMessageContaining("recreateFailed=true")
        .hasMessageEndingWith("or delete it with mvn lambda-sdlc:destroy.")
        .hasMessageNotContaining("aws cloudformation delete-stack");

    local.events.clear();
    StackConvergence.Result recreated = init(StackTemplate.builtIn(), Map.of(), true);
    assertThat(recreated.outcome()).isEqualTo(StackConvergence.Outcome.RECREATED);
    assertThat(recreated.stackStatus()).isEqualTo("CREATE_COMPLETE");
    assertThat(local.events.text()).contains("deleting it to create it again").contains("DELETE_COMPLETE");
  }

  @Test
  void aFailedUpdateIsRolledBackAndSaysWhy() {
    init(StackTemplate.builtIn(), Map.of(), false);
    assertThatThrownBy(() -> init(withFailingResource(), Map.of(), false))
        .isInstanceOf(WorkflowException.class)
        .hasMessageContaining("could not be updated (UPDATE_ROLLBACK_COMPLETE)")
        .hasMessageContaining("Properties validation failed for resource Broken")
        .hasMessageContaining("rolled the stack back");
    // The stack still works: the next init with the good template has nothing to do.
    assertThat(init(StackTemplate.builtIn(), Map.of(), false).outcome()).isEqualTo(StackConvergence.Outcome.UP_TO_DATE);
  }

  @Test
  void waitsForAnOperationInProgress() {
    local = new WorkflowTestSupport(dir, Duration.ofMillis(300));
    local.clients.cloudFormation().createStack(b -> b.stackName("my-app").templateBody(StackTemplate.builtIn().body())
        .capabilities(software.amazon.awssdk.services.cloudformation.model.Capability.CAPABILITY_IAM));
    StackConvergence.Result result = init(StackTemplate.builtIn(), Map.of(), false);
    assertThat(local.events.text()).contains("Stack my-app is CREATE_IN_PROGRESS; waiting for that operation to finish");
    assertThat(result.stackStatus()).endsWith("_COMPLETE");
    assertThat(result.functionName()).isEqualTo("my-app");
  }

  @Test
  void theOtherGoalsFindTheFunctionOfTheStack() {
    assertThatThrownBy(() -> StackFunction.resolve(local().clients, "my-app", null))
        .isInstanceOf(WorkflowException.class)
        .matches(e -> ((WorkflowException) e).isUserFault())
        .hasMessageContaining("Stack my-app does not exist on " + local.cloud.endpoint())
        .hasMessageContaining("Run mvn lambda-sdlc:init");
    StackConvergence.Result created = init(StackTemplate.builtIn(), Map.of(), false);
    StackFunction function = StackFunction.resolve(local.clients, "my-app", null);
    assertThat(function.functionName()).isEqualTo(created.functionName());
    assertThat(function.functionArn()).isEqualTo(created.functionArn());
    assertThatThrownBy(() -> StackFunction.resolve(local.clients, "my-app", "Other"))
        .hasMessageContaining("has no AWS::Lambda::Function with logical id Other").hasMessageContaining("Its functions: Function");
  }

  @Test
  void aStackLevelFailureIsTheReasonOfTheFailedCreation() {
    StackTemplate exporting = new StackTemplate(StackTemplate.builtIn().body()
        .replace("!Sub ${AWS::StackName}-FunctionArn", "flip-demo:lambda:arn"), "src/main/cloudformation/app.yaml");
    new StackConvergence(local().clients, local().events).converge(new StackConvergence.Request("perf", exporting,
        Map.of(), Map.of(), false, null));
    assertThatThrownBy(() -> init(exporting, Map.of(), false))
        .isInstanceOf(WorkflowException.class)
        .hasMessageStartingWith("Stack my-app could not be created (ROLLBACK_COMPLETE): Export with name"
            + " flip-demo:lambda:arn is already exported by stack perf. The stack is left in ROLLBACK_COMPLETE:")
        .hasMessageNotContaining("  ");
  }

  @Test
  void theEventColumnsStayAlignedForEveryStatus() {
    init(StackTemplate.builtIn(), Map.of(), false);
    init(StackTemplate.builtIn(), Map.of("LogRetentionInDays", "7"), false);
    java.util.List<String> lines = local.events.lines.stream().filter(l -> l.startsWith("INFO   ")).toList();
    assertThat(lines).anyMatch(l -> l.contains("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS"));
    // The type column starts at the same place on every event line.
    assertThat(lines.stream().map(l -> l.indexOf("AWS::")).distinct()).hasSize(1);
  }
}
