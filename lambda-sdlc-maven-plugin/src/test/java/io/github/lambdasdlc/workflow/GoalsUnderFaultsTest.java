package io.github.lambdasdlc.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.lambdasdlc.local.core.FaultKind;
import io.github.lambdasdlc.local.core.FaultPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SDLC goals' logic (init, prepare, deploy, integration-test) on a local cloud that throttles and fails
 * requests: a fraction of faults is absorbed by the SDK's retries with backoff, faults that persist on one
 * operation fail the goal with a message that names the operation, the error code and what to do.
 */
class GoalsUnderFaultsTest {
  @TempDir
  Path dir;
  WorkflowTestSupport local;
  final ObjectMapper json = new ObjectMapper();

  @AfterEach
  void stop() {
    if (local != null) {
      local.close();
    }
  }

  private void start(FaultPlan plan) {
    local = new WorkflowTestSupport(dir, b -> b.faultPlan(plan));
  }

  private StackConvergence.Result init() {
    return new StackConvergence(local.clients, local.events).converge(new StackConvergence.Request("my-app",
        StackTemplate.builtIn(), Map.of(), Map.of(), false, null));
  }

  private FunctionPreparation.Result prepare(String functionName) {
    return new FunctionPreparation(local.clients, local.events).prepare(new FunctionPreparation.Request(functionName,
        "java21", JavaHandler.parse(WorkflowTestSupport.GREETING, "h"), 512, 30, Map.of("STAGE", "test"), null, null));
  }

  private EventCaseSuite.Result integrationTest(String functionName, DeploymentZip.Result zip) throws Exception {
    Path events = Files.createDirectories(dir.resolve("events"));
    Files.writeString(events.resolve("greets-ada.json"),
        "{\"event\": {\"name\": \"Ada\"}, \"expect\": {\"response\": \"Hello, Ada\"}}");
    Files.writeString(events.resolve("greets-grace.json"),
        "{\"event\": {\"name\": \"Grace\"}, \"expect\": {\"response\": \"Hello, Grace\"}}");
    return new EventCaseSuite(local.clients, local.events, json).run(new EventCaseSuite.Request(functionName, zip, true,
        EventCaseSuite.load(events, json, local.events), dir.resolve("reports"), "faults"));
  }

  /** No stack trace soup: one message, no "at ..." frames, no SDK request ids. */
  private static void assertClean(Throwable e) {
    assertThat(e).isInstanceOf(WorkflowException.class);
    assertThat(e.getMessage()).doesNotContain("\tat ").doesNotContain("Request ID")
        .doesNotContainPattern("(software|java)\\.[a-z.]+\\.[A-Za-z]+(Exception|Error)");
  }

  @Test
  void everyGoalGetsThroughAThirdOfRequestsThrottledOrFailing() throws Exception {
    start(FaultPlan.builder().seed(20260301)
        .randomly(0.3, FaultKind.THROTTLING, FaultKind.INTERNAL_ERROR, FaultKind.SERVICE_UNAVAILABLE)
        .maxConsecutive(2)
        .build());

    StackConvergence.Result stack = init();
    assertThat(stack.outcome()).isEqualTo(StackConvergence.Outcome.CREATED);
    assertThat(stack.stackStatus()).isEqualTo("CREATE_COMPLETE");
    assertThat(init().outcome()).isEqualTo(StackConvergence.Outcome.UP_TO_DATE);

    assertThat(prepare(stack.functionName()).changed()).isTrue();
    assertThat(prepare(stack.functionName()).changed()).isFalse();

    DeploymentZip.Result zip = WorkflowTestSupport.fixturePackage(dir, "one");
    CodePush push = new CodePush(local.clients, local.events);
    assertThat(push.push(new CodePush.Request(stack.functionName(), zip, true, "live")).upToDate()).isFalse();
    assertThat(push.push(new CodePush.Request(stack.functionName(), zip, false, null)).upToDate()).isTrue();
    assertThat(local.clients.lambda().getFunctionConfiguration(b -> b.functionName(stack.functionName())).codeSha256())
        .isEqualTo(zip.codeSha256());

    EventCaseSuite.Result result = integrationTest(stack.functionName(), zip);
    assertThat(result.summary()).isEqualTo("Tests run: 2, Failures: 0, Errors: 0, Skipped: 0");

    Map<FaultKind, Long> injected = local.cloud.faultsInjected();
    long total = injected.values().stream().mapToLong(Long::longValue).sum();
    System.out.println("Goals under faults: injected " + injected + " (" + total + " in all)");
    // Some fifty requests, a third of them failed: every kind met, all absorbed.
    assertThat(total).isGreaterThanOrEqualTo(8);
    assertThat(injected.keySet()).contains(FaultKind.THROTTLING, FaultKind.INTERNAL_ERROR,
        FaultKind.SERVICE_UNAVAILABLE);
  }

  @Test
  void deployFailsClearlyWhenLambdaKeepsThrottlingTheUpload() {
    start(FaultPlan.builder().always("lambda:UpdateFunctionCode", FaultKind.THROTTLING).build());
    local.createPythonFunction("app-fn");
    prepare("app-fn");
    String before = local.clients.lambda().getFunctionConfiguration(b -> b.functionName("app-fn")).codeSha256();

    DeploymentZip.Result zip = WorkflowTestSupport.fixturePackage(dir, "one");
    assertThatThrownBy(() -> new CodePush(local.clients, local.events).push(
        new CodePush.Request("app-fn", zip, false, null)))
        .satisfies(GoalsUnderFaultsTest::assertClean)
        .hasMessageContaining("kept throttling UpdateFunctionCode while uploading the code of function app-fn")
        .hasMessageContaining("TooManyRequestsException: Rate exceeded")
        .hasMessageContaining("4 attempts with backoff")
        .hasMessageContaining("Try again later")
        .hasMessageContaining("AWS_MAX_ATTEMPTS");
    assertThat(local.clients.lambda().getFunctionConfiguration(b -> b.functionName("app-fn")).codeSha256())
        .isEqualTo(before);
    assertThat(local.cloud.faultsInjected()).containsEntry(FaultKind.THROTTLING, 4L);
  }

  @Test
  void initFailsClearlyWhenCloudFormationKeepsThrottlingCreateStack() {
    start(FaultPlan.builder().always("cloudformation:CreateStack", FaultKind.THROTTLING).build());
    assertThatThrownBy(this::init)
        .satisfies(GoalsUnderFaultsTest::assertClean)
        .hasMessageContaining("kept throttling CreateStack while creating stack my-app")
        .hasMessageContaining("(Throttling: Rate exceeded, 4 attempts with backoff)")
        .hasMessageContaining("AWS_MAX_ATTEMPTS");
    assertThat(local.clients.cloudFormation().listStacks().stackSummaries()).isEmpty();
  }

  @Test
  void initFailsClearlyWhenStackEventsKeepFailingWithServiceUnavailable() {
    start(FaultPlan.builder().always("cloudformation:DescribeStackEvents", FaultKind.SERVICE_UNAVAILABLE).build());
    assertThatThrownBy(this::init)
        .satisfies(GoalsUnderFaultsTest::assertClean)
        .hasMessageContaining("kept failing DescribeStackEvents with HTTP 503 ServiceUnavailable while waiting for"
            + " stack arn:aws:cloudformation:")
        .hasMessageContaining("4 attempts with backoff")
        .hasMessageContaining("try again later");
  }

  @Test
  void prepareFailsClearlyWhenLambdaKeepsAnsweringInternalErrors() {
    start(FaultPlan.builder().always("lambda:UpdateFunctionConfiguration", FaultKind.INTERNAL_ERROR).build());
    local.createPythonFunction("app-fn");
    assertThatThrownBy(() -> prepare("app-fn"))
        .satisfies(GoalsUnderFaultsTest::assertClean)
        .hasMessageContaining("kept failing UpdateFunctionConfiguration with HTTP 500 ServiceException while updating"
            + " the configuration of function app-fn")
        .hasMessageContaining("4 attempts with backoff");
    assertThat(local.clients.lambda().getFunctionConfiguration(b -> b.functionName("app-fn")).runtimeAsString())
        .isEqualTo("python3.12");
  }

  @Test
  void integrationTestFailsClearlyWhenInvokeKeepsBeingThrottled() throws Exception {
    start(FaultPlan.builder().always("lambda:Invoke", FaultKind.THROTTLING).build());
    local.createPythonFunction("app-fn");
    prepare("app-fn");
    DeploymentZip.Result zip = WorkflowTestSupport.fixturePackage(dir, "one");
    new CodePush(local.clients, local.events).push(new CodePush.Request("app-fn", zip, false, null));
    assertThatThrownBy(() -> integrationTest("app-fn", zip))
        .satisfies(GoalsUnderFaultsTest::assertClean)
        .hasMessageContaining("kept throttling Invoke while invoking function app-fn with case greets-ada")
        .hasMessageContaining("TooManyRequestsException");
  }

  @Test
  void aWaiterThatMeetsPersistentFaultsSaysWhatFailed() {
    start(FaultPlan.builder().randomly(1.0, java.util.List.of("lambda:GetFunctionConfiguration"),
        FaultKind.SERVICE_UNAVAILABLE).build());
    assertThatThrownBy(() -> new LambdaWaits(local.clients).untilSettled("app-fn"))
        .satisfies(GoalsUnderFaultsTest::assertClean)
        .hasMessageContaining("kept failing GetFunctionConfiguration with HTTP 503 ServiceException while waiting for"
            + " function app-fn");
  }
}
