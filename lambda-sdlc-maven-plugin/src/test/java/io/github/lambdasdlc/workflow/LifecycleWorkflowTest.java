package io.github.lambdasdlc.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole SDLC on the local cloud, each step twice: init, prepare, deploy, then the event cases, which
 * invoke the Java function for real.
 */
class LifecycleWorkflowTest {
  @TempDir
  Path dir;
  WorkflowTestSupport local;
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void start() {
    local = new WorkflowTestSupport(dir);
  }

  @AfterEach
  void stop() {
    local.close();
  }

  private Path events() throws Exception {
    Path events = Files.createDirectories(dir.resolve("src/test/lambda-events"));
    Files.writeString(events.resolve("greets-ada.json"),
        "{\"event\": {\"name\": \"Ada\"}, \"expect\": {\"response\": \"Hello, Ada\"}}");
    Files.writeString(events.resolve("rejects-blank-name.json"),
        "{\"event\": {\"name\": \" \"}, \"expect\": {\"error\": {\"type\": \"java.lang.IllegalArgumentException\","
            + " \"message\": \"must not be blank\"}}}");
    return events;
  }

  @Test
  void initPrepareDeployAndTestEachTwice() throws Exception {
    StackConvergence.Request init = new StackConvergence.Request("my-app", StackTemplate.builtIn(), Map.of(), Map.of(),
        false, null);
    StackConvergence.Result stack = new StackConvergence(local.clients, local.events).converge(init);
    assertThat(stack.outcome()).isEqualTo(StackConvergence.Outcome.CREATED);
    assertThat(new StackConvergence(local.clients, local.events).converge(init).outcome())
        .isEqualTo(StackConvergence.Outcome.UP_TO_DATE);

    FunctionPreparation.Request prepare = new FunctionPreparation.Request(stack.functionName(), "java21",
        JavaHandler.parse(WorkflowTestSupport.GREETING, "lambda-sdlc.handler"), 512, 30, Map.of("STAGE", "test"), null,
        null);
    assertThat(new FunctionPreparation(local.clients, local.events).prepare(prepare).changed()).isTrue();
    assertThat(new FunctionPreparation(local.clients, local.events).prepare(prepare).changed()).isFalse();

    DeploymentZip.Result zip = WorkflowTestSupport.fixturePackage(dir, "one");
    CodePush.Request push = new CodePush.Request(stack.functionName(), zip, false, null);
    assertThat(new CodePush(local.clients, local.events).push(push).upToDate()).isFalse();
    assertThat(new CodePush(local.clients, local.events).push(push).upToDate()).isTrue();

    List<EventCase> cases = EventCaseSuite.load(events(), json, local.events);
    EventCaseSuite suite = new EventCaseSuite(local.clients, local.events, json);
    EventCaseSuite.Request test = new EventCaseSuite.Request(stack.functionName(), zip, true, cases,
        dir.resolve("target/lambda-sdlc-reports"), "lambda-sdlc.my-app");
    for (int run = 0; run < 2; run++) {
      local.events.clear();
      EventCaseSuite.Result result = suite.run(test);
      assertThat(result.summary()).isEqualTo("Tests run: 2, Failures: 0, Errors: 0, Skipped: 0");
      assertThat(local.events.text()).contains("runs this build's code").doesNotContain("Uploading")
          .contains("PASS greets-ada (").contains("PASS rejects-blank-name (");
      assertThat(result.report()).exists();
      assertThat(Files.readString(result.report())).contains("tests=\"2\" failures=\"0\"");
    }
  }

  @Test
  void aFailingCaseFailsWithTheFunctionsOwnMessageAndOtherCodeIsPushedFirst() throws Exception {
    StackConvergence.Result stack = new StackConvergence(local.clients, local.events).converge(
        new StackConvergence.Request("my-app", StackTemplate.builtIn(), Map.of(), Map.of(), false, null));
    new FunctionPreparation(local.clients, local.events).prepare(new FunctionPreparation.Request(stack.functionName(),
        "java21", JavaHandler.parse(WorkflowTestSupport.GREETING, "h"), null, null, null, null, null));
    new CodePush(local.clients, local.events).push(new CodePush.Request(stack.functionName(),
        WorkflowTestSupport.fixturePackage(dir, "one"), false, null));

    Path events = events();
    Files.writeString(events.resolve("greets-nobody.json"), "{\"event\": {\"name\": \"\"}, \"expect\": {\"response\": \"Hello\"}}");
    DeploymentZip.Result other = WorkflowTestSupport.fixturePackage(dir, "two");
    local.events.clear();
    EventCaseSuite.Result result = new EventCaseSuite(local.clients, local.events, json).run(new EventCaseSuite.Request(
        stack.functionName(), other, true, EventCaseSuite.load(events, json, local.events),
        dir.resolve("reports"), "lambda-sdlc.my-app"));
    assertThat(local.events.text()).contains("does not run this build's code yet; pushing it").contains("Deployed ");
    assertThat(local.clients.lambda().getFunctionConfiguration(b -> b.functionName(stack.functionName())).codeSha256())
        .isEqualTo(other.codeSha256());
    assertThat(result.summary()).isEqualTo("Tests run: 3, Failures: 1, Errors: 0, Skipped: 0");
    EventCaseRun.CaseResult failed = result.results().stream().filter(r -> !r.passed()).findFirst().orElseThrow();
    assertThat(failed.eventCase().name()).isEqualTo("greets-nobody");
    assertThat(failed.failure()).contains("the function failed (Unhandled)")
        .contains("java.lang.IllegalArgumentException: name must not be blank");
    assertThat(local.events.text()).contains("WARN FAIL greets-nobody");
    assertThat(Files.readString(result.report())).contains("failures=\"1\"").contains("name must not be blank");
  }
}
