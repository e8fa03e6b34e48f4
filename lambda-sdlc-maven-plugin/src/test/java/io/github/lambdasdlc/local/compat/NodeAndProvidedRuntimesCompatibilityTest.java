package io.github.lambdasdlc.local.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdasdlc.local.LocalCloud;
import io.github.lambdasdlc.local.core.Json;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionCode;
import software.amazon.awssdk.services.lambda.model.GetFunctionRequest;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

/**
 * Node.js and OS-only ({@code provided.*}) functions on the local cloud through the real SDK, the AWS CLI and
 * boto3: created from zips a user would make ({@code zip -r}, an executable bootstrap) and from a template's
 * inline {@code index.js}, invoked with their logs' tails (REPORT lines), errors and timeouts.
 */
class NodeAndProvidedRuntimesCompatibilityTest {
  @TempDir
  static Path dir;
  static LocalCloud cloud;
  static LambdaClient lambda;
  static ExternalClient external;

  static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";
  static final WaiterOverrideConfiguration FAST = WaiterOverrideConfiguration.builder().maxAttempts(200)
      .backoffStrategy(software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy.create(Duration.ofMillis(100)))
      .build();

  static final String SHELL_BOOTSTRAP = String.join("\n",
      "#!/bin/sh",
      "API=\"http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime\"",
      "while true; do",
      "  HEADERS=$(mktemp)",
      "  EVENT=$(curl -sS -D \"$HEADERS\" \"$API/invocation/next\")",
      "  ID=$(grep -i Lambda-Runtime-Aws-Request-Id \"$HEADERS\" | tr -d '[:space:]' | cut -d: -f2)",
      "  rm -f \"$HEADERS\"",
      "  echo \"shell runtime got $EVENT\"",
      "  curl -sS -o /dev/null -X POST \"$API/invocation/$ID/response\" -d \"{\\\"echo\\\":$EVENT}\"",
      "done",
      "");

  @BeforeAll
  static void start() {
    assumeTrue(ExternalClient.available("node", "--version"), "node is not installed");
    cloud = LocalCloud.start(LocalCloudConfig.builder(dir.resolve("state")).lambdaUpdateDelay(Duration.ofMillis(50))
        .stackStepDelay(Duration.ofMillis(5)).build());
    lambda = LambdaClient.builder().endpointOverride(cloud.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.create()).build();
    external = new ExternalClient(cloud.endpoint(), dir);
  }

  @AfterAll
  static void stop() {
    if (cloud != null) {
      lambda.close();
      cloud.close();
    }
  }

  /** A zip of a directory made with the {@code zip} command, which keeps Unix modes, as a user would make it. */
  static byte[] zipOf(String name, Map<String, String> files, String executable) throws Exception {
    Path src = Files.createDirectories(dir.resolve("src-" + name));
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path file = src.resolve(f.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, f.getValue());
      if (f.getKey().equals(executable)) {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    }
    Path zip = dir.resolve(name + ".zip");
    Process p = new ProcessBuilder("zip", "-q", "-r", zip.toString(), ".").directory(src.toFile())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as("zip: " + out).isTrue();
    return Files.readAllBytes(zip);
  }

  static void create(String name, String runtime, String handler, byte[] zip, int timeout) {
    lambda.createFunction(b -> b.functionName(name).runtime(runtime).handler(handler).role(ROLE).timeout(timeout)
        .code(FunctionCode.builder().zipFile(SdkBytes.fromByteArray(zip)).build()));
    lambda.waiter().waitUntilFunctionActiveV2(GetFunctionRequest.builder().functionName(name).build(), FAST);
  }

  static InvokeResponse invoke(String name, String payload) {
    return lambda.invoke(b -> b.functionName(name).logType(LogType.TAIL).payload(SdkBytes.fromUtf8String(payload)));
  }

  static String tail(InvokeResponse r) {
    return new String(Base64.getDecoder().decode(r.logResult()), StandardCharsets.UTF_8);
  }

  static JsonNode json(SdkBytes payload) throws IOException {
    return Json.MAPPER.readTree(payload.asByteArray());
  }

  @Test
  void nodeFunctionsRunThroughTheSdk() throws Exception {
    create("node-async", "nodejs22.x", "index.handler", zipOf("node-async", Map.of("index.mjs",
        "export const handler = async (event, context) => { console.log('hello', event.name);"
            + " return { hi: event.name, fn: context.functionName }; };"), null), 10);
    InvokeResponse r = invoke("node-async", "{\"name\":\"ada\"}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.functionError()).isNull();
    assertThat(json(r.payload()).path("hi").asText()).isEqualTo("ada");
    assertThat(json(r.payload()).path("fn").asText()).isEqualTo("node-async");
    assertThat(tail(r)).containsPattern("\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\t[0-9a-f-]{36}\tINFO\thello ada")
        .contains("REPORT RequestId: ").contains("Init Duration: ");

    create("node-callback", "nodejs22.x", "index.handler", zipOf("node-callback", Map.of("index.js",
        "exports.handler = (event, context, callback) => { setTimeout(() => callback(null, 'called back'), 20); };"),
        null), 10);
    assertThat(json(invoke("node-callback", "{}").payload()).asText()).isEqualTo("called back");

    create("node-esm", "nodejs24.x", "src/app.handler", zipOf("node-esm", Map.of("package.json",
        "{\"type\":\"module\"}", "src/app.js", "export async function handler() { return 'esm'; }"), null), 10);
    assertThat(json(invoke("node-esm", "{}").payload()).asText()).isEqualTo("esm");

    create("node-error", "nodejs24.x", "index.handler", zipOf("node-error", Map.of("index.js",
        "exports.handler = async () => { throw new TypeError('bad input'); };"), null), 10);
    InvokeResponse error = invoke("node-error", "{}");
    assertThat(error.statusCode()).isEqualTo(200);
    assertThat(error.functionError()).isEqualTo("Unhandled");
    assertThat(json(error.payload()).path("errorType").asText()).isEqualTo("TypeError");
    assertThat(json(error.payload()).path("errorMessage").asText()).isEqualTo("bad input");
    assertThat(tail(error)).contains("\tERROR\tInvoke Error \t{\"errorType\":\"TypeError\"");

    create("node-timeout", "nodejs22.x", "index.handler", zipOf("node-timeout", Map.of("index.js",
        "exports.handler = async () => new Promise((resolve) => setTimeout(resolve, 5000));"), null), 1);
    InvokeResponse timeout = invoke("node-timeout", "{}");
    assertThat(timeout.functionError()).isEqualTo("Unhandled");
    assertThat(json(timeout.payload()).path("errorMessage").asText()).endsWith("Task timed out after 1.00 seconds");
    assertThat(tail(timeout)).contains("Status: timeout");

    // nodejs20.x: AWS blocks creating functions on it (since 2026-06-01 by its runtime table).
    byte[] node20 = zipOf("node-20", Map.of("index.js", "exports.handler = async () => 1;"), null);
    assertThatThrownBy(() -> lambda.createFunction(b -> b.functionName("node-20").runtime("nodejs20.x")
        .handler("index.handler").role(ROLE).code(FunctionCode.builder().zipFile(SdkBytes.fromByteArray(node20))
            .build())))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("The runtime parameter of nodejs20.x is no longer supported");
  }

  @Test
  void providedFunctionsRunTheirBootstrapThroughTheSdk() throws Exception {
    create("provided-shell", "provided.al2023", "function.handler",
        zipOf("provided-shell", Map.of("bootstrap", SHELL_BOOTSTRAP), "bootstrap"), 10);
    InvokeResponse r = invoke("provided-shell", "{\"n\":7}");
    assertThat(r.functionError()).isNull();
    assertThat(json(r.payload()).path("echo").path("n").asInt()).isEqualTo(7);
    assertThat(tail(r)).contains("shell runtime got {\"n\":7}").contains("REPORT RequestId: ");

    create("provided-missing", "provided.al2023", "function.handler",
        zipOf("provided-missing", Map.of("main.sh", SHELL_BOOTSTRAP), "main.sh"), 10);
    InvokeResponse missing = invoke("provided-missing", "{}");
    assertThat(missing.functionError()).isEqualTo("Unhandled");
    assertThat(json(missing.payload()).path("errorType").asText()).isEqualTo("Runtime.InvalidEntrypoint");
    assertThat(tail(missing)).contains("Error Type: Runtime.InvalidEntrypoint");
  }

  @Test
  void theCliAndBoto3InvokeNodeAndProvidedFunctions() throws Exception {
    assumeTrue(ExternalClient.available("aws", "--version"), "the AWS CLI is not installed");
    create("cli-node", "nodejs24.x", "index.handler", zipOf("cli-node", Map.of("index.js",
        "exports.handler = async (event) => { console.info('cli says', event.word); return event.word.length; };"),
        null), 10);
    create("cli-error", "nodejs22.x", "index.handler", zipOf("cli-error", Map.of("index.js",
        "exports.handler = (event, context, callback) => callback(new RangeError('too far'));"), null), 10);
    create("cli-provided", "provided.al2023", "function.handler",
        zipOf("cli-provided", Map.of("bootstrap", SHELL_BOOTSTRAP), "bootstrap"), 10);
    Files.writeString(dir.resolve("event.json"), "{\"word\":\"lambda\"}");
    for (String fn : List.of("cli-node", "cli-provided")) {
      JsonNode out = external.aws("lambda", "invoke", "--function-name", fn, "--log-type", "Tail",
          "--payload", "fileb://event.json", dir.resolve(fn + ".out").toString()).ok().json();
      assertThat(out.path("StatusCode").asInt()).isEqualTo(200);
      String log = new String(Base64.getDecoder().decode(out.path("LogResult").asText()), StandardCharsets.UTF_8);
      assertThat(log).contains("REPORT RequestId: ");
    }
    assertThat(Files.readString(dir.resolve("cli-node.out"))).isEqualTo("6");
    assertThat(Files.readString(dir.resolve("cli-provided.out"))).isEqualTo("{\"echo\":{\"word\":\"lambda\"}}");

    assumeTrue(ExternalClient.available("python3", "-c", "import boto3"), "boto3 is not installed");
    Path script = dir.resolve("invoke.py");
    Files.writeString(script, String.join("\n",
        "import base64, json, sys, boto3",
        "client = boto3.client('lambda')",
        "out = {}",
        "for name in sys.argv[1:]:",
        "    r = client.invoke(FunctionName=name, LogType='Tail', Payload=b'{\"word\": \"boto\"}')",
        "    out[name] = {'payload': json.loads(r['Payload'].read()), 'error': r.get('FunctionError'),",
        "                 'log': base64.b64decode(r['LogResult']).decode()}",
        "print(json.dumps(out))",
        ""));
    JsonNode boto = external.python(script, "cli-node", "cli-provided", "cli-error").ok().json();
    assertThat(boto.path("cli-node").path("payload").asInt()).isEqualTo(4);
    assertThat(boto.path("cli-node").path("log").asText()).contains("\tINFO\tcli says boto").contains("REPORT");
    assertThat(boto.path("cli-provided").path("payload").path("echo").path("word").asText()).isEqualTo("boto");
    assertThat(boto.path("cli-error").path("error").asText()).isEqualTo("Unhandled");
    assertThat(boto.path("cli-error").path("payload").path("errorType").asText()).isEqualTo("RangeError");
    assertThat(boto.path("cli-error").path("payload").path("trace").get(0).asText()).isEqualTo("RangeError: too far");
  }

  @Test
  void aTemplatesInlineNodeCodeRuns() throws Exception {
    try (CloudFormationClient cfn = CloudFormationClient.builder().endpointOverride(cloud.endpoint())
        .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build()) {
      cfn.createStack(b -> b.stackName("node-inline").templateBody(String.join("\n",
          "Resources:",
          "  Fn:",
          "    Type: AWS::Lambda::Function",
          "    Properties:",
          "      Runtime: nodejs22.x",
          "      Handler: index.handler",
          "      Role: " + ROLE,
          "      Code:",
          "        ZipFile: |",
          "          exports.handler = async (event) => ({ stub: true, got: event });",
          "Outputs:",
          "  Name:",
          "    Value: !Ref Fn",
          "")));
      String name = cfn.waiter().waitUntilStackCreateComplete(software.amazon.awssdk.services.cloudformation.model
          .DescribeStacksRequest.builder().stackName("node-inline").build(), FAST).matched()
          .response().orElseThrow().stacks().get(0).outputs().stream().filter(o -> o.outputKey().equals("Name"))
          .map(Output::outputValue).findFirst().orElseThrow();
      InvokeResponse r = invoke(name, "{\"a\":1}");
      assertThat(json(r.payload()).path("stub").asBoolean()).isTrue();
      assertThat(json(r.payload()).path("got").path("a").asInt()).isEqualTo(1);
      assertThat(tail(r)).contains("REPORT RequestId: ");
    }
  }
}
