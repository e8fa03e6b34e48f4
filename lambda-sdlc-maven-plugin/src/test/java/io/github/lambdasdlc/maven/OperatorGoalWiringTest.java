package io.github.lambdasdlc.maven;

import io.github.lambdasdlc.maven.HarnessProjects.FailingEndpoint;
import io.github.lambdasdlc.maven.HarnessProjects.UserProperties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
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
 * The operator goals (status, invoke, logs, events, destroy, template) as Maven configures them: defaults,
 * properties, skips and the mapping of workflow errors to Maven's exceptions, through
 * maven-plugin-testing-harness and the generated plugin descriptor.
 */
@MojoTest
class OperatorGoalWiringTest {
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
  private final Path buildDir = basedir.resolve("target/operator-wiring-project");

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
  @InjectMojo(goal = "status")
  void statusDefaults(StatusMojo mojo) throws Exception {
    assertThat(mojo.stackName).isEqualTo("quote-pricer");
    assertThat(mojo.endpoint).isEqualTo("aws");
    assertThat(mojo.functionName).isNull();
    assertThat((Boolean) field(mojo, "skipStatus")).isFalse();
  }

  @Test
  @InjectMojo(goal = "invoke")
  void invokeDefaults(InvokeMojo mojo) throws Exception {
    assertThat((Object) field(mojo, "payload")).isNull();
    assertThat((Object) field(mojo, "payloadFile")).isNull();
    assertThat((Object) field(mojo, "qualifier")).isNull();
  }

  @Test
  @InjectMojo(goal = "logs")
  void logsDefaults(LogsMojo mojo) throws Exception {
    assertThat((String) field(mojo, "since")).isEqualTo("10m");
    assertThat((Boolean) field(mojo, "follow")).isFalse();
    assertThat((Object) field(mojo, "filter")).isNull();
  }

  @Test
  @InjectMojo(goal = "events")
  void eventsDefaults(EventsMojo mojo) throws Exception {
    assertThat((Integer) field(mojo, "events")).isEqualTo(20);
    assertThat((Boolean) field(mojo, "skipEvents")).isFalse();
    assertThat(mojo.stackName).isEqualTo("quote-pricer");
  }

  @Test
  @InjectMojo(goal = "destroy")
  void destroyDefaults(DestroyMojo mojo) throws Exception {
    assertThat((Object) field(mojo, "confirm")).isNull();
    assertThat(mojo.stackName).isEqualTo("quote-pricer");
  }

  @Test
  @InjectMojo(goal = "wipe")
  void wipeDefaults(WipeMojo mojo) throws Exception {
    assertThat((String) field(mojo, "stackName")).isEqualTo("quote-pricer");
    assertThat(((File) field(mojo, "localDir")).toPath()).isEqualTo(Path.of(System.getProperty("user.home"), ".lambda-sdlc", "local"));
    assertThat((Boolean) field(mojo, "wipeAll")).isFalse();
    assertThat((Boolean) field(mojo, "skipWipe")).isFalse();
  }

  @Test
  @UserProperties({"lambda-sdlc.local.dir=/tmp/some-cloud", "lambda-sdlc.stackName=other", "lambda-sdlc.wipe.all=true"})
  @InjectMojo(goal = "wipe")
  void wipeTakesTheSharedStateDirectoryProperty(WipeMojo mojo) throws Exception {
    assertThat(((File) field(mojo, "localDir")).getPath()).isEqualTo("/tmp/some-cloud");
    assertThat((String) field(mojo, "stackName")).isEqualTo("other");
    assertThat((Boolean) field(mojo, "wipeAll")).isTrue();
  }

  @Test
  @UserProperties({"lambda-sdlc.wipe.skip=true", "lambda-sdlc.wipe.all=true"})
  @InjectMojo(goal = "wipe")
  void wipeHasItsOwnSkip(WipeMojo mojo) throws Exception {
    CapturingLog log = new CapturingLog();
    mojo.setLog(log);
    mojo.execute();
    assertThat(log.lines).containsExactly("INFO Skipping wipe (lambda-sdlc.wipe.skip).");
  }

  @Test
  @UserProperties({"lambda-sdlc.skip=true", "lambda-sdlc.wipe.all=true"})
  @InjectMojo(goal = "wipe")
  void skipAllSkipsWipe(WipeMojo mojo) throws Exception {
    CapturingLog log = new CapturingLog();
    mojo.setLog(log);
    mojo.execute();
    assertThat(log.lines).containsExactly("INFO Skipping wipe (lambda-sdlc.skip).");
  }

  @Test
  @InjectMojo(goal = "template")
  void templateDefaults(TemplateMojo mojo) throws Exception {
    assertThat((Object) field(mojo, "template")).isNull();
    assertThat((Boolean) field(mojo, "overwrite")).isFalse();
  }

  // Properties

  @Test
  @UserProperties({"lambda-sdlc.payload={\"a\":1}", "lambda-sdlc.payloadFile=event.json", "lambda-sdlc.qualifier=live",
      "lambda-sdlc.functionName=fn", "lambda-sdlc.endpoint=local"})
  @InjectMojo(goal = "invoke")
  void invokeTakesProperties(InvokeMojo mojo) throws Exception {
    assertThat((String) field(mojo, "payload")).isEqualTo("{\"a\":1}");
    assertThat(((File) field(mojo, "payloadFile")).getName()).isEqualTo("event.json");
    assertThat((String) field(mojo, "qualifier")).isEqualTo("live");
    assertThat(mojo.functionName).isEqualTo("fn");
    assertThat(mojo.endpoint).isEqualTo("local");
  }

  @Test
  @UserProperties({"lambda-sdlc.since=2h", "lambda-sdlc.follow=true", "lambda-sdlc.filter=ERROR"})
  @InjectMojo(goal = "logs")
  void logsTakeProperties(LogsMojo mojo) throws Exception {
    assertThat((String) field(mojo, "since")).isEqualTo("2h");
    assertThat((Boolean) field(mojo, "follow")).isTrue();
    assertThat((String) field(mojo, "filter")).isEqualTo("ERROR");
  }

  @Test
  @UserProperties({"lambda-sdlc.events=50", "lambda-sdlc.stackName=other"})
  @InjectMojo(goal = "events")
  void eventsTakeProperties(EventsMojo mojo) throws Exception {
    assertThat((Integer) field(mojo, "events")).isEqualTo(50);
    assertThat(mojo.stackName).isEqualTo("other");
  }

  @Test
  @UserProperties({"lambda-sdlc.confirm=quote-pricer", "lambda-sdlc.stackName=other"})
  @InjectMojo(goal = "destroy")
  void destroyTakesProperties(DestroyMojo mojo) throws Exception {
    assertThat((String) field(mojo, "confirm")).isEqualTo("quote-pricer");
    assertThat(mojo.stackName).isEqualTo("other");
  }

  @Test
  @UserProperties({"lambda-sdlc.template=cfn/app.yaml", "lambda-sdlc.overwrite=true"})
  @InjectMojo(goal = "template")
  void templateTakesProperties(TemplateMojo mojo) throws Exception {
    assertThat(((File) field(mojo, "template")).getPath()).endsWith("app.yaml");
    assertThat((Boolean) field(mojo, "overwrite")).isTrue();
  }

  // Skips: each would fail against REFUSED (or write a file) if it ran.

  @Test
  @UserProperties("lambda-sdlc.skip=true")
  @InjectMojo(goal = "status")
  @MojoParameter(name = "endpoint", value = REFUSED)
  void skipAllSkipsStatus(StatusMojo mojo) throws Exception {
    assertSkipped(mojo, "lambda-sdlc.skip");
  }

  @Test
  @UserProperties("lambda-sdlc.status.skip=true")
  @InjectMojo(goal = "status")
  @MojoParameter(name = "endpoint", value = REFUSED)
  void statusHasItsOwnSkip(StatusMojo mojo) throws Exception {
    assertSkipped(mojo, "lambda-sdlc.status.skip");
  }

  @Test
  @UserProperties("lambda-sdlc.skip=true")
  @InjectMojo(goal = "invoke")
  @MojoParameter(name = "endpoint", value = REFUSED)
  void skipAllSkipsInvoke(InvokeMojo mojo) throws Exception {
    assertSkipped(mojo, "lambda-sdlc.skip");
  }

  @Test
  @UserProperties("lambda-sdlc.invoke.skip=true")
  @InjectMojo(goal = "invoke")
  @MojoParameter(name = "endpoint", value = REFUSED)
  void invokeHasItsOwnSkip(InvokeMojo mojo) throws Exception {
    assertSkipped(mojo, "lambda-sdlc.invoke.skip");
  }

  @Test
  @UserProperties("lambda-sdlc.skip=true")
  @InjectMojo(goal = "logs")
  @MojoParameter(name = "endpoint", value = REFUSED)
  void skipAllSkipsLogs(LogsMojo mojo) throws Exception {
    assertSkipped(mojo, "lambda-sdlc.skip");
  }

  @Test
  @UserProperties("lambda-sdlc.logs.skip=true")
  @InjectMojo(goal = "logs")
  @MojoParameter(name = "endpoint", value = REFUSED)
  void logsHaveTheirOwnSkip(LogsMojo mojo) throws Exception {
    assertSkipped(mojo, "lambda-sdlc.logs.skip");
  }

  @Test
  @UserProperties("lambda-sdlc.skip=true")
  @InjectMojo(goal = "events")
  @MojoParameter(name = "endpoint", value = REFUSED)
  void skipAllSkipsEvents(EventsMojo mojo) throws Exception {
    assertSkipped(mojo, "lambda-sdlc.skip");
  }

  @Test
  @UserProperties("lambda-sdlc.events.skip=true")
  @InjectMojo(goal = "events")
  @MojoParameter(name = "endpoint", value = REFUSED)
  void eventsHaveTheirOwnSkip(EventsMojo mojo) throws Exception {
    assertSkipped(mojo, "lambda-sdlc.events.skip");
  }

  @Test
  @UserProperties("lambda-sdlc.skip=true")
  @InjectMojo(goal = "destroy")
  @MojoParameter(name = "endpoint", value = REFUSED)
  void skipAllSkipsDestroy(DestroyMojo mojo) throws Exception {
    assertSkipped(mojo, "lambda-sdlc.skip");
  }

  @Test
  @UserProperties("lambda-sdlc.destroy.skip=true")
  @InjectMojo(goal = "destroy")
  @MojoParameter(name = "endpoint", value = REFUSED)
  void destroyHasItsOwnSkip(DestroyMojo mojo) throws Exception {
    assertSkipped(mojo, "lambda-sdlc.destroy.skip");
  }

  @Test
  @UserProperties("lambda-sdlc.skip=true")
  @InjectMojo(goal = "template")
  void skipAllSkipsTemplate(TemplateMojo mojo) throws Exception {
    assertSkipped(mojo, "lambda-sdlc.skip");
    assertThat(basedir.resolve("src/main/cloudformation")).doesNotExist();
  }

  @Test
  @UserProperties("lambda-sdlc.template.skip=true")
  @InjectMojo(goal = "template")
  void templateHasItsOwnSkip(TemplateMojo mojo) throws Exception {
    assertSkipped(mojo, "lambda-sdlc.template.skip");
    assertThat(basedir.resolve("src/main/cloudformation")).doesNotExist();
  }

  private static void assertSkipped(AbstractLambdaSdlcMojo mojo, String why) throws Exception {
    CapturingLog log = new CapturingLog();
    withLog(mojo, log).execute();
    assertThat(log.lines).containsExactly("INFO Skipping " + mojo.goal() + " (" + why + ").");
  }

  // Error mapping: a user's mistake is a MojoFailureException whose message is the fix, found before any call.

  @Test
  @InjectMojo(goal = "invoke")
  @MojoParameter(name = "endpoint", value = REFUSED)
  @MojoParameter(name = "payload", value = "{not json")
  void invokeChecksThePayloadFirst(InvokeMojo mojo) {
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
        .hasMessage("The payload (lambda-sdlc.payload) is not valid JSON, which Lambda requires: line 1, column 2:"
            + " Unexpected character ('n' (code 110)): was expecting double-quote to start field name.")
        .satisfies(e -> assertThat(MavenErrorLine.of((MojoFailureException) e)).isEqualTo(e.getMessage()));
  }

  @Test
  @InjectMojo(goal = "invoke")
  @MojoParameter(name = "endpoint", value = REFUSED)
  @MojoParameter(name = "payload", value = "{\"name\": \"Ada\"")
  void anUnclosedPayloadSaysWhereWithoutJacksonInternals(InvokeMojo mojo) {
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("The payload (lambda-sdlc.payload) is not valid JSON, which Lambda requires: line 1,")
        .hasMessageContaining("start marker at line 1, column 1")
        .hasMessageNotContaining("Source").hasMessageNotContaining("REDACTED");
  }

  @Test
  @InjectMojo(goal = "invoke")
  @MojoParameter(name = "endpoint", value = REFUSED)
  void aMissingPayloadFileSaysWhy(InvokeMojo mojo) throws Exception {
    File missing = buildDir.resolve("no-such-event.json").toFile();
    org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject(mojo, "payloadFile", missing);
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("Cannot read the payload file " + missing + " (lambda-sdlc.payloadFile): there is no"
            + " such file.");
  }

  @Test
  @FailingEndpoint
  @InjectMojo(goal = "invoke")
  @MojoParameter(name = "functionName", value = "app-fn")
  void mavensErrorLineSaysTheServicesWordsOnce(InvokeMojo mojo) {
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class).satisfies(e -> {
      String line = MavenErrorLine.of((MojoExecutionException) e);
      assertThat(line).isEqualTo(e.getMessage()).endsWith("answered OddInternalState while invoking function app-fn:"
          + " Something broke inside").doesNotContain("(Service:");
      assertThat(MavenErrorLine.withErrors(e)).contains("(Service: Lambda, Status Code: 400");
    });
  }

  @Test
  @InjectMojo(goal = "logs")
  @MojoParameter(name = "endpoint", value = REFUSED)
  @MojoParameter(name = "since", value = "last week")
  void logsCheckSinceFirst(LogsMojo mojo) {
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("lambda-sdlc.since is 'last week'");
  }

  @Test
  @InjectMojo(goal = "events")
  @MojoParameter(name = "endpoint", value = REFUSED)
  @MojoParameter(name = "events", value = "0")
  void eventsCheckTheCountFirst(EventsMojo mojo) {
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("lambda-sdlc.events is 0: give how many");
  }

  @Test
  @InjectMojo(goal = "destroy")
  @MojoParameter(name = "region", value = "eu-west-1")
  void destroyOnAwsNeedsConfirmation(DestroyMojo mojo) {
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("destroy deletes stack quote-pricer on AWS (region eu-west-1)")
        .hasMessageContaining("-Dlambda-sdlc.confirm=quote-pricer");
  }

  @Test
  @InjectMojo(goal = "status")
  @MojoParameter(name = "endpoint", value = REFUSED)
  void statusCannotReachTheEndpoint(StatusMojo mojo) {
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("Cannot reach " + REFUSED);
  }

  @Test
  @InjectMojo(goal = "destroy")
  @MojoParameter(name = "endpoint", value = REFUSED)
  void destroyOnAnEndpointNeedsNoConfirmationButAReachableEndpoint(DestroyMojo mojo) {
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("Cannot reach " + REFUSED);
  }

  // Error mapping: anything else is a MojoExecutionException.

  @Test
  @FailingEndpoint
  @InjectMojo(goal = "logs")
  @MojoParameter(name = "functionName", value = "app-fn")
  void anUnexpectedServiceErrorIsAnExecutionError(LogsMojo mojo) {
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
        .hasMessageContaining("answered OddInternalState while reading function app-fn: Something broke inside")
        .hasMessageStartingWith("The endpoint http://127.0.0.1:");
  }

  @Test
  @FailingEndpoint
  @InjectMojo(goal = "invoke")
  @MojoParameter(name = "functionName", value = "app-fn")
  void anUnexpectedInvokeErrorIsAnExecutionError(InvokeMojo mojo) {
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
        .hasMessageContaining("answered OddInternalState while invoking function app-fn: Something broke inside")
        .hasMessageStartingWith("The endpoint http://127.0.0.1:");
  }

  private static <T> T field(Object mojo, String name) throws IllegalAccessException {
    return org.apache.maven.api.plugin.testing.MojoExtension.getVariableValueFromObject(mojo, name);
  }
}
