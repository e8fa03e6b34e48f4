package io.github.lambdasdlc.local.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetNotFoundException;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.InvalidChangeSetStatusException;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.ResourceChange;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

/** Change sets through the real SDK v2 client and its waiters: create, describe, execute, the empty one, errors. */
class ChangeSetsTest extends CloudFormationTestSupport {

  @BeforeEach
  void up() {
    start();
  }

  private String changeSet(String stack, String name, ChangeSetType type, String template, Parameter... parameters) {
    return cfn.createChangeSet(r -> r.stackName(stack).changeSetName(name).changeSetType(type).templateBody(template)
        .parameters(parameters).capabilities(Capability.CAPABILITY_IAM)).id();
  }

  private DescribeChangeSetResponse awaitChangeSet(String id) {
    waiter.waitUntilChangeSetCreateComplete(r -> r.changeSetName(id));
    return cfn.describeChangeSet(r -> r.changeSetName(id));
  }

  private static Map<String, ResourceChange> byLogicalId(DescribeChangeSetResponse cs) {
    return cs.changes().stream().map(c -> c.resourceChange())
        .collect(Collectors.toMap(ResourceChange::logicalResourceId, Function.identity()));
  }

  @Test
  void aCreateChangeSetReviewsANewStackThenCreatesIt() {
    String id = cfn.createChangeSet(r -> r.stackName("app").changeSetName("first").changeSetType(ChangeSetType.CREATE)
        .templateBody(PYTHON_STACK).capabilities(Capability.CAPABILITY_IAM).description("initial")).id();
    assertThat(id).matches("arn:aws:cloudformation:us-east-1:\\d{12}:changeSet/first/[-0-9a-f]{36}");
    assertThat(describe("app").stackStatusAsString()).isEqualTo("REVIEW_IN_PROGRESS");
    assertThat(cfn.getTemplate(r -> r.stackName("app")).templateBody()).isNull();

    DescribeChangeSetResponse cs = awaitChangeSet(id);
    assertThat(cs.statusAsString()).isEqualTo("CREATE_COMPLETE");
    assertThat(cs.executionStatusAsString()).isEqualTo("AVAILABLE");
    assertThat(cs.description()).isEqualTo("initial");
    assertThat(cs.parameters()).extracting(Parameter::parameterKey, Parameter::parameterValue)
        .contains(org.assertj.core.groups.Tuple.tuple("Secret", "****"));
    assertThat(cs.changes()).extracting(c -> c.resourceChange().actionAsString() + " " + c.resourceChange()
        .logicalResourceId() + " " + c.resourceChange().resourceType())
        .containsExactly("Add Role AWS::IAM::Role", "Add Logs AWS::Logs::LogGroup", "Add Fn AWS::Lambda::Function");
    assertThat(cs.changes().get(0).resourceChange().details()).isEmpty();
    assertThat(cfn.listChangeSets(r -> r.stackName("app")).summaries()).extracting(s -> s.changeSetName())
        .containsExactly("first");

    cfn.executeChangeSet(r -> r.changeSetName("first").stackName("app"));
    waiter.waitUntilStackCreateComplete(r -> r.stackName("app"));
    assertThat(describe("app").outputs()).hasSize(3);
    assertThat(cfn.describeChangeSet(r -> r.changeSetName(id)).executionStatusAsString()).isEqualTo("EXECUTE_COMPLETE");
    assertThat(events("app")).extracting(StackEvent::resourceStatusAsString)
        .contains("REVIEW_IN_PROGRESS", "CREATE_IN_PROGRESS", "CREATE_COMPLETE");
  }

  @Test
  void anUpdateChangeSetShowsModificationsReplacementsAndTheirCauses() {
    create("app", PYTHON_STACK, Capability.CAPABILITY_IAM);
    waiter.waitUntilStackCreateComplete(r -> r.stackName("app"));
    String changed = PYTHON_STACK.replace("MemorySize: 256", "MemorySize: 512")
        .replace("AssumeRolePolicyDocument:", "Path: /app/\n      AssumeRolePolicyDocument:")
        .replace("Outputs:", "  Extra:\n    Type: AWS::Logs::LogGroup\nOutputs:");
    assertThat(changed).contains("Path: /app/").contains("Extra:");
    String id = changeSet("app", "second", ChangeSetType.UPDATE, changed,
        Parameter.builder().parameterKey("Retention").parameterValue("14").build());
    DescribeChangeSetResponse cs = awaitChangeSet(id);
    Map<String, ResourceChange> changes = byLogicalId(cs);
    assertThat(changes.keySet()).containsExactlyInAnyOrder("Role", "Logs", "Fn", "Extra");

    ResourceChange role = changes.get("Role");
    assertThat(role.actionAsString()).isEqualTo("Modify");
    assertThat(role.replacementAsString()).isEqualTo("True");
    assertThat(role.physicalResourceId()).isNotBlank();
    assertThat(role.scopeAsStrings()).containsExactly("Properties");
    assertThat(role.details()).singleElement().satisfies(d -> {
      assertThat(d.target().name()).isEqualTo("Path");
      assertThat(d.target().requiresRecreationAsString()).isEqualTo("Always");
      assertThat(d.evaluationAsString()).isEqualTo("Static");
      assertThat(d.changeSourceAsString()).isEqualTo("DirectModification");
    });

    ResourceChange logs = changes.get("Logs");
    assertThat(logs.replacementAsString()).isEqualTo("False");
    assertThat(logs.details()).singleElement().satisfies(d -> {
      assertThat(d.target().name()).isEqualTo("RetentionInDays");
      assertThat(d.changeSourceAsString()).isEqualTo("ParameterReference");
      assertThat(d.causingEntity()).isEqualTo("Retention");
    });

    ResourceChange fn = changes.get("Fn");
    assertThat(fn.replacementAsString()).isEqualTo("False");
    assertThat(fn.details()).extracting(d -> d.target().name() + " " + d.evaluationAsString() + " "
        + d.changeSourceAsString() + " " + d.causingEntity())
        .containsExactlyInAnyOrder("MemorySize Static DirectModification null", "Role Dynamic ResourceReference Role");
    assertThat(changes.get("Extra").actionAsString()).isEqualTo("Add");

    cfn.executeChangeSet(r -> r.changeSetName(id));
    waiter.waitUntilStackUpdateComplete(r -> r.stackName("app"));
    assertThat(lambda.getFunctionConfiguration(r -> r.functionName(describe("app").outputs().stream()
        .filter(o -> o.outputKey().equals("FunctionName")).findFirst().orElseThrow().outputValue())).memorySize())
        .isEqualTo(512);
    assertThat(cfn.describeChangeSet(r -> r.changeSetName(id)).executionStatusAsString()).isEqualTo("EXECUTE_COMPLETE");
  }

  @Test
  void aChangeSetWithoutChangesFailsAndCannotBeExecuted() {
    create("app", PYTHON_STACK, Capability.CAPABILITY_IAM);
    waiter.waitUntilStackCreateComplete(r -> r.stackName("app"));
    String id = changeSet("app", "same", ChangeSetType.UPDATE, PYTHON_STACK);
    assertThatThrownBy(() -> waiter.waitUntilChangeSetCreateComplete(r -> r.changeSetName(id)))
        .isInstanceOf(SdkClientException.class);
    DescribeChangeSetResponse cs = cfn.describeChangeSet(r -> r.changeSetName("same").stackName("app"));
    assertThat(cs.statusAsString()).isEqualTo("FAILED");
    assertThat(cs.executionStatusAsString()).isEqualTo("UNAVAILABLE");
    assertThat(cs.statusReason()).isEqualTo("The submitted information didn't contain changes. Submit different"
        + " information to create a change set.");
    assertThat(cs.changes()).isEmpty();
    assertThatThrownBy(() -> cfn.executeChangeSet(r -> r.changeSetName(id)))
        .isInstanceOf(InvalidChangeSetStatusException.class)
        .hasMessageContaining("ChangeSet [" + id + "] cannot be executed in its current status of [FAILED]");
    cfn.deleteChangeSet(r -> r.changeSetName(id));
    assertThatThrownBy(() -> cfn.describeChangeSet(r -> r.changeSetName(id)))
        .isInstanceOf(ChangeSetNotFoundException.class)
        .satisfies(e -> assertThat(((CloudFormationException) e).statusCode()).isEqualTo(404));
  }

  @Test
  void requestsAndStatesAreCheckedWithAwsWording() {
    create("app", PYTHON_STACK, Capability.CAPABILITY_IAM);
    waiter.waitUntilStackCreateComplete(r -> r.stackName("app"));
    assertThatThrownBy(() -> changeSet("app", "again", ChangeSetType.CREATE, PYTHON_STACK))
        .hasMessageContaining("Stack [app] already exists and cannot be created again with the changeSet [again].");
    assertThatThrownBy(() -> changeSet("missing", "cs", ChangeSetType.UPDATE, PYTHON_STACK))
        .hasMessageContaining("Stack [missing] does not exist");
    assertThatThrownBy(() -> cfn.describeChangeSet(r -> r.changeSetName("cs")))
        .hasMessageContaining("StackName must be specified if ChangeSetName is not specified as an ARN.");
    assertThatThrownBy(() -> cfn.createChangeSet(r -> r.stackName("app").changeSetName("nocaps")
        .templateBody(PYTHON_STACK.replace("MemorySize: 256", "MemorySize: 1024"))))
        .hasMessageContaining("Requires capabilities : [CAPABILITY_IAM]");
    String first = changeSet("app", "one", ChangeSetType.UPDATE, PYTHON_STACK.replace("256", "384"));
    awaitChangeSet(first);
    assertThatThrownBy(() -> changeSet("app", "one", ChangeSetType.UPDATE, PYTHON_STACK.replace("256", "320")))
        .hasMessageContaining("ChangeSet [one] already exists");
    // An update by UpdateStack makes the available change set obsolete.
    cfn.updateStack(r -> r.stackName("app").templateBody(PYTHON_STACK.replace("256", "448"))
        .capabilities(Capability.CAPABILITY_IAM));
    waiter.waitUntilStackUpdateComplete(r -> r.stackName("app"));
    assertThat(cfn.describeChangeSet(r -> r.changeSetName(first)).executionStatusAsString()).isEqualTo("OBSOLETE");
    assertThatThrownBy(() -> cfn.executeChangeSet(r -> r.changeSetName(first)))
        .isInstanceOf(InvalidChangeSetStatusException.class).hasMessageContaining("[OBSOLETE]");
    assertThat(cfn.getTemplateSummary(r -> r.stackName("app")).parameters())
        .extracting(p -> p.parameterKey()).containsExactly("Greeting", "Secret", "Retention");
    assertThat(List.of(cfn.getTemplateSummary(r -> r.templateBody(PYTHON_STACK)).capabilitiesAsStrings()))
        .containsExactly(List.of("CAPABILITY_IAM"));
  }

  @Test
  void deletingAReviewStackRemovesIt() throws Exception {
    String stackId = cfn.createChangeSet(r -> r.stackName("draft").changeSetName("cs")
        .changeSetType(ChangeSetType.CREATE).templateBody(PYTHON_STACK).capabilities(Capability.CAPABILITY_IAM))
        .stackId();
    cfn.deleteStack(r -> r.stackName("draft"));
    assertThat(settle(stackId).stackStatusAsString()).isEqualTo("DELETE_COMPLETE");
    assertThat(cfn.listChangeSets(r -> r.stackName(stackId)).summaries()).isEmpty();
  }
}
