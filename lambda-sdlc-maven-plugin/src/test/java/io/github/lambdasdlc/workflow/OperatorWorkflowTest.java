package io.github.lambdasdlc.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdasdlc.workflow.fixtures.LoggingHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

/**
 * The operator steps on the local cloud: status, invoke, logs and destroy over a stack made from the
 * built-in template, before and after prepare and deploy, with the function really running.
 */
class OperatorWorkflowTest {
  static final String STACK = "ops-app";
  static final String HANDLER = LoggingHandler.class.getName() + "::handleRequest";

  @TempDir
  Path dir;
  WorkflowTestSupport local;

  @BeforeEach
  void start() {
    local = new WorkflowTestSupport(dir);
  }

  @AfterEach
  void stop() {
    local.close();
  }

  private StackConvergence.Result init() {
    return new StackConvergence(local.clients, local.events).converge(
        new StackConvergence.Request(STACK, StackTemplate.builtIn(), Map.of(), Map.of(), false, null));
  }

  /** init, prepare (java21, LoggingHandler) and deploy of a fixture build; returns the build. */
  private DeploymentZip.Result deployed() {
    init();
    new FunctionPreparation(local.clients, local.events).prepare(new FunctionPreparation.Request(STACK, "java21",
        JavaHandler.parse(HANDLER, "lambda-sdlc.handler"), null, null, null, null, null));
    DeploymentZip.Result zip = WorkflowTestSupport.fixturePackage(dir, "one");
    new CodePush(local.clients, local.events).push(new CodePush.Request(STACK, zip, false, null));
    local.events.clear();
    return zip;
  }

  private FunctionStatus.Result status(DeploymentZip.Result build) {
    local.events.clear();
    return printed(new FunctionStatus.Request(STACK, null, null, build));
  }

  /** What status finds, printed as the goal prints it. */
  private FunctionStatus.Result printed(FunctionStatus.Request request) {
    return new StatusReport(local.events).print(new FunctionStatus(local.clients).gather(request));
  }

  // status

  @Test
  void statusOfAMissingStackSaysSoAndSucceeds() {
    FunctionStatus.Result r = status(null);
    assertThat(r.stackStatus()).isNull();
    assertThat(r.functionName()).isNull();
    assertThat(local.events.text()).contains("Stack ops-app: does not exist on " + local.cloud.endpoint())
        .contains("mvn lambda-sdlc:init");
  }

  @Test
  void statusRecognisesTheTemplatesInlineStubByItsCodeSha256AndFindsNoDrift() {
    init();
    FunctionStatus.Result r = status(WorkflowTestSupport.fixturePackage(dir, "one"));
    assertThat(r.stackStatus()).isEqualTo("CREATE_COMPLETE");
    assertThat(r.code()).isEqualTo(FunctionStatus.CodeOrigin.TEMPLATE_INLINE);
    assertThat(r.drift().findings()).isEmpty();
    assertThat(r.versions()).isEmpty();
    assertThat(r.aliases()).isEmpty();
    assertThat(local.events.text())
        .contains("Stack ops-app on " + local.cloud.endpoint() + ": CREATE_COMPLETE")
        .containsPattern("Last event +\\S+ ops-app \\(AWS::CloudFormation::Stack\\) CREATE_COMPLETE")
        .contains("Function ops-app (Function): arn:aws:lambda:us-east-1:000000000000:function:ops-app")
        .contains("Runtime        python3.13").contains("Handler        index.handler")
        .contains("Memory         512 MB").contains("Timeout        30 s")
        .contains("State          Active, LastUpdateStatus Successful")
        .contains("Code           the template's inline code, the python3.13 stub")
        .contains("Drift: none; the live configuration matches the template.")
        .contains("Versions: none published").contains("Aliases: none");
  }

  @Test
  void statusGathersIntoAResultWithoutPrintingAnything() {
    init();
    local.events.clear();
    FunctionStatus.Result r = new FunctionStatus(local.clients).gather(new FunctionStatus.Request(STACK, null, null,
        null, true));
    assertThat(local.events.text()).isEmpty();
    assertThat(r.target()).isEqualTo(local.clients.target().describe());
    assertThat(r.stack().functions()).containsExactly("Function");
    assertThat(r.stack().lastEvent().logicalId()).isEqualTo(STACK);
    assertThat(r.stack().lastEvent().status()).isEqualTo("CREATE_COMPLETE");
    assertThat(r.stack().templateProblem()).isNull();
    assertThat(r.function().logicalId()).isEqualTo("Function");
    assertThat(r.function().configuration().runtimeAsString()).isEqualTo("python3.13");
    assertThat(r.function().code()).isEqualTo(new FunctionStatus.Code(FunctionStatus.CodeOrigin.TEMPLATE_INLINE,
        r.function().configuration().codeSha256(), null, false));

    // A logical id the stack does not have: nothing to report on, and the printed line says which.
    FunctionStatus.Result none = new FunctionStatus(local.clients).gather(new FunctionStatus.Request(STACK, null,
        "Other", null, true));
    assertThat(none.function()).isNull();
    assertThat(none.missingFunction()).isNull();
    new StatusReport(local.events).print(none);
    assertThat(local.events.text()).contains("Function: the stack has none with logical id Other.");
  }

  @Test
  void statusShowsTheStacksParametersWithNoEchoMaskedAndItsOutputs() {
    String body = StackTemplate.builtIn().body().replace("Parameters:\n", """
        Parameters:
          ApiToken:
            Type: String
            NoEcho: true
          Stage:
            Type: String
            Default: dev
        """);
    new StackConvergence(local.clients, local.events).converge(new StackConvergence.Request(STACK,
        new StackTemplate(body, "test"), Map.of("ApiToken", "hunter2-secret"), Map.of(), false, null));

    FunctionStatus.Result r = status(null);
    assertThat(r.parameters()).containsExactly(Map.entry("ApiToken", "****"), Map.entry("Stage", "dev"),
        Map.entry("LogRetentionInDays", "14"));
    assertThat(r.outputs()).containsEntry("FunctionName", STACK)
        .containsEntry("FunctionArn", "arn:aws:lambda:us-east-1:000000000000:function:" + STACK);
    assertThat(local.events.text())
        .contains("INFO   Parameter      ApiToken = ****\nINFO   Parameter      Stage = dev\n"
            + "INFO   Parameter      LogRetentionInDays = 14")
        .contains("  Output         FunctionName = ops-app")
        .contains("  Output         FunctionArn = arn:aws:lambda:us-east-1:000000000000:function:ops-app (export ops-app-FunctionArn)")
        .doesNotContain("hunter2");
  }

  @Test
  void statusOfAStackWithoutParametersOrOutputsSaysNone() {
    String body = StackTemplate.builtIn().body();
    body = body.substring(0, body.indexOf("Parameters:")) + body.substring(body.indexOf("Resources:"),
        body.indexOf("Outputs:")).replace("!Ref LogRetentionInDays", "14");
    new StackConvergence(local.clients, local.events).converge(new StackConvergence.Request(STACK,
        new StackTemplate(body, "test"), Map.of(), Map.of(), false, null));
    FunctionStatus.Result r = status(null);
    assertThat(r.parameters()).isEmpty();
    assertThat(r.outputs()).isEmpty();
    assertThat(local.events.text()).contains("  Parameters     none").contains("  Outputs        none");
  }

  /**
   * Another AWS-compatible endpoint (LocalStack, another emulator) zips the template's inline code its own
   * way: simulated here by live code of another CodeSha256 under the template's runtime and handler.
   */
  @Test
  void statusOnAnotherEndpointRecognisesTheInlineStubByTheTemplatesRuntimeAndHandler() {
    init();
    local.clients.lambda().updateFunctionCode(b -> b.functionName(STACK)
        .zipFile(software.amazon.awssdk.core.SdkBytes.fromByteArray(WorkflowTestSupport.pythonZip())));
    new LambdaWaits(local.clients).untilSettled(STACK);
    DeploymentZip.Result build = WorkflowTestSupport.fixturePackage(dir, "one");

    local.events.clear();
    FunctionStatus.Result foreign = printed(new FunctionStatus.Request(STACK, null, null, build, false));
    assertThat(foreign.code()).isEqualTo(FunctionStatus.CodeOrigin.TEMPLATE_INLINE);
    assertThat(local.events.text()).contains("Code           the template's inline code (python3.13, index.handler;");

    // The embedded cloud's stub has an exact CodeSha256, so there this code is something else.
    local.events.clear();
    FunctionStatus.Result embedded = printed(new FunctionStatus.Request(STACK, null, null, build, true));
    assertThat(embedded.code()).isEqualTo(FunctionStatus.CodeOrigin.OTHER);

    // A handler other than the template's is not the stub, whatever the endpoint.
    local.clients.lambda().updateFunctionConfiguration(b -> b.functionName(STACK).handler("index.other"));
    new LambdaWaits(local.clients).untilSettled(STACK);
    assertThat(status(build).code()).isEqualTo(FunctionStatus.CodeOrigin.OTHER);
  }

  @Test
  void statusAfterDeployIsThisBuildWithThePreparedRuntimeAsExpectedDrift() {
    DeploymentZip.Result build = deployed();
    FunctionStatus.Result r = status(build);
    assertThat(r.code()).isEqualTo(FunctionStatus.CodeOrigin.THIS_BUILD);
    assertThat(r.drift().drift()).isEmpty();
    assertThat(r.drift().expected()).extracting(ConfigurationDrift.Finding::property).containsExactly("Runtime", "Handler");
    assertThat(local.events.text())
        .contains("Code           this build (CodeSha256 " + build.codeSha256())
        .contains("Drift: none beyond what prepare changes on purpose:")
        .contains("Runtime: template python3.13, live java21 (expected: the prepare goal switched the python3.13 stub to Java)")
        .contains("Handler: template index.handler, live " + HANDLER);

    assertThat(status(WorkflowTestSupport.fixturePackage(dir, "two")).code()).isEqualTo(FunctionStatus.CodeOrigin.OTHER);
    assertThat(local.events.text()).contains("Code           something else: live CodeSha256 " + build.codeSha256());
    assertThat(status(null).code()).isEqualTo(FunctionStatus.CodeOrigin.UNKNOWN);
    assertThat(local.events.text()).contains("unknown: no build output");
  }

  @Test
  void statusReportsDriftVersionsAndAliasesAndNeverEnvironmentValues() {
    DeploymentZip.Result build = deployed();
    new FunctionPreparation(local.clients, local.events).prepare(new FunctionPreparation.Request(STACK, "java21",
        JavaHandler.parse(HANDLER, "h"), 1024, 30, Map.of("API_KEY", "hunter2-secret"), null, null));
    new CodePush(local.clients, local.events).push(new CodePush.Request(STACK, build, true, "live"));

    FunctionStatus.Result r = status(build);
    assertThat(r.drift().drift()).extracting(ConfigurationDrift.Finding::property)
        .containsExactly("MemorySize", "Environment");
    assertThat(r.versions()).singleElement().asString().startsWith("1 (" + build.codeSha256());
    assertThat(r.aliases()).containsExactly(Map.entry("live", "1"));
    assertThat(local.events.text())
        .contains("Drift between the template and the live function:")
        .contains("WARN   MemorySize: template 512, live 1024")
        .contains("WARN   Environment: template [], live [API_KEY] (only live [API_KEY]; values not shown)")
        .contains("Environment    API_KEY (values not shown)")
        .contains("Versions: 1 (" + build.codeSha256() + ")").contains("Aliases: live -> 1")
        .doesNotContain("hunter2");
  }

  // invoke

  @Test
  void invokePrintsThePrettyResponseTheLogTailAndTheReportFigures() {
    deployed();
    AdHocInvocation.Result r = new AdHocInvocation(local.clients, local.events).invoke(new AdHocInvocation.Request(
        STACK, AdHocInvocation.payload("{\"name\":\"Ada\"}", null), null));
    assertThat(r.functionError()).isNull();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.executedVersion()).isEqualTo("$LATEST");
    assertThat(r.report()).isNotNull();
    assertThat(local.events.lines).contains("INFO {", "INFO   \"greeting\" : \"Hello, Ada\",", "INFO   \"length\" : 3",
        "INFO }");
    assertThat(local.events.text())
        .contains("Invoking function ops-app on " + local.cloud.endpoint() + " with 14 bytes (lambda-sdlc.payload)")
        .contains("Response (status 200, version $LATEST):")
        .contains("Log tail (the last 4 KB Lambda returns):")
        .contains("  START RequestId:").contains("  REPORT RequestId:")
        .containsPattern("Duration [0-9.]+ ms, billed [0-9]+ ms, memory [0-9]+ of 512 MB used");
  }

  @Test
  void aFunctionErrorFailsWithItsTypeAndMessageAfterPrintingEverything() {
    deployed();
    assertThatThrownBy(() -> new AdHocInvocation(local.clients, local.events).invoke(new AdHocInvocation.Request(
        STACK, AdHocInvocation.payload("{\"name\":\"fail\"}", null), null)))
        .isInstanceOf(WorkflowException.class)
        .matches(e -> ((WorkflowException) e).isUserFault())
        .hasMessage("Function ops-app failed (Unhandled): java.lang.IllegalStateException: asked to fail");
    assertThat(local.events.text()).contains("Error response (Unhandled) (status 200")
        .contains("\"errorType\" : \"java.lang.IllegalStateException\"").contains("greeting fail");
  }

  @Test
  void invokeOfAQualifierThatDoesNotExistIsTheUsersToFix() {
    deployed();
    assertThatThrownBy(() -> new AdHocInvocation(local.clients, local.events).invoke(new AdHocInvocation.Request(
        STACK, AdHocInvocation.payload(null, null), "nope")))
        .isInstanceOf(WorkflowException.class).matches(e -> ((WorkflowException) e).isUserFault())
        .hasMessageContaining("Lambda refused the invocation of function ops-app:nope: ResourceNotFoundException");
  }

  @Test
  void payloadMustBeJsonAndComeFromOnePlace() throws Exception {
    assertThat(AdHocInvocation.payload(null, null)).isEqualTo(new AdHocInvocation.Payload("{}", "no payload given"));
    Path file = java.nio.file.Files.writeString(dir.resolve("event.json"), "{\"name\": \"Bo\"}");
    assertThat(AdHocInvocation.payload("", file).text()).isEqualTo("{\"name\": \"Bo\"}");
    assertThatThrownBy(() -> AdHocInvocation.payload("{\"a\":1}", file)).hasMessageContaining("Give one");
    assertThatThrownBy(() -> AdHocInvocation.payload("{name: Bo}", null))
        .hasMessageContaining("The payload (lambda-sdlc.payload) is not valid JSON");
    assertThatThrownBy(() -> AdHocInvocation.payload(null, dir.resolve("missing.json")))
        .hasMessageContaining("Cannot read the payload file");
  }

  // logs

  @Test
  void logsPrintWhatTheFunctionLoggedFilteredAndFollowedWithoutRepeats() throws Exception {
    deployed();
    LogTail tail = new LogTail(local.clients, local.events);
    LogTail.Result before = tail.print(new LogTail.Request(STACK, Instant.now().minusSeconds(600), null));
    assertThat(before.logGroup()).isEqualTo("/aws/lambda/ops-app");
    assertThat(local.events.text()).contains("No log events: log group /aws/lambda/ops-app does not exist yet");

    invoke("Ada");
    LogTail.Result all = untilLogged(tail, "stdout line for Ada");
    assertThat(all.events()).isGreaterThanOrEqualTo(4); // START, two lines of ours, END, REPORT
    assertThat(local.events.text())
        .containsPattern("INFO \\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z \\[\\$LATEST][0-9a-f]{8} greeting Ada")
        .containsPattern("\\[\\$LATEST][0-9a-f]{8} START RequestId: ")
        .contains("stdout line for Ada");

    local.events.clear();
    LogTail.Result filtered = tail.print(new LogTail.Request(STACK, Instant.now().minusSeconds(600), "stdout"));
    assertThat(filtered.events()).isEqualTo(1);
    assertThat(local.events.text()).contains("stdout line for Ada").doesNotContain("greeting Ada");

    local.events.clear();
    AtomicInteger polls = new AtomicInteger();
    // Polls until both lines were seen (the local cloud, like CloudWatch Logs, may show a line a moment late).
    LogTail.Result followed = tail.follow(new LogTail.Request(STACK, Instant.now().minusSeconds(600), "greeting"),
        Duration.ofMillis(50), () -> {
          if (polls.incrementAndGet() == 1) {
            invoke("Bo");
          }
          return polls.get() < 200 && local.events.lines.stream().noneMatch(l -> l.endsWith(" greeting Bo"));
        });
    assertThat(followed.events()).isEqualTo(2);
    assertThat(local.events.lines.stream().filter(l -> l.endsWith(" greeting Ada"))).hasSize(1);
    assertThat(local.events.lines.stream().filter(l -> l.endsWith(" greeting Bo"))).hasSize(1);
    assertThat(local.events.text()).contains("press Ctrl-C to stop");
  }

  @Test
  void logsOfAFunctionThatDoesNotExistAreTheUsersToFix() {
    assertThatThrownBy(() -> new LogTail(local.clients, local.events).print(
        new LogTail.Request("no-such-fn", Instant.now(), null)))
        .isInstanceOf(WorkflowException.class).hasMessageContaining("Function no-such-fn does not exist on");
  }

  /** Prints the last ten minutes' events until a line shows up, as CloudWatch Logs users wait for ingestion. */
  private LogTail.Result untilLogged(LogTail tail, String text) throws InterruptedException {
    for (int attempt = 0; ; attempt++) {
      local.events.clear();
      LogTail.Result r = tail.print(new LogTail.Request(STACK, Instant.now().minusSeconds(600), null));
      if (local.events.text().contains(text) || attempt == 100) {
        return r;
      }
      Thread.sleep(50);
    }
  }

  private void invoke(String name) {
    new AdHocInvocation(local.clients, event -> { }).invoke(new AdHocInvocation.Request(STACK,
        AdHocInvocation.payload("{\"name\":\"" + name + "\"}", null), null));
  }

  // events

  private StackHistory.Result events(int count) {
    local.events.clear();
    return new StackHistory(local.clients, local.events).print(new StackHistory.Request(STACK, count));
  }

  @Test
  void eventsShowTheNewestOldestFirstInAlignedColumnsAndTheDeletedStacksHistory() {
    assertThat(events(5).stackId()).isNull();
    assertThat(local.events.text()).contains("Stack ops-app: does not exist on " + local.cloud.endpoint()
        + ", and no deleted stack of that name is listed.");

    init();
    StackHistory.Result all = events(100);
    assertThat(all.more()).isFalse();
    assertThat(all.events().get(0).resourceStatusReason()).isEqualTo("User Initiated");
    assertThat(all.events().get(all.events().size() - 1).logicalResourceId()).isEqualTo(STACK);
    assertThat(all.events().get(all.events().size() - 1).resourceStatusAsString()).isEqualTo("CREATE_COMPLETE");
    assertThat(local.events.text()).startsWith("INFO Stack ops-app on " + local.cloud.endpoint()
        + " (CREATE_COMPLETE): all its " + all.events().size() + " events, oldest first:");
    // The columns line up: each resource type starts where the first line's does.
    List<String> lines = local.events.lines.subList(1, local.events.lines.size());
    int typeColumn = lines.get(0).indexOf("AWS::CloudFormation::Stack");
    assertThat(lines).hasSize(all.events().size())
        .allMatch(l -> l.substring(typeColumn).startsWith("AWS::"), "the type column starts at " + typeColumn);
    assertThat(lines.get(lines.size() - 1)).matches("INFO   \\S+Z +CREATE_COMPLETE +AWS::CloudFormation::Stack +ops-app");

    StackHistory.Result newest = events(3);
    assertThat(newest.more()).isTrue();
    assertThat(newest.events()).containsExactlyElementsOf(all.events().subList(all.events().size() - 3, all.events().size()));
    assertThat(local.events.text()).contains(": its 3 newest events, oldest first (-Dlambda-sdlc.events=N shows more):");

    new StackTeardown(local.clients, local.events).destroy(new StackTeardown.Request(STACK, null));
    StackHistory.Result deleted = events(1);
    assertThat(deleted.deleted()).isTrue();
    assertThat(deleted.stackId()).isEqualTo(all.stackId());
    assertThat(deleted.events()).singleElement().satisfies(e -> {
      assertThat(e.resourceStatusAsString()).isEqualTo("DELETE_COMPLETE");
      assertThat(e.logicalResourceId()).isEqualTo(STACK);
    });
    assertThat(local.events.text()).contains("Stack ops-app on " + local.cloud.endpoint() + " (deleted ")
        .contains(all.stackId() + "): its newest event (-Dlambda-sdlc.events=N shows more):");
  }

  @Test
  void eventsRefuseACountBelowOne() {
    assertThatThrownBy(() -> new StackHistory.Request(STACK, 0)).isInstanceOf(WorkflowException.class)
        .hasMessageContaining("lambda-sdlc.events is 0");
  }

  // destroy

  @Test
  void destroyDeletesTheStackPrintingItsEventsAndThenHasNothingToDo() {
    StackConvergence.Result stack = init();
    StackTeardown.Result r = new StackTeardown(local.clients, local.events).destroy(new StackTeardown.Request(STACK, null));
    assertThat(r.outcome()).isEqualTo(StackTeardown.Outcome.DELETED);
    assertThat(local.events.text()).contains("Deleting stack ops-app (CREATE_COMPLETE) on " + local.cloud.endpoint())
        .containsPattern("DELETE_COMPLETE +AWS::Lambda::Function +Function")
        .contains("Deleted stack ops-app from " + local.cloud.endpoint());
    assertThat(local.clients.cloudFormation().describeStacks(b -> b.stackName(stack.stackId())).stacks().get(0)
        .stackStatus()).isEqualTo(StackStatus.DELETE_COMPLETE);
    assertThatThrownBy(() -> local.clients.lambda().getFunctionConfiguration(b -> b.functionName(STACK)))
        .hasMessageContaining("Function not found");

    local.events.clear();
    assertThat(new StackTeardown(local.clients, local.events).destroy(new StackTeardown.Request(STACK, null)).outcome())
        .isEqualTo(StackTeardown.Outcome.NOTHING_TO_DELETE);
    assertThat(local.events.text()).contains("Stack ops-app does not exist on " + local.cloud.endpoint()
        + ": nothing to destroy.");
  }

  @Test
  void destroyLeavesAProtectedStackAloneAndSaysHowToLiftTheProtection() {
    init();
    local.clients.cloudFormation().updateTerminationProtection(b -> b.stackName(STACK).enableTerminationProtection(true));
    assertThatThrownBy(() -> new StackTeardown(local.clients, local.events).destroy(new StackTeardown.Request(STACK, null)))
        .isInstanceOf(WorkflowException.class).matches(e -> ((WorkflowException) e).isUserFault())
        .hasMessageContaining("Stack ops-app has termination protection enabled, so it was not deleted")
        .hasMessageContaining("aws cloudformation update-termination-protection --no-enable-termination-protection"
            + " --stack-name ops-app --endpoint-url " + local.cloud.endpoint());
    assertThat(local.clients.cloudFormation().describeStacks(b -> b.stackName(STACK)).stacks().get(0).stackStatus())
        .isEqualTo(StackStatus.CREATE_COMPLETE);
  }

  @Test
  void onAwsDestroyNeedsTheStacksNameAsConfirmationBeforeAnyCall() {
    // No endpoint is reachable through these clients' credentials: the refusal must come before any call.
    try (AwsClients aws = AwsClients.connect(Target.aws("eu-west-1", null))) {
      assertThatThrownBy(() -> new StackTeardown(aws, local.events).destroy(new StackTeardown.Request(STACK, null)))
          .isInstanceOf(WorkflowException.class).matches(e -> ((WorkflowException) e).isUserFault())
          .hasMessageStartingWith("destroy deletes stack ops-app on AWS (region eu-west-1): deleting the stack deletes"
              + " every resource it holds.") // what it holds cannot be read here
          .hasMessageEndingWith("-Dlambda-sdlc.confirm=ops-app");
      assertThatThrownBy(() -> new StackTeardown(aws, local.events).destroy(new StackTeardown.Request(STACK, "other")))
          .hasMessageStartingWith("lambda-sdlc.confirm is 'other', not the stack's name");
    }
  }

  @Test
  void theConfirmationNamesWhatTheStackReallyHolds() {
    init();
    StackTeardown teardown = new StackTeardown(local.clients, local.events);
    assertThat(teardown.holdings(STACK)).matches("its 3 resources: FunctionLogGroup \\(AWS::Logs::LogGroup"
        + " /aws/lambda/ops-app, with its logs\\), FunctionRole \\(AWS::IAM::Role ops-app-FunctionRole-\\w+\\),"
        + " Function \\(AWS::Lambda::Function ops-app\\)");
  }
}
