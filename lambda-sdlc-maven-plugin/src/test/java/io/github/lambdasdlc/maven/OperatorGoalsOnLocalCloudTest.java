package io.github.lambdasdlc.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdasdlc.workflow.StackTemplate;
import io.github.lambdasdlc.workflow.fixtures.LoggingHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator goals as Maven runs them on the embedded local cloud ({@code endpoint=local}), after init,
 * prepare and deploy of a project whose only handler logs what it does.
 */
@MojoTest
class OperatorGoalsOnLocalCloudTest {
  @TempDir
  Path dir;
  /** The project the goals share, to read the properties they set on it. */
  private MavenProject project;

  @Provides
  MavenProject project() {
    project = HarnessProjects.compiledProject("ops-demo", dir, LoggingHandler.class);
    return project;
  }

  @Provides
  MavenSession session() {
    return HarnessProjects.localCloudSession(dir.resolve("cloud"));
  }

  @AfterEach
  void stopCloud() {
    LocalClouds.stop(dir.resolve("cloud"));
  }

  private static void run(CapturingLog log, AbstractLambdaSdlcMojo... mojos) throws Exception {
    for (AbstractLambdaSdlcMojo mojo : mojos) {
      mojo.setLog(log);
      mojo.execute();
    }
  }

  @Test
  void statusInvokeLogsAndDestroyAfterTheSdlcGoals(@InjectMojo(goal = "init") InitMojo init,
      @InjectMojo(goal = "prepare") PrepareMojo prepare, @InjectMojo(goal = "deploy") DeployMojo deploy,
      @InjectMojo(goal = "status") StatusMojo status,
      @InjectMojo(goal = "invoke") @MojoParameter(name = "payload", value = "{\"name\": \"Ada\"}") InvokeMojo invoke,
      @InjectMojo(goal = "invoke") @MojoParameter(name = "payload", value = "{\"name\": \"fail\"}") InvokeMojo failing,
      @InjectMojo(goal = "logs") LogsMojo logs,
      @InjectMojo(goal = "logs") @MojoParameter(name = "filter", value = "stdout") LogsMojo filtered,
      @InjectMojo(goal = "events") @MojoParameter(name = "events", value = "2") EventsMojo events,
      @InjectMojo(goal = "destroy") DestroyMojo destroy) throws Exception {
    CapturingLog log = new CapturingLog();
    run(log, init, status);
    assertThat(log.text()).contains("Code           the template's inline code, the python3.13 stub")
        .contains("  Parameter      LogRetentionInDays = 14")
        .contains("  Output         FunctionArn = arn:aws:lambda:us-east-1:000000000000:function:ops-demo (export ops-demo-FunctionArn)")
        .contains("Drift: none; the live configuration matches the template.");

    log.lines.clear();
    run(log, prepare, deploy, status);
    assertThat(log.text()).contains("Runtime        java21")
        .contains("Code           this build (CodeSha256 ")
        .contains("Runtime: template python3.13, live java21 (expected: the prepare goal switched");

    log.lines.clear();
    run(log, invoke);
    assertThat(log.lines).contains("INFO   \"greeting\" : \"Hello, Ada\",").anyMatch(l -> l.startsWith("INFO   START RequestId: "))
        .anyMatch(l -> l.matches("INFO Duration [0-9.]+ ms, billed [0-9]+ ms, .*"));

    log.lines.clear();
    failing.setLog(log);
    assertThatThrownBy(failing::execute).isInstanceOf(MojoFailureException.class)
        .hasMessage("Function ops-demo failed (Unhandled): java.lang.IllegalStateException: asked to fail");

    log.lines.clear();
    run(log, logs);
    assertThat(log.text()).contains("Log events of function ops-demo since ")
        .containsPattern("\\[\\$LATEST][0-9a-f]{8} greeting Ada").contains("stdout line for Ada");
    log.lines.clear();
    run(log, filtered);
    assertThat(log.text()).contains("stdout line for Ada").doesNotContain("greeting Ada");

    log.lines.clear();
    run(log, events);
    List<String> history = log.lines.subList(log.lines.size() - 3, log.lines.size());
    assertThat(history.get(0)).startsWith("INFO Stack ops-demo on http://127.0.0.1:")
        .endsWith(" (CREATE_COMPLETE): its 2 newest events, oldest first (-Dlambda-sdlc.events=N shows more):");
    assertThat(history.get(1)).matches("INFO   \\S+Z  CREATE_COMPLETE  AWS::Lambda::Function       Function");
    assertThat(history.get(2)).matches("INFO   \\S+Z  CREATE_COMPLETE  AWS::CloudFormation::Stack  ops-demo");

    log.lines.clear();
    run(log, destroy);
    assertThat(log.text()).contains("Deleting stack ops-demo (").contains("Deleted stack ops-demo from ");
    assertThat(project.getProperties()).doesNotContainKey("lambda-sdlc.functionName");
    log.lines.clear();
    run(log, destroy, status);
    assertThat(log.text()).contains(": nothing to destroy.").contains("Stack ops-demo: does not exist on ");
  }

  @Test
  void wipeRemovesWhatTheLocalCloudKeepsOfTheDestroyedStackOnceAndRefusesALiveOne(
      @InjectMojo(goal = "init") InitMojo init, @InjectMojo(goal = "invoke") @MojoParameter(name = "payload", value = "{}")
      InvokeMojo invoke, @InjectMojo(goal = "destroy") DestroyMojo destroy, @InjectMojo(goal = "wipe") WipeMojo wipe,
      @InjectMojo(goal = "wipe") @MojoParameter(name = "wipeAll", value = "true") WipeMojo wipeAll) throws Exception {
    CapturingLog log = new CapturingLog();
    run(log, init, invoke);
    wipe.setLog(log);
    assertThatThrownBy(wipe::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("Stack ops-demo still exists on the local cloud in " + dir.resolve("cloud") + " (CREATE_COMPLETE).");

    // The build's own cloud holds the directory: wipe stops it, and the next goal starts it again.
    run(log, destroy);
    log.lines.clear();
    wipe.execute();
    assertThat(log.lines).containsExactly(
        // The template's log group, which the local cloud keeps after the stack is deleted.
        "INFO   Removed log group /aws/lambda/ops-demo (" + sizeOf(log, "log group") + ")",
        "INFO   Removed the record of deleted stack ops-demo (" + sizeOf(log, "the record") + ")",
        "INFO   Removed 1 package of code no function uses (" + sizeOf(log, "1 package") + ")",
        "INFO Removed what the local cloud keeps of stack ops-demo from " + dir.resolve("cloud") + ": "
            + sizeOf(log, "from") + " freed.");
    log.lines.clear();
    wipe.execute();
    assertThat(log.lines).containsExactly("INFO Nothing to remove of what the local cloud keeps of stack ops-demo in "
        + dir.resolve("cloud") + ".");

    log.lines.clear();
    wipeAll.setLog(log);
    wipeAll.execute();
    assertThat(log.text()).contains("Removed runtime caches (").contains("Removed the local cloud's state from ");
    assertThat(dir.resolve("cloud")).doesNotExist();
    log.lines.clear();
    wipeAll.execute();
    assertThat(log.lines).containsExactly("INFO Nothing to remove of the local cloud's state in " + dir.resolve("cloud") + ".");
  }

  /** The size a line of the log gives after {@code marker}: 812 B, 14.2 KB, 29.1 MB. */
  private static String sizeOf(CapturingLog log, String marker) {
    for (String line : log.lines) {
      int at = line.indexOf(marker);
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("[0-9.]+ (B|KB|MB|GB)").matcher(line);
      if (at >= 0 && m.find(at)) {
        return m.group();
      }
    }
    return "(no size after " + marker + ")";
  }

  @Test
  void templateWritesTheBuiltInTemplateIntoTheProjectWithoutAnEndpoint(
      @InjectMojo(goal = "template") @MojoParameter(name = "endpoint", value = GoalWiringTest.REFUSED) TemplateMojo template)
      throws Exception {
    CapturingLog log = new CapturingLog();
    run(log, template);
    Path file = dir.resolve("project/src/main/cloudformation/template.yaml");
    assertThat(Files.readString(file)).isEqualTo(StackTemplate.builtIn().body());
    assertThat(log.text()).contains("Wrote src/main/cloudformation/template.yaml with the built-in template");
    log.lines.clear();
    run(log, template);
    assertThat(log.text()).contains("already up to date");
    Files.writeString(file, "# edited\n");
    assertThatThrownBy(template::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("already exists with other content");
    assertThat(Files.readString(file)).isEqualTo("# edited\n");
  }
}
