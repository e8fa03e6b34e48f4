package io.github.lambdasdlc.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A function that someone else is updating (a stack update, another build): the workflow waits for that
 * update to finish instead of failing with Lambda's ResourceConflictException, then does its own.
 */
class UpdateConflictWorkflowTest {
  @TempDir
  Path dir;
  WorkflowTestSupport local;

  @BeforeEach
  void start() {
    // Long enough that the workflow surely starts while the other update is still InProgress.
    local = new WorkflowTestSupport(dir, Duration.ofMillis(800));
    local.createPythonFunction("app-fn");
  }

  @AfterEach
  void stop() {
    local.close();
  }

  private void someoneElseUpdatesTheFunction() {
    local.clients.lambda().updateFunctionConfiguration(b -> b.functionName("app-fn").description("someone else"));
    assertThat(local.clients.lambda().getFunctionConfiguration(b -> b.functionName("app-fn")).lastUpdateStatusAsString())
        .isEqualTo("InProgress");
  }

  @Test
  void prepareWaitsForAnUpdateInProgress() {
    someoneElseUpdatesTheFunction();
    // Lambda itself refuses a second update meanwhile: this is the conflict being avoided.
    assertThatThrownBy(() -> local.clients.lambda().updateFunctionConfiguration(b -> b.functionName("app-fn").timeout(9)))
        .isInstanceOf(software.amazon.awssdk.services.lambda.model.ResourceConflictException.class)
        .hasMessageContaining("An update is in progress")
        .satisfies(e -> assertThat(((software.amazon.awssdk.awscore.exception.AwsServiceException) e).statusCode())
            .isEqualTo(409));

    FunctionPreparation.Result result = new FunctionPreparation(local.clients, local.events).prepare(
        new FunctionPreparation.Request("app-fn", "java21", JavaHandler.parse(WorkflowTestSupport.GREETING, "h"),
            null, null, null, null, null));
    assertThat(result.changed()).isTrue();
    var config = local.clients.lambda().getFunctionConfiguration(b -> b.functionName("app-fn"));
    assertThat(config.runtimeAsString()).isEqualTo("java21");
    assertThat(config.description()).isEqualTo("someone else");
    assertThat(config.lastUpdateStatusAsString()).isEqualTo("Successful");
  }

  @Test
  void deployWaitsForAnUpdateInProgress() {
    new FunctionPreparation(local.clients, local.events).prepare(new FunctionPreparation.Request("app-fn", "java21",
        JavaHandler.parse(WorkflowTestSupport.GREETING, "h"), null, null, null, null, null));
    someoneElseUpdatesTheFunction();
    DeploymentZip.Result zip = WorkflowTestSupport.fixturePackage(dir, "one");
    CodePush.Result result = new CodePush(local.clients, local.events).push(new CodePush.Request("app-fn", zip, false, null));
    assertThat(result.upToDate()).isFalse();
    var config = local.clients.lambda().getFunctionConfiguration(b -> b.functionName("app-fn"));
    assertThat(config.codeSha256()).isEqualTo(zip.codeSha256());
    assertThat(config.description()).isEqualTo("someone else");
  }

  @Test
  void integrationTestRefusesToTestOtherCodeWhenItMayNotPush() {
    new FunctionPreparation(local.clients, local.events).prepare(new FunctionPreparation.Request("app-fn", "java21",
        JavaHandler.parse(WorkflowTestSupport.GREETING, "h"), null, null, null, null, null));
    DeploymentZip.Result zip = WorkflowTestSupport.fixturePackage(dir, "one");
    EventCase c = new EventCase("greets", dir.resolve("greets.json"), null, null,
        new ObjectMapper().createObjectNode().put("name", "Ada"), null, false, null, null);
    String before = local.clients.lambda().getFunctionConfiguration(b -> b.functionName("app-fn")).codeSha256();
    assertThatThrownBy(() -> new EventCaseSuite(local.clients, local.events, new ObjectMapper())
        .run(new EventCaseSuite.Request("app-fn", zip, false, List.of(c), dir.resolve("reports"), "s")))
        .isInstanceOf(WorkflowException.class)
        .hasMessageContaining("does not run this build's code")
        .hasMessageContaining("lambda-sdlc.pushBeforeTest is false");
    assertThat(local.clients.lambda().getFunctionConfiguration(b -> b.functionName("app-fn")).codeSha256())
        .isEqualTo(before);
  }

  @Test
  void integrationTestWithoutCasesSaysSoAndPasses() {
    WorkflowTestSupport.Recorder events = new WorkflowTestSupport.Recorder();
    List<EventCase> cases = EventCaseSuite.load(dir.resolve("none"), new ObjectMapper(), events);
    assertThat(cases).isEmpty();
    assertThat(events.text()).contains("No event cases in").contains("nothing to test");
    EventCaseSuite.Result result = new EventCaseSuite(local.clients, events, new ObjectMapper())
        .run(new EventCaseSuite.Request("app-fn", null, true, cases, dir.resolve("reports"), "s"));
    assertThat(result.summary()).isEqualTo("Tests run: 0, Failures: 0, Errors: 0, Skipped: 0");
    assertThat(result.report()).isNull();
  }
}
