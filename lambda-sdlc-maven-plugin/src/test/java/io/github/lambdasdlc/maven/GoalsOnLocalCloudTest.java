package io.github.lambdasdlc.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdasdlc.workflow.fixtures.GreetingHandler;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Path;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The goals in one build, as Maven runs them, on the embedded local cloud ({@code endpoint=local}): each
 * goal's mojo shares the project (and so init's properties) and the local cloud with the others.
 */
@MojoTest
class GoalsOnLocalCloudTest {
  @TempDir
  Path dir;
  /** The project the goals share, to read the properties they set on it. */
  private MavenProject project;

  @Provides
  MavenProject project() {
    project = HarnessProjects.compiledProject("quote-pricer", dir, GreetingHandler.class);
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

  @Test
  void initPrepareDeployInOneBuildAndAgainWithNothingToDo(@InjectMojo(goal = "init") InitMojo init,
      @InjectMojo(goal = "prepare") PrepareMojo prepare, @InjectMojo(goal = "deploy") DeployMojo deploy,
      @InjectMojo(goal = "integration-test") IntegrationTestMojo integrationTest) throws Exception {
    CapturingLog log = new CapturingLog();
    for (AbstractLambdaSdlcMojo mojo : new AbstractLambdaSdlcMojo[] {init, prepare, deploy, integrationTest}) {
      mojo.setLog(log);
      mojo.execute();
    }
    String endpoint = project.getProperties().getProperty("lambda-sdlc.endpointUrl");
    assertThat(log.lines.stream().filter(l -> l.startsWith("INFO Started the local cloud at "))).hasSize(1);
    assertThat(log.lines).contains("INFO Created stack quote-pricer on " + endpoint
        + " (CREATE_COMPLETE); function quote-pricer (Function).");
    assertThat(project.getProperties()).containsEntry("lambda-sdlc.functionName", "quote-pricer")
        .containsEntry("lambda-sdlc.functionArn", "arn:aws:lambda:us-east-1:000000000000:function:quote-pricer");
    assertThat(log.text())
        .contains("Handler: io.github.lambdasdlc.workflow.fixtures.GreetingHandler::handleRequest (the only RequestHandler")
        .contains("Runtime: java21 (the oldest Java runtime Lambda supports that runs this build's classes"
            + " (compiled for Java 17); set lambda-sdlc.runtime to choose another)")
        .contains("Prepared function quote-pricer: runtime python3.13 -> java21")
        .contains("Packaged target/quote-pricer-1.0.0-lambda.zip")
        .contains("Deployed ")
        .contains("No event cases in");
    assertThat(dir.resolve("project/target/quote-pricer-1.0.0-lambda.zip")).exists();

    log.lines.clear();
    for (AbstractLambdaSdlcMojo mojo : new AbstractLambdaSdlcMojo[] {init, prepare, deploy}) {
      mojo.execute();
    }
    assertThat(log.text())
        .contains("INFO Stack quote-pricer is up to date on " + endpoint)
        .contains("is already prepared").contains("nothing to change")
        .contains("is up to date (CodeSha256").contains("nothing uploaded")
        .doesNotContain("Started the local cloud").doesNotContain("Uploading").doesNotContain("UPDATE_IN_PROGRESS");
  }

  @Test
  void prepareRefusesAHandlerThatIsNotInTheBuildBeforeChangingTheFunction(@InjectMojo(goal = "init") InitMojo init,
      @InjectMojo(goal = "prepare") PrepareMojo prepare) throws Exception {
    CapturingLog log = new CapturingLog();
    init.setLog(log);
    prepare.setLog(log);
    init.execute();
    Field handler = PrepareMojo.class.getDeclaredField("handler");
    handler.setAccessible(true);
    handler.set(prepare, "io.github.lambdasdlc.workflow.fixtures.GreetingHandlr::handleRequest");

    assertThatThrownBy(prepare::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("The handler class io.github.lambdasdlc.workflow.fixtures.GreetingHandlr"
            + " (lambda-sdlc.handler) is not in the deployment package quote-pricer-1.0.0-lambda.zip")
        .hasMessageContaining("io.github.lambdasdlc.workflow.fixtures.GreetingHandler");
    try (LambdaClient lambda = LambdaClient.builder().httpClient(UrlConnectionHttpClient.create())
        .endpointOverride(URI.create(project.getProperties().getProperty("lambda-sdlc.endpointUrl")))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build()) {
      var live = lambda.getFunctionConfiguration(b -> b.functionName("quote-pricer"));
      assertThat(live.runtimeAsString()).isEqualTo("python3.13");
      assertThat(live.handler()).isEqualTo("index.handler");
    }
  }

  @Test
  void aRuntimeWithoutItsOwnJdkIsWarnedAboutOncePerBuildInTheBuildsLog(@InjectMojo(goal = "init") InitMojo init,
      @InjectMojo(goal = "prepare") PrepareMojo prepare, @InjectMojo(goal = "deploy") DeployMojo deploy,
      @InjectMojo(goal = "invoke") InvokeMojo invoke) throws Exception {
    CapturingLog log = new CapturingLog();
    for (AbstractLambdaSdlcMojo mojo : new AbstractLambdaSdlcMojo[] {init, prepare, deploy, invoke}) {
      mojo.setLog(log);
    }
    Field payload = InvokeMojo.class.getDeclaredField("payload");
    payload.setAccessible(true);
    payload.set(invoke, "{\"name\":\"Ada\"}");
    init.execute();
    prepare.execute();
    deploy.execute();
    invoke.execute();
    // New code: a new environment (a cold start) on the same runtime, and no second warning.
    Field description = PrepareMojo.class.getDeclaredField("description");
    description.setAccessible(true);
    description.set(prepare, "second");
    prepare.execute();
    invoke.execute();
    assertThat(log.text()).contains("Hello, Ada");
    // On a machine without a JDK 21 (this one: 17 and 25), one WARN line in the build's log, not java.util.logging.
    boolean machineHasJdk21 = System.getenv("JAVA_HOME_21") != null || hasJdk21In(Path.of("/usr/lib/jvm"));
    assertThat(log.lines).filteredOn(l -> l.contains("No JDK 21")).hasSize(machineHasJdk21 ? 0 : 1)
        .allSatisfy(l -> assertThat(l).startsWith("WARN No JDK 21 found for Lambda runtime java21: its functions run on"
            + " JDK "));
  }

  private static boolean hasJdk21In(Path jvms) throws java.io.IOException {
    if (!java.nio.file.Files.isDirectory(jvms)) {
      return false;
    }
    try (var homes = java.nio.file.Files.list(jvms)) {
      return homes.map(h -> h.resolve("release")).filter(java.nio.file.Files::isRegularFile).anyMatch(r -> {
        try {
          return java.nio.file.Files.readString(r).contains("JAVA_VERSION=\"21");
        } catch (java.io.IOException e) {
          return false;
        }
      });
    }
  }

  @Test
  void aRuntimeAwsNoLongerAcceptsFailsBeforeAnyCall(@InjectMojo(goal = "prepare") PrepareMojo prepare)
      throws Exception {
    Field runtime = PrepareMojo.class.getDeclaredField("runtime");
    runtime.setAccessible(true);
    runtime.set(prepare, "java17");
    prepare.setLog(new CapturingLog());
    // No stack exists: any call would fail on that first.
    assertThatThrownBy(prepare::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("AWS Lambda no longer accepts the runtime java17 (lambda-sdlc.runtime)")
        .hasMessageContaining("AWS recommends java25; java21 is the oldest supported runtime that runs classes"
            + " compiled for Java 17");
  }

  @Test
  void withoutInitTheFunctionComesFromTheStackWhichMustExist(@InjectMojo(goal = "deploy") DeployMojo deploy) {
    deploy.setLog(new CapturingLog());
    assertThatThrownBy(deploy::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageMatching("Stack quote-pricer does not exist on http://127\\.0\\.0\\.1:\\d+\\. Run mvn lambda-sdlc:init .*");
  }

  @Test
  void aDeployBuildSaysEachFactOnce(@InjectMojo(goal = "init") InitMojo init,
      @InjectMojo(goal = "prepare") PrepareMojo prepare, @InjectMojo(goal = "deploy") DeployMojo deploy,
      @InjectMojo(goal = "integration-test") IntegrationTestMojo integrationTest) throws Exception {
    Path events = java.nio.file.Files.createDirectories(dir.resolve("project/src/test/lambda-events"));
    java.nio.file.Files.writeString(events.resolve("greets.json"), "{\"event\": {\"name\": \"Ada\"}}");
    CapturingLog log = new CapturingLog();
    // mvn deploy: initialize, prepare-package, integration-test, deploy; each of the last three packages.
    for (AbstractLambdaSdlcMojo mojo : new AbstractLambdaSdlcMojo[] {init, prepare, integrationTest, deploy}) {
      mojo.setLog(log);
      mojo.execute();
    }
    assertThat(log.lines.stream().filter(l -> l.startsWith("INFO Packaged "))).hasSize(1);
    assertThat(log.text()).contains("PASS greets");

    log.lines.clear();
    init.execute();
    assertThat(log.lines.stream().filter(l -> l.startsWith("INFO") && l.contains("is up to date"))).hasSize(1);
  }

  @Test
  void deployAfterCleanSaysTheBuildOutputIsEmpty(@InjectMojo(goal = "init") InitMojo init,
      @InjectMojo(goal = "deploy") DeployMojo deploy) throws Exception {
    init.setLog(new CapturingLog());
    deploy.setLog(new CapturingLog());
    init.execute();
    // mvn clean lambda-sdlc:deploy: the project has sources, the build output is gone.
    Path sources = java.nio.file.Files.createDirectories(dir.resolve("project/src/main/java/com/example"));
    java.nio.file.Files.writeString(sources.resolve("Greeter.java"), "package com.example; class Greeter {}");
    project.addCompileSourceRoot(dir.resolve("project/src/main/java").toString());
    try (var walk = java.nio.file.Files.walk(dir.resolve("project/target/classes"))) {
      walk.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
    }
    assertThatThrownBy(deploy::execute).isInstanceOf(MojoFailureException.class)
        .hasMessage("The build output target/classes is empty: nothing has been compiled (or mvn clean ran in this"
            + " build), so there is no code to deploy. Run the goal after package, such as mvn package"
            + " lambda-sdlc:deploy (mvn deploy runs it in its phase).");
  }

  @Test
  void aHandlerMissingFromTheBuildIsNotBlamedOnASettingNobodySet(@InjectMojo(goal = "init") InitMojo init,
      @InjectMojo(goal = "prepare") PrepareMojo prepare, @InjectMojo(goal = "deploy") DeployMojo deploy)
      throws Exception {
    CapturingLog log = new CapturingLog();
    for (AbstractLambdaSdlcMojo mojo : new AbstractLambdaSdlcMojo[] {init, prepare, deploy}) {
      mojo.setLog(log);
    }
    init.execute();
    prepare.execute(); // infers GreetingHandler: lambda-sdlc.handler is not set
    // The next build has another handler class instead.
    Path classes = dir.resolve("project/target/classes/io/github/lambdasdlc/workflow/fixtures");
    java.nio.file.Files.delete(classes.resolve("GreetingHandler.class"));
    java.nio.file.Files.copy(Path.of(io.github.lambdasdlc.workflow.fixtures.LoggingHandler.class.getProtectionDomain()
        .getCodeSource().getLocation().toURI()).resolve("io/github/lambdasdlc/workflow/fixtures/LoggingHandler.class"),
        classes.resolve("LoggingHandler.class"));
    assertThatThrownBy(deploy::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("The handler class io.github.lambdasdlc.workflow.fixtures.GreetingHandler (the live"
            + " handler of function quote-pricer) is not in the deployment package quote-pricer-1.0.0-lambda.zip.")
        .hasMessageEndingWith("Run the prepare goal on this build to set the handler (the only handler class it has,"
            + " or -Dlambda-sdlc.handler=...).")
        .hasMessageNotContaining("set by");
  }

  @Test
  void aMalformedCaseIsAnErrorWithItsLineAndColumnAndTheOthersRun(@InjectMojo(goal = "init") InitMojo init,
      @InjectMojo(goal = "prepare") PrepareMojo prepare,
      @InjectMojo(goal = "integration-test") IntegrationTestMojo integrationTest) throws Exception {
    Path events = java.nio.file.Files.createDirectories(dir.resolve("project/src/test/lambda-events"));
    java.nio.file.Files.writeString(events.resolve("broken.json"), "{\"event\": {\"name\": \"Ada\"},\n  \"expect\": }\n");
    java.nio.file.Files.writeString(events.resolve("greets.json"), "{\"event\": {\"name\": \"Ada\"}}");
    CapturingLog log = new CapturingLog();
    for (AbstractLambdaSdlcMojo mojo : new AbstractLambdaSdlcMojo[] {init, prepare, integrationTest}) {
      mojo.setLog(log);
    }
    init.execute();
    prepare.execute();
    assertThatThrownBy(integrationTest::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("There are failing event cases (Tests run: 2, Failures: 0, Errors: 1, Skipped: 0)");
    assertThat(log.text()).contains("WARN ERROR broken: The event case " + events.resolve("broken.json")
        + " is not valid JSON: line 2, column 13: Unexpected character ('}' (code 125)): expected a value")
        .contains("PASS greets");
    String report = java.nio.file.Files.readString(dir.resolve("project/target/lambda-sdlc-reports/TEST-lambda-sdlc.quote-pricer.xml"));
    assertThat(report).contains("tests=\"2\" failures=\"0\" errors=\"1\"").contains("<error message=\"The event case")
        .contains("<testcase name=\"greets\"");
  }
}
