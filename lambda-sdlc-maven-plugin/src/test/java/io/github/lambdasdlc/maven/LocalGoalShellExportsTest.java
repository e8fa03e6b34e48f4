package io.github.lambdasdlc.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.lambdasdlc.maven.HarnessProjects.UserProperties;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;

/**
 * What the {@code local} goal tells a user to paste into a shell works, evaluated by bash with every AWS
 * CLI found on the machine and with boto3: the export line alone for the AWS CLI v1 from 1.29 and v2 from
 * 2.13 (which read {@code AWS_ENDPOINT_URL}) and boto3; the printed {@code --endpoint-url} line for older
 * CLIs (Debian's v2 2.9). Like the other compatibility tests, a client that is not installed is skipped.
 */
@MojoTest
class LocalGoalShellExportsTest {
  private static final Pattern VERSION = Pattern.compile("aws-cli/(\\d+)\\.(\\d+)\\.\\d+");
  private static final String STACK = "shell-exports-check";

  private final Properties userProperties = new Properties();
  private final Path basedir = Path.of("").toAbsolutePath();
  private final Path work = basedir.resolve("target/local-goal-shell");

  @Provides
  MavenProject project() {
    return HarnessProjects.project("local-goal-shell", work.resolve("project"), basedir.resolve("pom.xml"));
  }

  @Provides
  MavenSession session() {
    return HarnessProjects.session(userProperties);
  }

  @BeforeEach
  void properties(TestInfo test) {
    HarnessProjects.applyUserProperties(test, userProperties, null);
  }

  /** What the goal printed for the shell, without Maven's prefix: its export lines and its --endpoint-url command. */
  record Printed(String exports, String endpointUrlCommand) {
  }

  /** What a user runs once the variables are exported. */
  private static final String COMMAND = "aws cloudformation describe-stacks";

  @Test
  @UserProperties({"lambda-sdlc.local.dir=target/local-goal-shell/clis", "lambda-sdlc.local.port=0"})
  @InjectMojo(goal = "local")
  void everyAwsCliOnTheMachineRunsThePrintedLines(LocalMojo mojo) throws Exception {
    Map<Path, String> clis = awsClis();
    assumeTrue(!clis.isEmpty(), "no AWS CLI is installed");
    try (LocalGoalRun run = LocalGoalRun.start(mojo, new LocalGoalRun.Lines(false))) {
      createStack(run.endpoint());
      Printed printed = printed(run);
      for (Map.Entry<Path, String> cli : clis.entrySet()) {
        Matcher v = VERSION.matcher(cli.getValue());
        assertThat(v.find()).as(cli.getValue()).isTrue();
        int major = Integer.parseInt(v.group(1));
        int minor = Integer.parseInt(v.group(2));
        boolean readsEndpointVariable = major == 1 ? minor >= 29 : major == 2 && minor >= 13;
        String command = readsEndpointVariable ? COMMAND : printed.endpointUrlCommand();
        Outcome outcome = bash(cli.getKey(), printed.exports() + "\n" + command);
        assertThat(outcome.exitCode()).as(cli.getValue() + " running " + command + "\n" + outcome).isZero();
        assertThat(outcome.stdout()).as(cli.getValue()).contains("\"StackName\": \"" + STACK + "\"");
        System.out.println("The printed lines work with " + cli.getValue() + ": " + command);
      }
      assertThat(run.log().lines()).as("the command shown with the exports").contains("INFO   " + COMMAND);
    }
  }

  @Test
  @UserProperties({"lambda-sdlc.local.dir=target/local-goal-shell/boto3", "lambda-sdlc.local.port=0"})
  @InjectMojo(goal = "local")
  void boto3RunsWithThePrintedExports(LocalMojo mojo) throws Exception {
    assumeTrue(runs("python3", "-c", "import boto3"), "boto3 is not installed");
    try (LocalGoalRun run = LocalGoalRun.start(mojo, new LocalGoalRun.Lines(false))) {
      createStack(run.endpoint());
      Outcome outcome = bash(null, printed(run).exports() + "\npython3 -c 'import boto3; print(boto3.client("
          + "\"cloudformation\").describe_stacks()[\"Stacks\"][0][\"StackName\"])'");
      assertThat(outcome.exitCode()).as(outcome.toString()).isZero();
      assertThat(outcome.stdout().strip()).isEqualTo(STACK);
    }
  }

  private static Printed printed(LocalGoalRun run) {
    List<String> lines = run.log().lines().stream().filter(l -> l.startsWith("INFO   "))
        .map(l -> l.substring("INFO ".length()).strip()).toList();
    String exports = String.join("\n", lines.stream().filter(l -> l.startsWith("export ")).toList());
    String withUrl = lines.stream().filter(l -> l.startsWith("aws --endpoint-url")).findFirst().orElseThrow();
    // The printed endpoint is one the local cloud answers from its own host names only (loopback).
    assertThat(exports).contains("AWS_ENDPOINT_URL=" + run.endpoint());
    assertThat(run.endpoint().getHost()).isIn("127.0.0.1", "localhost", "[::1]");
    return new Printed(exports, withUrl);
  }

  private static void createStack(URI endpoint) {
    try (CloudFormationClient cfn = CloudFormationClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.create()).build()) {
      if (cfn.listStacks().stackSummaries().stream().noneMatch(s -> s.stackName().equals(STACK)
          && !s.stackStatusAsString().startsWith("DELETE"))) {
        cfn.createStack(r -> r.stackName(STACK).templateBody(
            "{\"Resources\":{\"Logs\":{\"Type\":\"AWS::Logs::LogGroup\"}}}"));
      }
    }
  }

  /** The AWS CLIs of this machine (on the PATH and Debian's), by their real path, with their version line. */
  private static Map<Path, String> awsClis() throws IOException {
    List<Path> candidates = new ArrayList<>();
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      candidates.add(Path.of(dir, "aws"));
    }
    candidates.add(Path.of("/usr/bin/aws"));
    candidates.add(Path.of("/usr/local/bin/aws"));
    Map<Path, String> clis = new LinkedHashMap<>();
    for (Path candidate : candidates) {
      if (Files.isExecutable(candidate) && !clis.containsKey(candidate.toRealPath())) {
        Outcome version = run(List.of(candidate.toString(), "--version"), Map.of());
        if (version.exitCode() == 0 && VERSION.matcher(version.stdout() + version.stderr()).find()) {
          clis.put(candidate.toRealPath(), (version.stdout() + version.stderr()).strip());
        }
      }
    }
    return clis;
  }

  record Outcome(int exitCode, String stdout, String stderr) {
  }

  /**
   * Runs a script in bash as a user's shell would, with no AWS settings of the user's own (no variables,
   * no config or credentials files), {@code aws} being the given CLI.
   */
  private Outcome bash(Path aws, String script) throws Exception {
    Path bin = Files.createDirectories(work.resolve("bin-" + System.nanoTime()));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("AWS_CONFIG_FILE", work.resolve("no-aws-config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", work.resolve("no-aws-credentials").toString());
    if (aws != null) {
      Files.createSymbolicLink(bin.resolve("aws"), aws);
      env.put("PATH", bin + File.pathSeparator + System.getenv("PATH"));
    }
    return run(List.of("bash", "-c", script), env);
  }

  private static boolean runs(String... command) {
    try {
      return run(List.of(command), Map.of()).exitCode() == 0;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Runs a command to its end (two minutes at most), its output kept in files: no pipe can fill up. */
  private static Outcome run(List<String> command, Map<String, String> extraEnv) throws IOException {
    Path out = Files.createTempFile("shell-exports", ".out");
    Path err = Files.createTempFile("shell-exports", ".err");
    try {
      ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
      pb.environment().putAll(extraEnv);
      Process p = pb.start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("Timed out: " + command);
      }
      return new Outcome(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
