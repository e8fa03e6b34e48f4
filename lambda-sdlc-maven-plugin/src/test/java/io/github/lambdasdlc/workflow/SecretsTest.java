package io.github.lambdasdlc.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets planted in a build (a function environment value, a NoEcho parameter value, the AWS credentials
 * of the build) appear in nothing the goals print or write, nor in what the local cloud logs or answers
 * about stacks: events of every goal, messages of failing goals, status, stack events and DescribeStacks,
 * java.util.logging, the JUnit reports of integration-test. What a function prints itself is the user's
 * business and is not checked.
 */
class SecretsTest {
  static final String TEMPLATE = """
      AWSTemplateFormatVersion: '2010-09-09'
      Parameters:
        DbPassword:
          Type: String
          NoEcho: true
          MinLength: 8
      Resources:
        Role:
          Type: AWS::IAM::Role
          Properties:
            AssumeRolePolicyDocument:
              Version: '2012-10-17'
              Statement:
                - Effect: Allow
                  Principal: {Service: lambda.amazonaws.com}
                  Action: sts:AssumeRole
        Fn:
          Type: AWS::Lambda::Function
          Properties:
            Runtime: python3.12
            Handler: index.handler
            Role: !GetAtt Role.Arn
            Environment:
              Variables:
                DB_PASSWORD: !Ref DbPassword
            Code:
              ZipFile: |
                def handler(event, context):
                    return "stub"
      """;

  @TempDir
  Path dir;
  WorkflowTestSupport local;
  final String envSecret = "envsecret" + UUID.randomUUID().toString().replace("-", "");
  final String noEchoSecret = "noecho" + UUID.randomUUID().toString().replace("-", "");
  final String noEchoSecret2 = "noechotwo" + UUID.randomUUID().toString().replace("-", "");
  final String shortSecret = "sh" + UUID.randomUUID().toString().substring(0, 4);
  final String accessKey = "AKIA" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
  final String secretKey = "secretkey" + UUID.randomUUID().toString().replace("-", "");
  final String sessionToken = "sessiontoken" + UUID.randomUUID().toString().replace("-", "");
  final List<String> logged = new ArrayList<>();
  final Logger ours = Logger.getLogger("io.github.lambdasdlc");
  Level oursBefore;
  final Handler capture = new Handler() {
    final SimpleFormatter format = new SimpleFormatter();

    @Override
    public void publish(LogRecord record) {
      synchronized (logged) {
        logged.add(format.format(record));
      }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };

  @BeforeEach
  void start() {
    // The credentials of the build, as the SDK's default chain finds them (system properties come first).
    System.setProperty("aws.accessKeyId", accessKey);
    System.setProperty("aws.secretAccessKey", secretKey);
    System.setProperty("aws.sessionToken", sessionToken);
    oursBefore = ours.getLevel();
    ours.setLevel(Level.ALL);
    ours.addHandler(capture);
    capture.setLevel(Level.ALL);
    local = new WorkflowTestSupport(dir);
  }

  @AfterEach
  void stop() {
    local.close();
    ours.removeHandler(capture);
    ours.setLevel(oursBefore);
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    System.clearProperty("aws.sessionToken");
  }

  private List<String> secrets() {
    return List.of(envSecret, noEchoSecret, noEchoSecret2, shortSecret, secretKey, sessionToken, accessKey);
  }

  /** A failing goal's message and, as Maven's -e would print it, its whole stack trace with causes. */
  private static String failure(Throwable t) {
    assertThat(t).isInstanceOf(WorkflowException.class);
    StringWriter s = new StringWriter();
    t.printStackTrace(new PrintWriter(s));
    return t.getMessage() + "\n" + s;
  }

  @Test
  void plantedSecretsAppearNowhere() throws Exception {
    ObjectMapper json = new ObjectMapper();
    StackTemplate template = new StackTemplate(TEMPLATE, "template.yaml");
    StringBuilder seen = new StringBuilder();

    // init, twice, the second time with a new NoEcho value (an update)
    StackConvergence.Result stack = new StackConvergence(local.clients, local.events).converge(
        new StackConvergence.Request("secret-app", template, Map.of("DbPassword", noEchoSecret), Map.of(), false, null));
    new StackConvergence(local.clients, local.events).converge(
        new StackConvergence.Request("secret-app", template, Map.of("DbPassword", noEchoSecret2), Map.of(), false, null));
    // a failing init: the value breaks MinLength
    seen.append(failure(catchThrowable(() -> new StackConvergence(local.clients, local.events).converge(
        new StackConvergence.Request("secret-app", template, Map.of("DbPassword", shortSecret), Map.of(), false,
            null)))));

    // prepare, with a secret in the environment; and a failing prepare whose environment is refused
    new FunctionPreparation(local.clients, local.events).prepare(new FunctionPreparation.Request(stack.functionName(),
        "java21", JavaHandler.parse(WorkflowTestSupport.GREETING, "h"), 512, 30,
        Map.of("API_KEY", envSecret, "DB_PASSWORD", noEchoSecret2), null, null));
    seen.append(failure(catchThrowable(() -> new FunctionPreparation(local.clients, local.events).prepare(
        new FunctionPreparation.Request(stack.functionName(), "java21", JavaHandler.parse(WorkflowTestSupport.GREETING,
            "h"), 512, 30, Map.of("API_KEY", envSecret, "AWS_REGION", envSecret), null, null)))));
    seen.append(failure(catchThrowable(() -> new FunctionPreparation(local.clients, local.events).prepare(
        new FunctionPreparation.Request(stack.functionName(), "java21", JavaHandler.parse(WorkflowTestSupport.GREETING,
            "h"), 512, 30, Map.of("API_KEY", envSecret + "x".repeat(5000)), null, null)))));

    // deploy, integration-test with a passing and a failing case
    DeploymentZip.Result zip = WorkflowTestSupport.fixturePackage(dir, "one");
    new CodePush(local.clients, local.events).push(new CodePush.Request(stack.functionName(), zip, true, "live"));
    Path events = Files.createDirectories(dir.resolve("events"));
    Files.writeString(events.resolve("greets.json"), "{\"event\": {\"name\": \"Ada\"}, \"expect\": {\"response\": \"Hello, Ada\"}}");
    Files.writeString(events.resolve("fails.json"), "{\"event\": {\"name\": \"\"}, \"expect\": {\"response\": \"Hello\"}}");
    Path reports = dir.resolve("reports");
    EventCaseSuite.Result tested = new EventCaseSuite(local.clients, local.events, json).run(new EventCaseSuite.Request(
        stack.functionName(), zip, true, EventCaseSuite.load(events, json, local.events), reports, "secret-app"));
    assertThat(tested.failures()).isEqualTo(1);

    // status
    new StatusReport(local.events).print(new FunctionStatus(local.clients).gather(
        new FunctionStatus.Request("secret-app", null, null, zip)));

    // What CloudFormation tells anyone about the stack: NoEcho masked.
    var described = local.clients.cloudFormation().describeStacks(b -> b.stackName("secret-app")).stacks().get(0);
    assertThat(described.parameters()).singleElement()
        .satisfies(p -> assertThat(p.parameterValue()).isEqualTo("****"));
    seen.append(described).append('\n');
    local.clients.cloudFormation().describeStackEventsPaginator(b -> b.stackName("secret-app")).stackEvents()
        .forEach(e -> seen.append(e).append('\n'));

    seen.append(local.events.text()).append('\n');
    try (Stream<Path> files = Files.walk(reports)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        seen.append(Files.readString(p)).append('\n');
      }
    }
    synchronized (logged) {
      logged.forEach(l -> seen.append(l).append('\n'));
    }

    // The checks found something to read: the events of every goal, the report, the failures.
    assertThat(seen).contains("Creating stack secret-app", "Prepared function", "Deployed ", "FAIL fails",
        "<testsuite", "must contain at least 8 characters", "Reserved keys used in this request: AWS_REGION",
        "exceeded the 4KB limit");
    for (String secret : secrets()) {
      assertThat(seen.toString()).as("where a secret must not be").doesNotContain(secret);
    }
  }
}
