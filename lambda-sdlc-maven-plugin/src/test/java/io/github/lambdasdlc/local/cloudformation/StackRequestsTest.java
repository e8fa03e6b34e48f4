package io.github.lambdasdlc.local.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdasdlc.local.core.AwsError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Query forms become typed requests at the edge, with AWS's checks of the request itself and their wording. */
class StackRequestsTest {

  private static Map<String, String> form(String... pairs) {
    Map<String, String> form = new java.util.LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      form.put(pairs[i], pairs[i + 1]);
    }
    return form;
  }

  @Test
  void aCreateStackFormBecomesARecord() {
    StackRequests.CreateStack r = StackRequests.CreateStack.from(new QueryRequest(form(
        "Action", "CreateStack", "StackName", "app", "TemplateBody", "Resources: {}",
        "Capabilities.member.1", "CAPABILITY_IAM", "Capabilities.member.2", "CAPABILITY_IAM",
        "Parameters.member.1.ParameterKey", "Stage", "Parameters.member.1.ParameterValue", "dev",
        "Tags.member.1.Key", "team", "Tags.member.1.Value", "a", "DisableRollback", "true",
        "TimeoutInMinutes", "5")));
    assertThat(r.stackName()).isEqualTo("app");
    assertThat(r.capabilities()).containsExactly("CAPABILITY_IAM");
    assertThat(r.parameters().values()).isEqualTo(Map.of("Stage", "dev"));
    assertThat(r.tags()).isEqualTo(Map.of("team", "a"));
    assertThat(r.timeoutInMinutes()).isEqualTo(5);
    assertThat(r.effectiveOnFailure()).isEqualTo("DO_NOTHING");
  }

  @Test
  void anUpdateStackFormSaysWhatIsUnchanged() {
    StackRequests.UpdateStack r = StackRequests.UpdateStack.from(new QueryRequest(Map.of(
        "StackName", "app", "UsePreviousTemplate", "true",
        "Parameters.member.1.ParameterKey", "Stage", "Parameters.member.1.UsePreviousValue", "true")));
    assertThat(r.usePreviousTemplate()).isTrue();
    assertThat(r.templateBody()).isNull();
    assertThat(r.tags()).isNull();
    assertThat(r.notificationArns()).isNull();
    assertThat(r.parameters().usePrevious()).containsExactly("Stage");
    assertThat(StackRequests.UpdateStack.from(new QueryRequest(Map.of("StackName", "app", "TemplateBody", "x",
        "Tags", ""))).tags()).isEmpty();
  }

  @Test
  void requestErrorsHaveAwsWording() {
    assertThatThrownBy(() -> StackRequests.CreateStack.from(new QueryRequest(Map.of("StackName", "1bad",
        "OnFailure", "EXPLODE", "TemplateBody", "x"))))
        .isInstanceOf(AwsError.class)
        .hasMessage("2 validation errors detected: Value '1bad' at 'stackName' failed to satisfy constraint: Member"
            + " must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*; Value 'EXPLODE' at 'onFailure' failed"
            + " to satisfy constraint: Member must satisfy enum value set: " + List.of("DO_NOTHING", "ROLLBACK",
            "DELETE"));
    assertThatThrownBy(() -> StackRequests.CreateStack.from(new QueryRequest(Map.of("StackName", "app",
        "TemplateBody", "x", "Parameters.member.1.ParameterKey", "Stage",
        "Parameters.member.1.UsePreviousValue", "true"))))
        .hasMessage("Invalid input for parameter key Stage. Cannot specify usePreviousValue as true for a parameter"
            + " when creating a stack");
    assertThatThrownBy(() -> StackRequests.UpdateStack.from(new QueryRequest(Map.of("StackName", "app",
        "UsePreviousTemplate", "true", "TemplateBody", "x"))))
        .hasMessage("You cannot specify both usePreviousTemplate and Template Body/Template Url");
    assertThatThrownBy(() -> StackRequests.DescribeStackResources.from(new QueryRequest(Map.of())))
        .hasMessage("Either StackName or PhysicalResourceId must be specified.");
    assertThatThrownBy(() -> StackRequests.GetTemplate.from(new QueryRequest(Map.of("StackName", "app",
        "TemplateStage", "Draft")))).hasMessageContaining("at 'templateStage' failed to satisfy constraint");
  }
}
