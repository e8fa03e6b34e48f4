package io.github.lambdasdlc.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lambdasdlc.local.LocalCloud;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import io.github.lambdasdlc.workflow.fixtures.GreetingHandler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code mvn lambda-sdlc:deploy} alone costs when the code is unchanged: the calls the local cloud
 * answers, counted by its request listener. One to find the function in the stack, one to read its
 * CodeSha256; nothing uploaded.
 */
@MojoTest
class DeployCallsTest {
  @TempDir
  static Path cloudDir;
  private static LocalCloud cloud;
  private static final List<String> served = new ArrayList<>();

  @TempDir
  Path dir;
  private MavenProject project;

  @BeforeAll
  static void startCloud() {
    cloud = LocalCloud.start(LocalCloudConfig.builder(cloudDir).port(0)
        .requestListener(s -> {
          synchronized (served) {
            served.add(s.service() + " " + s.operation());
          }
        }).build());
  }

  @AfterAll
  static void stopCloud() {
    cloud.close();
  }

  @Provides
  MavenProject project() {
    project = HarnessProjects.compiledProject("quote-pricer", dir, GreetingHandler.class);
    return project;
  }

  @Provides
  MavenSession session() {
    Properties user = new Properties();
    user.setProperty("lambda-sdlc.endpoint", cloud.endpoint().toString());
    return HarnessProjects.session(user);
  }

  private static List<String> served() {
    synchronized (served) {
      return List.copyOf(served);
    }
  }

  @Test
  void deployAloneWithUnchangedCodeMakesTwoCallsAndUploadsNothing(@InjectMojo(goal = "init") InitMojo init,
      @InjectMojo(goal = "prepare") PrepareMojo prepare, @InjectMojo(goal = "deploy") DeployMojo deploy)
      throws Exception {
    CapturingLog log = new CapturingLog();
    for (AbstractLambdaSdlcMojo mojo : new AbstractLambdaSdlcMojo[] {init, prepare, deploy}) {
      mojo.setLog(log);
      mojo.execute();
    }
    assertThat(log.text()).contains("Deployed ");

    // A new build that runs only deploy: init has not told it the function.
    project.getProperties().remove(AbstractLambdaSdlcMojo.FUNCTION_NAME_PROPERTY);
    project.getProperties().remove(AbstractLambdaSdlcMojo.FUNCTION_ARN_PROPERTY);
    log.lines.clear();
    synchronized (served) {
      served.clear();
    }
    deploy.execute();

    assertThat(served()).containsExactly("cloudformation DescribeStackResources", "lambda GetFunctionConfiguration");
    assertThat(log.text()).contains("is up to date (CodeSha256").contains("nothing uploaded")
        .doesNotContain("Uploading");
    // What init would have said, from the one call.
    assertThat(project.getProperties())
        .containsEntry(AbstractLambdaSdlcMojo.FUNCTION_NAME_PROPERTY, "quote-pricer")
        .containsEntry(AbstractLambdaSdlcMojo.FUNCTION_ARN_PROPERTY,
            "arn:aws:lambda:us-east-1:000000000000:function:quote-pricer");
  }
}
