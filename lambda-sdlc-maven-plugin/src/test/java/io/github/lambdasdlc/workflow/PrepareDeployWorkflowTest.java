package io.github.lambdasdlc.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prepare and deploy workflows against the local cloud's Lambda, on a function made as init makes it. */
class PrepareDeployWorkflowTest {
  @TempDir
  Path dir;
  WorkflowTestSupport local;

  @BeforeEach
  void start() {
    local = new WorkflowTestSupport(dir);
    local.createPythonFunction("app-fn");
  }

  @AfterEach
  void stop() {
    local.close();
  }

  private FunctionPreparation.Result prepare(String handler, Map<String, String> environment) {
    return new FunctionPreparation(local.clients, local.events).prepare(new FunctionPreparation.Request("app-fn",
        "java21", JavaHandler.parse(handler, "lambda-sdlc.handler"), 512, 20, environment, null, null));
  }

  private CodePush.Result push(DeploymentZip.Result zip) {
    return new CodePush(local.clients, local.events).push(new CodePush.Request("app-fn", zip, false, null));
  }

  @Test
  void prepareSwitchesToJavaOnceAndTheSecondRunChangesNothing() {
    FunctionPreparation.Result first = prepare(WorkflowTestSupport.GREETING, Map.of("STAGE", "test", "TOKEN", "s3cr3t"));
    assertThat(first.changed()).isTrue();
    assertThat(first.changes()).anyMatch(c -> c.startsWith("runtime python3.12 -> java21"))
        .anyMatch(c -> c.startsWith("handler index.handler -> " + WorkflowTestSupport.GREETING + "::handleRequest"));
    var config = local.clients.lambda().getFunctionConfiguration(b -> b.functionName("app-fn"));
    assertThat(config.runtimeAsString()).isEqualTo("java21");
    assertThat(config.memorySize()).isEqualTo(512);
    assertThat(config.timeout()).isEqualTo(20);
    assertThat(config.environment().variables()).containsEntry("TOKEN", "s3cr3t");
    // Environment values may be secrets: only names are reported.
    assertThat(local.events.text()).contains("STAGE, TOKEN").doesNotContain("s3cr3t");

    local.events.clear();
    FunctionPreparation.Result second = prepare(WorkflowTestSupport.GREETING, Map.of("STAGE", "test", "TOKEN", "s3cr3t"));
    assertThat(second.changed()).isFalse();
    assertThat(local.events.text()).contains("is already prepared").contains("nothing to change");
    assertThat(local.clients.lambda().getFunctionConfiguration(b -> b.functionName("app-fn")).revisionId())
        .isEqualTo(config.revisionId());
  }

  @Test
  void deployUploadsOnceAndTheSecondRunChangesNothing() {
    prepare(WorkflowTestSupport.GREETING, null);
    DeploymentZip.Result zip = WorkflowTestSupport.fixturePackage(dir, "one");
    CodePush.Result first = push(zip);
    assertThat(first.upToDate()).isFalse();
    assertThat(first.bytesSent()).isEqualTo(zip.size());
    var config = local.clients.lambda().getFunctionConfiguration(b -> b.functionName("app-fn"));
    assertThat(config.codeSha256()).isEqualTo(zip.codeSha256());
    assertThat(local.events.text()).contains("Deployed ").contains("CodeSha256 " + zip.codeSha256());

    local.events.clear();
    CodePush.Result second = push(WorkflowTestSupport.fixturePackage(dir, "one"));
    assertThat(second.upToDate()).isTrue();
    assertThat(second.bytesSent()).isZero();
    assertThat(local.events.text()).contains("is up to date").contains("nothing uploaded");
    assertThat(local.clients.lambda().getFunctionConfiguration(b -> b.functionName("app-fn")).revisionId())
        .isEqualTo(config.revisionId());
  }

  @Test
  void deployToAFunctionStillOnPythonSaysRunPrepare() {
    String before = local.clients.lambda().getFunctionConfiguration(b -> b.functionName("app-fn")).codeSha256();
    assertThatThrownBy(() -> push(WorkflowTestSupport.fixturePackage(dir, "one")))
        .isInstanceOf(WorkflowException.class)
        .matches(e -> ((WorkflowException) e).isUserFault())
        .hasMessageContaining("runs python3.12, not Java")
        .hasMessageContaining("Run the prepare goal first");
    assertThat(local.clients.lambda().getFunctionConfiguration(b -> b.functionName("app-fn")).codeSha256())
        .isEqualTo(before);
  }

  @Test
  void aWrongHandlerIsCaughtBeforeUpload() {
    prepare("io.github.lambdasdlc.workflow.fixtures.NoSuchHandler::handleRequest", null);
    String before = local.clients.lambda().getFunctionConfiguration(b -> b.functionName("app-fn")).codeSha256();
    assertThatThrownBy(() -> push(WorkflowTestSupport.fixturePackage(dir, "one")))
        .isInstanceOf(WorkflowException.class)
        .hasMessageContaining("The handler class io.github.lambdasdlc.workflow.fixtures.NoSuchHandler")
        .hasMessageContaining("is not in the deployment package")
        .hasMessageContaining(WorkflowTestSupport.GREETING);
    assertThat(local.events.text()).doesNotContain("Uploading");
    assertThat(local.clients.lambda().getFunctionConfiguration(b -> b.functionName("app-fn")).codeSha256())
        .isEqualTo(before);
  }

  @Test
  void publishesAVersionAndPointsAnAliasOnlyWhenItMoves() {
    prepare(WorkflowTestSupport.GREETING, null);
    CodePush.Result first = new CodePush(local.clients, local.events).push(new CodePush.Request("app-fn",
        WorkflowTestSupport.fixturePackage(dir, "one"), true, "live"));
    assertThat(first.version()).isEqualTo("1");
    assertThat(local.clients.lambda().getAlias(b -> b.functionName("app-fn").name("live")).functionVersion())
        .isEqualTo("1");
    local.events.clear();
    CodePush.Result again = new CodePush(local.clients, local.events).push(new CodePush.Request("app-fn",
        WorkflowTestSupport.fixturePackage(dir, "one"), true, "live"));
    // Lambda returns the latest version when nothing changed since it was published.
    assertThat(again.version()).isEqualTo("1");
    assertThat(local.events.text()).contains("Alias live already points to version 1");
  }
}
