package io.github.lambdasdlc.maven;

import io.github.lambdasdlc.maven.HarnessProjects.FailingEndpoint;
import io.github.lambdasdlc.maven.HarnessProjects.UserProperties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.github.lambdasdlc.workflow.WorkflowException;
import java.io.File;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The goals as Maven configures them: defaults, properties, skips and the mapping of workflow errors to
 * Maven's exceptions, through maven-plugin-testing-harness and the generated plugin descriptor.
 */
@MojoTest
class GoalWiringTest {
  private static HttpServer failing;

  @BeforeAll
  static void startFailingEndpoint() throws Exception {
    failing = HarnessProjects.startFailingEndpoint();
  }

  @AfterAll
  static void stopFailingEndpoint() {
    failing.stop(0);
  }

  /** An address where nothing listens: any call there is refused. */
  static final String REFUSED = "http://127.0.0.1:9";

  private final Properties userProperties = new Properties();
  /** The plugin's own module directory (for test resources), with an output directory of its own. */
  private final Path basedir = Path.of("").toAbsolutePath();
  private final Path buildDir = basedir.resolve("target/wiring-project");

  @Provides
  MavenProject project() {
    return HarnessProjects.project("quote-pricer", buildDir, basedir.resolve("pom.xml"));
  }

  @Provides
  MavenSession session() {
    return HarnessProjects.session(userProperties);
  }

  @BeforeEach
  void setUserProperties(TestInfo test) {
    HarnessProjects.applyUserProperties(test, userProperties, failing);
  }

  private static <T extends AbstractLambdaSdlcMojo> T withLog(T mojo, CapturingLog log) {
    mojo.setLog(log);
    return mojo;
  }

  // Defaults

  @Test
  @InjectMojo(goal = "init")
  void initDefaults(InitMojo mojo) throws Exception {
    assertThat(mojo.stackName).isEqualTo("quote-pricer");
    assertThat(mojo.endpoint).isEqualTo("aws");
    assertThat(mojo.region).isNull();
    assertThat(mojo.profile).isNull();
    assertThat(mojo.localDir).isEqualTo(new File(System.getProperty("user.home"), ".lambda-sdlc/local"));
    assertThat(mojo.skip).isFalse();
    assertThat((Boolean) field(mojo, "recreateFailed")).isFalse();
    assertThat((Object) field(mojo, "template")).isNull();
  }

  @Test
  @InjectMojo(goal = "prepare")
  void prepareDefaults(PrepareMojo mojo) throws Exception {
    // Unset: chosen when the goal runs, from the day and the build's classes (JavaRuntimesTest).
    assertThat((Object) field(mojo, "runtime")).isNull();
    assertThat((Object) field(mojo, "handler")).isNull();
    assertThat((Object) field(mojo, "memorySize")).isNull();
    assertThat((Object) field(mojo, "snapStart")).isNull();
    assertThat((File) field(mojo, "classesDirectory")).isEqualTo(buildDir.resolve("classes").toFile());
  }

  @Test
  @InjectMojo(goal = "deploy")
  void deployDefaults(DeployMojo mojo) throws Exception {
    assertThat((Boolean) field(mojo, "publish")).isFalse();
    assertThat((Object) field(mojo, "alias")).isNull();
    assertThat(mojo.functionName).isNull();
  }

  @Test
  @InjectMojo(goal = "integration-test")
  void integrationTestDefaults(IntegrationTestMojo mojo) throws Exception {
    assertThat((File) field(mojo, "eventsDirectory")).isEqualTo(basedir.resolve("src/test/lambda-events").toFile());
    assertThat((File) field(mojo, "reportsDirectory")).isEqualTo(buildDir.resolve("lambda-sdlc-reports").toFile());
    assertThat((Boolean) field(mojo, "pushBeforeTest")).isTrue();
    assertThat((Boolean) field(mojo, "testFailureIgnore")).isFalse();
  }

  // Properties and configuration

  @Test
  @UserProperties({"lambda-sdlc.stackName=other", "lambda-sdlc.endpoint=local", "lambda-sdlc.region=eu-west-1",
      "lambda-sdlc.profile=dev", "lambda-sdlc.local.dir=/tmp/x", "lambda-sdlc.functionLogicalId=Fn",
      "lambda-sdlc.recreateFailed=true", "lambda-sdlc.template=cfn/app.yaml"})
  @InjectMojo(goal = "init")
  void initTakesProperties(InitMojo mojo) throws Exception {
    assertThat(mojo.stackName).isEqualTo("other");
    assertThat(mojo.endpoint).isEqualTo("local");
    assertThat(mojo.region).isEqualTo("eu-west-1");
    assertThat(mojo.profile).isEqualTo("dev");
    assertThat(mojo.localDir).isEqualTo(new File("/tmp/x"));
    assertThat(mojo.functionLogicalId).isEqualTo("Fn");
    assertThat((Boolean) field(mojo, "recreateFailed")).isTrue();
    assertThat(((File) field(mojo, "template")).getPath()).endsWith("app.yaml");
  }

  @Test
  @UserProperties({"lambda-sdlc.runtime=java25", "lambda-sdlc.handler=a.B::c", "lambda-sdlc.memorySize=1024",
      "lambda-sdlc.timeout=30", "lambda-sdlc.description=d", "lambda-sdlc.snapStart=true",
      "lambda-sdlc.functionName=fn"})
  @InjectMojo(goal = "prepare")
  void prepareTakesProperties(PrepareMojo mojo) throws Exception {
    assertThat((String) field(mojo, "runtime")).isEqualTo("java25");
    assertThat((String) field(mojo, "handler")).isEqualTo("a.B::c");
    assertThat((Integer) field(mojo, "memorySize")).isEqualTo(1024);
    assertThat((Integer) field(mojo, "timeout")).isEqualTo(30);
    assertThat((String) field(mojo, "description")).isEqualTo("d");
    assertThat((Boolean) field(mojo, "snapStart")).isTrue();
    assertThat(mojo.functionName).isEqualTo("fn");
  }

  @Test
  @InjectMojo(goal = "prepare", pom = "<project><build><plugins><plugin>"
      + "<artifactId>lambda-sdlc-maven-plugin</artifactId><configuration>"
      + "<environment><STAGE>test</STAGE><API_KEY>secret-value</API_KEY></environment>"
      + "</configuration></plugin></plugins></build></project>")
  void prepareTakesEnvironmentFromThePom(PrepareMojo mojo) throws Exception {
    java.util.Map<String, String> env = field(mojo, "environment");
    assertThat(env).containsEntry("STAGE", "test").containsEntry("API_KEY", "secret-value");
  }

  @Test
  @UserProperties({"lambda-sdlc.publish=true", "lambda-sdlc.alias=live"})
  @InjectMojo(goal = "deploy")
  void deployTakesProperties(DeployMojo mojo) throws Exception {
    assertThat((Boolean) field(mojo, "publish")).isTrue();
    assertThat((String) field(mojo, "alias")).isEqualTo("live");
  }

  @Test
  @UserProperties({"lambda-sdlc.pushBeforeTest=false", "maven.test.failure.ignore=true"})
  @InjectMojo(goal = "integration-test")
  void integrationTestTakesProperties(IntegrationTestMojo mojo) throws Exception {
    assertThat((Boolean) field(mojo, "pushBeforeTest")).isFalse();
    assertThat((Boolean) field(mojo, "testFailureIgnore")).isTrue();
  }

  // Skips: each would fail against REFUSED if it ran.

  @Test
  @UserProperties("lambda-sdlc.skip=true")
  @InjectMojo(goal = "init")
  @MojoParameter(name = "endpoint", value = REFUSED)
  void skipAllSkipsInit(InitMojo mojo) throws Exception {
    assertSkipped(mojo, "lambda-sdlc.skip");
  }

  @Test
  @UserProperties("lambda-sdlc.skip=true")
  @InjectMojo(goal = "prepare")
  @MojoParameter(name = "endpoint", value = REFUSED)
  void skipAllSkipsPrepare(PrepareMojo mojo) throws Exception {
    assertSkipped(mojo, "lambda-sdlc.skip");
  }

  @Test
  @UserProperties("lambda-sdlc.skip=true")
  @InjectMojo(goal = "deploy")
  @MojoParameter(name = "endpoint", value = REFUSED)
  void skipAllSkipsDeploy(DeployMojo mojo) throws Exception {
    assertSkipped(mojo, "lambda-sdlc.skip");
  }

  @Test
  @UserProperties("lambda-sdlc.skip=true")
  @InjectMojo(goal = "integration-test")
  @MojoParameter(name = "endpoint", value = REFUSED)
  void skipAllSkipsIntegrationTest(IntegrationTestMojo mojo) throws Exception {
    assertSkipped(mojo, "lambda-sdlc.skip");
  }

  @Test
  @UserProperties("lambda-sdlc.init.skip=true")
  @InjectMojo(goal = "init")
  @MojoParameter(name = "endpoint", value = REFUSED)
  void initHasItsOwnSkip(InitMojo mojo) throws Exception {
    assertSkipped(mojo, "lambda-sdlc.init.skip");
  }

  @Test
  @UserProperties("lambda-sdlc.prepare.skip=true")
  @InjectMojo(goal = "prepare")
  @MojoParameter(name = "endpoint", value = REFUSED)
  void prepareHasItsOwnSkip(PrepareMojo mojo) throws Exception {
    assertSkipped(mojo, "lambda-sdlc.prepare.skip");
  }

  @Test
  @UserProperties("lambda-sdlc.deploy.skip=true")
  @InjectMojo(goal = "deploy")
  @MojoParameter(name = "endpoint", value = REFUSED)
  void deployHasItsOwnSkip(DeployMojo mojo) throws Exception {
    assertSkipped(mojo, "lambda-sdlc.deploy.skip");
  }

  @Test
  @UserProperties("lambda-sdlc.integration-test.skip=true")
  @InjectMojo(goal = "integration-test")
  @MojoParameter(name = "endpoint", value = REFUSED)
  void integrationTestHasItsOwnSkip(IntegrationTestMojo mojo) throws Exception {
    assertSkipped(mojo, "lambda-sdlc.integration-test.skip");
  }

  @Test
  @UserProperties("skipTests=true")
  @InjectMojo(goal = "integration-test")
  @MojoParameter(name = "endpoint", value = REFUSED)
  void integrationTestHonoursSkipTests(IntegrationTestMojo mojo) throws Exception {
    assertSkipped(mojo, "skipTests");
  }

  @Test
  @UserProperties("skipITs=true")
  @InjectMojo(goal = "integration-test")
  @MojoParameter(name = "endpoint", value = REFUSED)
  void integrationTestHonoursSkipITs(IntegrationTestMojo mojo) throws Exception {
    assertSkipped(mojo, "skipITs");
  }

  @Test
  @UserProperties("maven.test.skip=true")
  @InjectMojo(goal = "integration-test")
  @MojoParameter(name = "endpoint", value = REFUSED)
  void integrationTestHonoursMavenTestSkip(IntegrationTestMojo mojo) throws Exception {
    assertSkipped(mojo, "maven.test.skip");
  }

  @Test
  @InjectMojo(goal = "integration-test")
  @MojoParameter(name = "endpoint", value = REFUSED)
  @MojoParameter(name = "eventsDirectory", value = "target/no-such-events-dir")
  void integrationTestWithoutCasesPassesWithoutCallingAnything(IntegrationTestMojo mojo) throws Exception {
    CapturingLog log = new CapturingLog();
    withLog(mojo, log).execute();
    assertThat(log.text()).contains("No event cases in").contains("nothing to test");
  }

  private static void assertSkipped(AbstractLambdaSdlcMojo mojo, String why) throws Exception {
    CapturingLog log = new CapturingLog();
    withLog(mojo, log).execute();
    assertThat(log.lines).containsExactly("INFO Skipping " + mojo.goal() + " (" + why + ").");
  }

  // Error mapping: a user's mistake is a MojoFailureException whose message is the fix.

  @Test
  @InjectMojo(goal = "init")
  @MojoParameter(name = "endpoint", value = "ftp://example.com")
  void initRejectsAnEndpointThatIsNoUrl(InitMojo mojo) {
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("Use aws (the default), local");
  }

  @Test
  @InjectMojo(goal = "init")
  @MojoParameter(name = "endpoint", value = REFUSED)
  void initCannotReachTheEndpoint(InitMojo mojo) {
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("Cannot reach " + REFUSED);
  }

  @Test
  @InjectMojo(goal = "prepare")
  @MojoParameter(name = "endpoint", value = REFUSED)
  @MojoParameter(name = "runtime", value = "python3.12")
  void prepareChecksTheRuntimeFirst(PrepareMojo mojo) {
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("'python3.12' (lambda-sdlc.runtime) is not a Java runtime");
  }

  @Test
  @InjectMojo(goal = "prepare")
  @MojoParameter(name = "endpoint", value = REFUSED)
  @MojoParameter(name = "handler", value = "index.handler::")
  void prepareChecksTheHandlerFirst(PrepareMojo mojo) {
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("is not a Java handler");
  }

  @Test
  @InjectMojo(goal = "prepare")
  @MojoParameter(name = "endpoint", value = REFUSED)
  @MojoParameter(name = "handler", value = "a.B::c")
  void prepareCannotReachTheEndpoint(PrepareMojo mojo) {
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("Cannot reach " + REFUSED);
  }

  @Test
  @InjectMojo(goal = "deploy")
  @MojoParameter(name = "endpoint", value = REFUSED)
  void deployWithNothingToPackageSaysSo(DeployMojo mojo) {
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("There is nothing to deploy");
  }

  // Error mapping: anything else is a MojoExecutionException (an error of the build, not of the project).

  @Test
  @FailingEndpoint
  @InjectMojo(goal = "prepare")
  @MojoParameter(name = "handler", value = "a.B::c")
  @MojoParameter(name = "functionName", value = "app-fn")
  void anUnexpectedServiceErrorIsAnExecutionError(PrepareMojo mojo) {
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
        .hasMessageContaining("answered OddInternalState while waiting for function app-fn: Something broke inside")
        .hasMessageStartingWith("The endpoint http://127.0.0.1:");
  }

  @Test
  void workflowErrorsMapByFault() {
    assertThat(AbstractLambdaSdlcMojo.toMojoException(WorkflowException.userError("Fix X")))
        .isInstanceOf(MojoFailureException.class).hasMessage("Fix X");
    assertThat(AbstractLambdaSdlcMojo.toMojoException(WorkflowException.failure("Broke", null)))
        .isInstanceOf(MojoExecutionException.class).hasMessage("Broke");
  }

  private static <T> T field(Object mojo, String name) throws IllegalAccessException {
    return org.apache.maven.api.plugin.testing.MojoExtension.getVariableValueFromObject(mojo, name);
  }
}
