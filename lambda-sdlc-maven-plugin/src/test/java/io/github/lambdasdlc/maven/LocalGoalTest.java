package io.github.lambdasdlc.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdasdlc.maven.HarnessProjects.UserProperties;
import io.github.lambdasdlc.workflow.WorkflowEvent;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The {@code local} goal as Maven configures and runs it: the state directory setting it shares with every
 * build goal, the registry of running local goals that lets a build on another directory say so, and the
 * line it logs per request.
 */
@MojoTest
class LocalGoalTest {
  private final Properties userProperties = new Properties();
  private final Path basedir = Path.of("").toAbsolutePath();
  private final Path work = basedir.resolve("target/local-goal-test");
  private Path previousRegistry;

  @Provides
  MavenProject project() {
    return HarnessProjects.project("local-goal", work.resolve("project"), basedir.resolve("pom.xml"));
  }

  @Provides
  MavenSession session() {
    return HarnessProjects.session(userProperties);
  }

  @BeforeEach
  void isolate(TestInfo test) throws Exception {
    HarnessProjects.applyUserProperties(test, userProperties, null);
    previousRegistry = LocalServers.root();
    Path registry = work.resolve("servers-" + test.getTestMethod().orElseThrow().getName());
    deleteTree(registry);
    LocalServers.useRoot(registry);
  }

  @AfterEach
  void restoreRegistry() {
    LocalServers.useRoot(previousRegistry);
  }

  private static Path dirOf(LocalMojo mojo) throws IllegalAccessException {
    File dir = MojoExtension.getVariableValueFromObject(mojo, "localDir");
    return dir.toPath().toAbsolutePath().normalize();
  }

  @Test
  @InjectMojo(goal = "local", pom = "<project><build><plugins><plugin>"
      + "<artifactId>lambda-sdlc-maven-plugin</artifactId><configuration>"
      + "<localDir>target/local-goal-test/pom-state</localDir><port>0</port>"
      + "</configuration></plugin></plugins></build></project>")
  void servesTheDirectoryTheBuildGoalsNameLocalDir(LocalMojo mojo) throws Exception {
    // The README's own-project POM configures <localDir> for every goal of the plugin: local included.
    Path dir = dirOf(mojo);
    assertThat(dir.toString()).endsWith("target/local-goal-test/pom-state".replace('/', File.separatorChar));
    try (LocalGoalRun run = LocalGoalRun.start(mojo, new LocalGoalRun.Lines(false))) {
      assertThat(run.log().lines()).contains("INFO State: " + dir + " (lambda-sdlc.local.dir)");
      assertThat(io.github.lambdasdlc.local.LocalCloud.findRunning(dir)).contains(run.endpoint());
    }
  }

  @Test
  @UserProperties({"lambda-sdlc.local.dir=target/local-goal-test/shared", "lambda-sdlc.local.port=0"})
  @InjectMojo(goal = "local")
  void aBuildOnAnotherDirectoryIsToldThatTheLocalGoalRunsElsewhere(LocalMojo mojo) throws Exception {
    Path shared = dirOf(mojo);
    Path other = work.resolve("build-state");
    List<String> said = new ArrayList<>();
    try (LocalGoalRun run = LocalGoalRun.start(mojo, new LocalGoalRun.Lines(false))) {
      try {
        // A build on the local goal's own directory uses it, and has nothing to warn about.
        LocalClouds.Endpoint same = LocalClouds.endpoint(shared, null, e -> said.add(line(e)));
        assertThat(same.uri()).isEqualTo(run.endpoint());
        assertThat(said).noneMatch(s -> s.startsWith("WARN"));

        LocalClouds.endpoint(other, null, e -> said.add(line(e)));
        assertThat(said).filteredOn(s -> s.startsWith("WARN")).singleElement().asString()
            .contains("mvn lambda-sdlc:local (process " + ProcessHandle.current().pid() + ") is running at "
                + run.endpoint() + " on " + shared)
            .contains("not on " + other + " (lambda-sdlc.local.dir)")
            .contains("-Dlambda-sdlc.endpoint=" + run.endpoint());
      } finally {
        LocalClouds.stop(shared);
        LocalClouds.stop(other);
      }
    }
    // Stopped, the goal has left the registry: a build has nothing to say any more.
    assertThat(LocalServers.running()).isEmpty();
    said.clear();
    try {
      LocalClouds.endpoint(other, null, e -> said.add(line(e)));
      assertThat(said).noneMatch(s -> s.startsWith("WARN"));
    } finally {
      LocalClouds.stop(other);
    }
  }

  @Test
  @UserProperties({"lambda-sdlc.region=eu-west-1", "lambda-sdlc.local.dir=target/local-goal-test/region",
      "lambda-sdlc.local.port=0"})
  @InjectMojo(goal = "local")
  void takesItsRegionFromTheSharedSetting(LocalMojo mojo) throws Exception {
    try (LocalGoalRun run = LocalGoalRun.start(mojo, new LocalGoalRun.Lines(false))) {
      assertThat(run.log().text()).contains("(region eu-west-1, account").doesNotContain("WARN");
    }
  }

  @Test
  @UserProperties({"lambda-sdlc.local.region=eu-central-1", "lambda-sdlc.local.dir=target/local-goal-test/old-region",
      "lambda-sdlc.local.port=0"})
  @InjectMojo(goal = "local")
  void stillReadsTheFormerRegionPropertyAndSaysItIsDeprecated(LocalMojo mojo) throws Exception {
    try (LocalGoalRun run = LocalGoalRun.start(mojo, new LocalGoalRun.Lines(false))) {
      assertThat(run.log().text()).contains("(region eu-central-1, account")
          .contains("WARN lambda-sdlc.local.region is deprecated: use lambda-sdlc.region");
    }
  }

  @Test
  @UserProperties({"lambda-sdlc.skip=true", "lambda-sdlc.local.dir=target/local-goal-test/skipped",
      "lambda-sdlc.local.port=0"})
  @InjectMojo(goal = "local")
  void skipsWithEveryOtherGoal(LocalMojo mojo) throws Exception {
    // Run, the goal serves until the build is stopped: skipped, it returns at once and starts nothing.
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60), () -> mojo.execute());
    assertThat(work.resolve("skipped")).doesNotExist();
    assertThat(LocalServers.running()).isEmpty();
  }

  @Test
  @UserProperties({"lambda-sdlc.local.dir=target/local-goal-test/requests", "lambda-sdlc.local.port=0"})
  @InjectMojo(goal = "local")
  void logsOneLinePerRequestWithoutCredentialsOrContents(LocalMojo mojo) throws Exception {
    try (LocalGoalRun run = LocalGoalRun.start(mojo, new LocalGoalRun.Lines(false))) {
      callTheCloud(run);
      assertThat(run.awaitLine("cloudformation DescribeStacks 200 ", Duration.ofSeconds(60))).matches(
          "INFO cloudformation DescribeStacks 200 [0-9.]+ ms");
      run.awaitLine("cloudformation DescribeStacks 400 ", Duration.ofSeconds(60));
      run.awaitLine("lambda ListFunctions 200 ", Duration.ofSeconds(60));
      assertThat(run.log().text()).doesNotContain("AKIDLOCALGOALTEST").doesNotContain("s3cr3t-local-goal")
          .doesNotContain("no-such-stack");
    }
  }

  @Test
  @UserProperties({"lambda-sdlc.local.dir=target/local-goal-test/quiet", "lambda-sdlc.local.port=0"})
  @InjectMojo(goal = "local")
  void runsQuietWithMinusQ(LocalMojo mojo) throws Exception {
    LocalGoalRun.Lines quiet = new LocalGoalRun.Lines(true);
    try (LocalGoalRun run = LocalGoalRun.start(mojo, quiet)) {
      callTheCloud(run);
    }
    assertThat(quiet.text()).doesNotContain("DescribeStacks").doesNotContain("ListFunctions");
  }

  private static void callTheCloud(LocalGoalRun run) {
    StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
        AwsBasicCredentials.create("AKIDLOCALGOALTEST", "s3cr3t-local-goal"));
    try (CloudFormationClient cfn = CloudFormationClient.builder().endpointOverride(run.endpoint())
        .region(Region.US_EAST_1).credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        LambdaClient lambda = LambdaClient.builder().endpointOverride(run.endpoint()).region(Region.US_EAST_1)
            .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build()) {
      cfn.describeStacks();
      assertThatThrownBy(() -> cfn.describeStacks(r -> r.stackName("no-such-stack")))
          .isInstanceOf(CloudFormationException.class);
      lambda.listFunctions();
    }
  }

  private static String line(WorkflowEvent e) {
    return e.level() + " " + e.message();
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
