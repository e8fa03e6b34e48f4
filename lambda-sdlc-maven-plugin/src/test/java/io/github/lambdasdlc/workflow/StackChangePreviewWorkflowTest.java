package io.github.lambdasdlc.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** init shows what it will change (a change set), previews without applying, and stops before losing data. */
class StackChangePreviewWorkflowTest {
  @TempDir
  Path dir;
  WorkflowTestSupport local;

  @AfterEach
  void stop() {
    if (local != null) {
      local.close();
    }
  }

  private StackConvergence.Result init(StackTemplate template, Map<String, String> parameters, boolean preview,
      boolean allowDataLoss) {
    if (local == null) {
      local = new WorkflowTestSupport(dir);
    }
    return new StackConvergence(local.clients, local.events).converge(new StackConvergence.Request("my-app",
        template, parameters, Map.of(), false, null, List.of(), preview, allowDataLoss));
  }

  /** The built-in template with its log group renamed: CloudFormation replaces the group, and its events. */
  private static StackTemplate renamedLogGroup() {
    return new StackTemplate(StackTemplate.builtIn().body().replace("LogGroupName: !Sub /aws/lambda/${AWS::StackName}",
        "LogGroupName: !Sub /aws/lambda/${AWS::StackName}-v2"), "src/main/cloudformation/renamed.yaml");
  }

  private String parameter(String key) {
    return local.clients.cloudFormation().describeStacks(b -> b.stackName("my-app")).stacks().get(0).parameters()
        .stream().filter(p -> p.parameterKey().equals(key)).findFirst().orElseThrow().parameterValue();
  }

  @Test
  void previewOfANewStackListsWhatItWouldAddAndCreatesNothing() {
    StackConvergence.Result r = init(StackTemplate.builtIn(), Map.of(), true, false);
    assertThat(r.outcome()).isEqualTo(StackConvergence.Outcome.PREVIEWED);
    assertThat(local.events.text()).contains("Add FunctionLogGroup (AWS::Logs::LogGroup)")
        .contains("Add Function (AWS::Lambda::Function)").contains("nothing applied");
    assertThat(local.clients.cloudFormation().listStacks().stackSummaries()).isEmpty();
  }

  @Test
  void anUpdateShowsItsChangesAndAPreviewAppliesNone() {
    init(StackTemplate.builtIn(), Map.of(), false, false);
    local.events.clear();
    StackConvergence.Result previewed = init(StackTemplate.builtIn(), Map.of("LogRetentionInDays", "7"), true, false);
    assertThat(previewed.outcome()).isEqualTo(StackConvergence.Outcome.PREVIEWED);
    assertThat(previewed.functionName()).isEqualTo("my-app");
    assertThat(local.events.text())
        .contains("Modify FunctionLogGroup (AWS::Logs::LogGroup), replacement False: RetentionInDays")
        .contains("Preview only (lambda-sdlc.preview): nothing applied.");
    assertThat(parameter("LogRetentionInDays")).isEqualTo("14");
    assertThat(local.clients.cloudFormation().listChangeSets(b -> b.stackName("my-app")).summaries()).isEmpty();

    local.events.clear();
    StackConvergence.Result updated = init(StackTemplate.builtIn(), Map.of("LogRetentionInDays", "7"), false, false);
    assertThat(updated.outcome()).isEqualTo(StackConvergence.Outcome.UPDATED);
    assertThat(local.events.text()).contains("Modify FunctionLogGroup (AWS::Logs::LogGroup), replacement False")
        .contains("UPDATE_COMPLETE");
    assertThat(parameter("LogRetentionInDays")).isEqualTo("7");
  }

  @Test
  void replacingALogGroupWithRetentionStopsUnlessDataLossIsAllowed() {
    init(StackTemplate.builtIn(), Map.of(), false, false);
    assertThatThrownBy(() -> init(renamedLogGroup(), Map.of(), false, false))
        .isInstanceOf(WorkflowException.class)
        .hasMessageContaining("Stack my-app was not updated: the change would replace or remove a resource that holds"
            + " data: FunctionLogGroup (AWS::Logs::LogGroup, replacement True)")
        .hasMessageContaining("-Dlambda-sdlc.allowDataLoss=true");
    assertThat(local.clients.cloudFormation().describeStacks(b -> b.stackName("my-app")).stacks().get(0)
        .stackStatusAsString()).isEqualTo("CREATE_COMPLETE");

    StackConvergence.Result allowed = init(renamedLogGroup(), Map.of(), false, true);
    assertThat(allowed.outcome()).isEqualTo(StackConvergence.Outcome.UPDATED);
    assertThat(local.events.text()).contains("their data is lost (lambda-sdlc.allowDataLoss)");
    assertThat(local.clients.cloudFormation().describeStackResource(b -> b.stackName("my-app")
        .logicalResourceId("FunctionLogGroup")).stackResourceDetail().physicalResourceId())
        .isEqualTo("/aws/lambda/my-app-v2");
  }
}
