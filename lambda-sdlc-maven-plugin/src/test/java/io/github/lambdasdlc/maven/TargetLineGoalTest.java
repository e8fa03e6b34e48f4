package io.github.lambdasdlc.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.lambdasdlc.maven.HarnessProjects.UserProperties;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Every goal that reaches an endpoint says first where its calls go (AWS with its region and profile, the
 * local cloud and its directory, or the URL), and a goal against an endpoint that accepts connections and
 * never answers fails within the call timeout, naming the endpoint and the operation.
 */
@MojoTest
class TargetLineGoalTest {
  private static ServerSocket silent;
  private static final List<Socket> held = new CopyOnWriteArrayList<>();
  private static java.nio.file.Path usualServers;

  /** A loopback port that accepts every connection and then neither reads nor answers. */
  @BeforeAll
  static void startSilentEndpoint() throws IOException {
    // A `mvn lambda-sdlc:local` running elsewhere on this machine adds a warning line: not this test's business.
    usualServers = LocalServers.root();
    LocalServers.useRoot(java.nio.file.Files.createTempDirectory("target-line-servers"));
    silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(() -> {
      try {
        while (true) {
          held.add(silent.accept());
        }
      } catch (IOException e) {
        // closed after the tests
      }
    }, "silent-endpoint");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @AfterAll
  static void stopSilentEndpoint() throws IOException {
    LocalServers.useRoot(usualServers);
    silent.close();
    for (Socket s : held) {
      s.close();
    }
  }

  private final Properties userProperties = new Properties();
  private final Path basedir = Path.of("").toAbsolutePath();
  private final Path buildDir = basedir.resolve("target/target-line-project");
  private final Path cloudDir = buildDir.resolve("cloud");

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
    HarnessProjects.applyUserProperties(test, userProperties, null);
    if (test.getTags().contains("silent")) {
      userProperties.setProperty("lambda-sdlc.endpoint", silentUrl());
    }
  }

  @AfterEach
  void stopCloud() {
    LocalClouds.stop(cloudDir);
  }

  private static String silentUrl() {
    return "http://127.0.0.1:" + silent.getLocalPort();
  }

  @Test
  @org.junit.jupiter.api.Tag("silent")
  @UserProperties("lambda-sdlc.callTimeout=4")
  @InjectMojo(goal = "init")
  void initAgainstASilentEndpointFailsWithinTheCallTimeout(InitMojo mojo) {
    CapturingLog log = new CapturingLog();
    mojo.setLog(log);
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("The endpoint " + silentUrl() + " did not answer ValidateTemplate within 4 s"
            + " (lambda-sdlc.callTimeout) while validating the built-in template."));
    assertThat(log.lines.get(0)).isEqualTo("INFO Target: " + silentUrl() + " (region us-east-1); stack quote-pricer");
  }

  @Test
  @org.junit.jupiter.api.Tag("silent")
  @UserProperties({"lambda-sdlc.callTimeout=2", "lambda-sdlc.debugPort=5005"})
  @InjectMojo(goal = "invoke")
  void aDebugPortWithAnEndpointUrlSaysItDoesNotApply(InvokeMojo mojo) {
    CapturingLog log = new CapturingLog();
    mojo.setLog(log);
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThatThrownBy(mojo::execute));
    assertThat(log.lines.get(0)).isEqualTo("WARN lambda-sdlc.debugPort=5005 does not apply to " + silentUrl() + ": it"
        + " starts the functions of the embedded local cloud (lambda-sdlc.endpoint=local) for a debugger. For a local"
        + " goal's cloud, start that goal with -Dlambda-sdlc.debugPort=5005.");
  }

  @Test
  @UserProperties({"lambda-sdlc.endpoint=aws", "lambda-sdlc.region=eu-west-1",
      "lambda-sdlc.profile=lambda-sdlc-no-such-profile", "lambda-sdlc.callTimeout=5"})
  @InjectMojo(goal = "invoke")
  void onAwsTheFirstLineNamesRegionAndProfile(InvokeMojo mojo) {
    CapturingLog log = new CapturingLog();
    mojo.setLog(log);
    // No credentials for that profile (and no network here): the goal fails after its first line.
    assertThatThrownBy(mojo::execute);
    assertThat(log.lines.get(0)).isEqualTo("INFO Target: AWS, region eu-west-1 (lambda-sdlc.region), profile"
        + " lambda-sdlc-no-such-profile (lambda-sdlc.profile); stack quote-pricer");
  }

  @Test
  @InjectMojo(goal = "invoke")
  @MojoParameter(name = "endpoint", value = "local")
  void onTheLocalCloudTheFirstLinesNameItsUrlAndDirectory(InvokeMojo mojo) {
    mojo.localDir = cloudDir.toFile();
    CapturingLog log = new CapturingLog();
    mojo.setLog(log);
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class).hasMessageContaining("does not exist");
    String url = mojo.project.getProperties().getProperty(AbstractLambdaSdlcMojo.ENDPOINT_URL_PROPERTY);
    // The goal that starts the local cloud says so first, with its URL and directory; then the target line.
    assertThat(log.lines.get(0)).contains(url).contains(cloudDir.toString());
    assertThat(log.lines.subList(0, 2)).contains("INFO Target: the local cloud at " + url + " (state " + cloudDir
        + "); stack quote-pricer");
  }

  @Test
  @UserProperties({"lambda-sdlc.endpoint=http://127.0.0.1:9", "lambda-sdlc.capabilities=iam,CAPABILITY_AUTO_EXPAND"})
  @InjectMojo(goal = "init")
  void capabilitiesComeFromTheirProperty(InitMojo mojo) throws Exception {
    List<String> capabilities = org.apache.maven.api.plugin.testing.MojoExtension.getVariableValueFromObject(mojo,
        "capabilities");
    assertThat(capabilities).containsExactly("iam", "CAPABILITY_AUTO_EXPAND");
  }

  @Test
  @UserProperties({"lambda-sdlc.endpoint=http://127.0.0.1:9", "lambda-sdlc.capabilities=CAPABILITY_EVERYTHING"})
  @InjectMojo(goal = "init")
  void anUnknownCapabilityFailsBeforeAnyCall(InitMojo mojo) {
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("'CAPABILITY_EVERYTHING' (lambda-sdlc.capabilities) is not a CloudFormation capability."
            + " Use CAPABILITY_AUTO_EXPAND, CAPABILITY_IAM, CAPABILITY_NAMED_IAM, comma-separated.");
  }

  @Test
  @InjectMojo(goal = "deploy")
  void theCallTimeoutDefaultsToThirtySeconds(DeployMojo mojo) {
    assertThat(mojo.callTimeout).isEqualTo(30);
  }

  @Test
  @UserProperties({"lambda-sdlc.endpoint=http://127.0.0.1:9", "lambda-sdlc.callTimeout=0"})
  @InjectMojo(goal = "init")
  void aCallTimeoutBelowOneSecondIsRefused(InitMojo mojo) {
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("lambda-sdlc.callTimeout is 0 s: give the seconds a call may take, at least 1");
  }
}
