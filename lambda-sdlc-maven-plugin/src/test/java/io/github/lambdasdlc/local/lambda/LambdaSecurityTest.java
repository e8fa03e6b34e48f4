package io.github.lambdasdlc.local.lambda;

import static io.github.lambdasdlc.local.lambda.LambdaTestSupport.create;
import static io.github.lambdasdlc.local.lambda.LambdaTestSupport.handlerZip;
import static io.github.lambdasdlc.local.lambda.LambdaTestSupport.waitActive;
import static io.github.lambdasdlc.local.lambda.LambdaTestSupport.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdasdlc.local.LocalCloud;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Attacks on the Lambda service of the local cloud (issue 12, items 4 and 8), each through the real SDK
 * client: the attack now gets a refusal or an AWS-shaped error, the secret never comes back, and the cloud
 * still answers afterwards.
 */
class LambdaSecurityTest {
  static final String SECRET = "hunter2-TOPSECRET";

  @TempDir
  Path dir;
  LocalCloud cloud;
  LambdaClient lambda;
  final List<String> logged = new CopyOnWriteArrayList<>();
  final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      logged.add(new SimpleFormatter().format(record));
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
    Logger.getLogger("io.github.lambdasdlc").addHandler(capture);
    start(b -> b);
  }

  void start(UnaryOperator<LocalCloudConfig.Builder> settings) {
    cloud = LocalCloud.start(settings.apply(LocalCloudConfig.builder(dir.resolve("state"))
        .lambdaUpdateDelay(Duration.ofMillis(50)).stackStepDelay(Duration.ofMillis(5))).build());
    lambda = LambdaTestSupport.client(cloud);
  }

  @AfterEach
  void stop() {
    Logger.getLogger("io.github.lambdasdlc").removeHandler(capture);
    lambda.close();
    cloud.close();
  }

  /** The cloud still creates, runs and answers after the attack. */
  private void stillAnswers(String name) {
    lambda.createFunction(create(name, handlerZip("alive")).build());
    waitActive(lambda, name);
    assertThat(lambda.invoke(b -> b.functionName(name).payload(SdkBytes.fromUtf8String("{}"))).payload().asUtf8String()).isEqualTo("\"alive\"");
  }

  @Test
  void environmentValueWithNulIsRefusedAtCreateAndUpdateWithoutQuotingIt() {
    Map<String, String> secret = Map.of("API_TOKEN", SECRET + "\0x", "PLAIN", "fine");
    assertThatThrownBy(() -> lambda.createFunction(create("nul", handlerZip("x"))
        .environment(e -> e.variables(secret)).build()))
        .isInstanceOfSatisfying(InvalidParameterValueException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.awsErrorDetails().errorMessage()).contains("API_TOKEN").contains("NUL")
              .doesNotContain(SECRET).doesNotContain("PLAIN");
        });

    lambda.createFunction(create("nul", handlerZip("x")).build());
    waitActive(lambda, "nul");
    assertThatThrownBy(() -> lambda.updateFunctionConfiguration(b -> b.functionName("nul")
        .environment(e -> e.variables(secret))))
        .isInstanceOfSatisfying(InvalidParameterValueException.class,
            e -> assertThat(e.awsErrorDetails().errorMessage()).contains("API_TOKEN").doesNotContain(SECRET));
    assertThat(lambda.getFunctionConfiguration(b -> b.functionName("nul")).environment()).isNull();

    stillAnswers("after-nul");
    assertThat(logged).noneMatch(l -> l.contains(SECRET));
  }

  @Test
  void environmentValueWithNulIsRefusedThroughCloudFormation() throws Exception {
    String template = """
        {"Resources": {
          "Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                           "Action": "sts:AssumeRole"}]}}},
          "Fn": {"Type": "AWS::Lambda::Function", "Properties": {
            "Runtime": "python3.12", "Handler": "index.handler", "Role": {"Fn::GetAtt": ["Role", "Arn"]},
            "Environment": {"Variables": {"API_TOKEN": "%s\\u0000x"}},
            "Code": {"ZipFile": "def handler(event, context):\\n    return 1\\n"}}}}}
        """.formatted(SECRET);
    try (CloudFormationClient cfn = CloudFormationClient.builder().endpointOverride(cloud.endpoint())
        .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build()) {
      cfn.createStack(r -> r.stackName("nul-stack").templateBody(template).capabilities(Capability.CAPABILITY_IAM));
      String status = "";
      for (int i = 0; i < 600 && !status.endsWith("_COMPLETE") && !status.endsWith("_FAILED"); i++) {
        Thread.sleep(50);
        status = cfn.describeStacks(r -> r.stackName("nul-stack")).stacks().get(0).stackStatusAsString();
      }
      assertThat(status).isEqualTo("ROLLBACK_COMPLETE");
      List<StackEvent> events = cfn.describeStackEvents(r -> r.stackName("nul-stack")).stackEvents();
      assertThat(events).anySatisfy(e -> {
        assertThat(e.logicalResourceId()).isEqualTo("Fn");
        assertThat(e.resourceStatusAsString()).isEqualTo("CREATE_FAILED");
        assertThat(e.resourceStatusReason()).contains("API_TOKEN").contains("NUL");
      });
      // (ResourceProperties echo the template's own properties, as AWS's events do; reasons never quote them.)
      assertThat(events).noneMatch(e -> String.valueOf(e.resourceStatusReason()).contains(SECRET));
    }
    stillAnswers("after-stack");
    assertThat(logged).noneMatch(l -> l.contains(SECRET));
  }

  private static final String CONTEXT_HANDLER = """
      import json
      def handler(event, context):
          c = context.client_context
          return {"custom": c.custom if c else None}
      """;

  @Test
  void clientContextMustBeBase64JsonObjectAndIsRefusedAtOnce() throws Exception {
    lambda.createFunction(create("ctx", zip(Map.of("index.py", CONTEXT_HANDLER))).timeout(300).build());
    waitActive(lambda, "ctx");
    String headerInjection = b64("{\"custom\":{\"a\":\"b\"}}\r\nX-Injected: yes");
    String rawNewlineInString = b64("{\"custom\":{\"a\":\"line1\r\nline2\"}}");
    for (String bad : List.of(headerInjection, rawNewlineInString, "not base64!", b64("[1, 2]"), b64("\"text\""),
        b64("{\"custom\": {\"k\": \"" + "v".repeat(3000) + "\"}}"))) {
      assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("ctx").clientContext(bad)))
          .as(bad.length() > 60 ? bad.substring(0, 60) + "..." : bad)
          .isInstanceOfSatisfying(InvalidRequestContentException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorMessage())
                .startsWith("Client context must be a valid Base64-encoded JSON object.");
          });
    }
    // CR/LF between JSON tokens and characters beyond ASCII are valid JSON: the runtime gets the same object.
    InvokeResponse ok = lambda.invoke(b -> b.functionName("ctx").payload(SdkBytes.fromUtf8String("{}"))
        .clientContext(b64("{\r\n  \"custom\": {\"name\": \"Zoë\", \"emoji\": \"\uD83D\uDE00\"}\r\n}")));
    assertThat(ok.functionError()).isNull();
    com.fasterxml.jackson.databind.JsonNode custom = io.github.lambdasdlc.local.core.Json.MAPPER
        .readTree(ok.payload().asUtf8String()).path("custom");
    assertThat(custom.path("name").asText()).isEqualTo("Zoë");
    assertThat(custom.path("emoji").asText()).isEqualTo("\uD83D\uDE00");
    stillAnswers("after-ctx");
  }

  @Test
  void zipsThatCannotBeUnpackedAreRefusedAtUpload() throws Exception {
    lambda.createFunction(create("zips", handlerZip("x")).build());
    waitActive(lambda, "zips");
    String handler = "def handler(event, context):\n    return 1\n";
    Map<String, byte[]> hostile = new java.util.LinkedHashMap<>();
    hostile.put("an entry named '.'", orderedZip(".", handler));
    hostile.put("a file a, then a/b", orderedZip("index.py", handler, "a", "x", "a/b", "y"));
    hostile.put("a name part over 255 bytes", orderedZip("index.py", handler, "n".repeat(256) + ".py", "x"));
    hostile.put("a very deep path", orderedZip("index.py", handler, "d/".repeat(2000) + "f.py", "x"));
    for (Map.Entry<String, byte[]> zip : hostile.entrySet()) {
      for (boolean atCreate : new boolean[] {true, false}) {
        assertThatThrownBy(() -> {
          if (atCreate) {
            lambda.createFunction(create("hostile", zip.getValue()).build());
          } else {
            lambda.updateFunctionCode(b -> b.functionName("zips").zipFile(SdkBytes.fromByteArray(zip.getValue())));
          }
        }).as(zip.getKey()).isInstanceOfSatisfying(InvalidParameterValueException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.awsErrorDetails().errorMessage())
              .startsWith("Could not unzip uploaded file. Please check your file, then try to upload again. The entry");
        });
      }
    }
    assertThat(lambda.listFunctions().functions()).extracting(f -> f.functionName()).containsExactly("zips");
    assertThat(lambda.invoke(b -> b.functionName("zips").payload(SdkBytes.fromUtf8String("{}"))).payload()
        .asUtf8String()).isEqualTo("\"x\"");
  }

  @Test
  void zipDashYSymlinksResolvingInsideRunAndThoseLeavingTheCodeAreRefused() throws Exception {
    io.github.lambdasdlc.local.lambda.code.ZipCommand.assumeAvailable();
    String source = """
        import os
        def handler(event, context):
            root = os.environ["LAMBDA_TASK_ROOT"]
            return {"link": os.path.islink(os.path.join(root, "index.py")), "target": os.readlink(os.path.join(root, "index.py"))}
        """;
    byte[] linked = io.github.lambdasdlc.local.lambda.code.ZipCommand.zipY(dir, Map.of("src/app.py", source),
        Map.of("index.py", "src/app.py"));
    lambda.createFunction(create("linked", linked).build());
    waitActive(lambda, "linked");
    assertThat(lambda.invoke(b -> b.functionName("linked").payload(SdkBytes.fromUtf8String("{}"))).payload()
        .asUtf8String()).isEqualTo("{\"link\": true, \"target\": \"src/app.py\"}");

    for (Map<String, String> links : List.of(Map.of("secrets", "/etc/passwd"), Map.of("up", "../../.."),
        Map.of("p", ".", "q", "p/.."))) {
      byte[] leaving = io.github.lambdasdlc.local.lambda.code.ZipCommand.zipY(dir, Map.of("index.py", source), links);
      assertThatThrownBy(() -> lambda.createFunction(create("leaving", leaving).build())).as(links.toString())
          .isInstanceOfSatisfying(InvalidParameterValueException.class, e -> assertThat(
              e.awsErrorDetails().errorMessage()).contains("is a symbolic link to").contains("outside"));
      assertThatThrownBy(() -> lambda.updateFunctionCode(b -> b.functionName("linked")
          .zipFile(SdkBytes.fromByteArray(leaving)))).isInstanceOf(InvalidParameterValueException.class);
    }
    stillAnswers("after-links");
  }

  /** A zip with entries in the order given (name, content, name, content...). */
  private static byte[] orderedZip(String... namesAndContents) throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
      for (int i = 0; i < namesAndContents.length; i += 2) {
        zip.putNextEntry(new java.util.zip.ZipEntry(namesAndContents[i]));
        zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
