package io.github.lambdasdlc.local.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdasdlc.local.LocalCloud;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import io.github.lambdasdlc.local.lambda.execution.handlers.LogCallsHandler;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * What a function prints reaches CloudWatch Logs as AWS's own CLI reads it: {@code aws logs
 * filter-log-events} on {@code /aws/lambda/<function>} returns the lines of a real invocation, in its
 * {@code YYYY/MM/DD/[$LATEST]<id>} stream, as the logs goal reads them. The CLI's parts are skipped
 * without the AWS CLI.
 */
class FunctionLogsCliTest {
  @TempDir
  Path dir;
  LocalCloud cloud;
  LambdaClient lambda;

  @BeforeEach
  void start() {
    cloud = LocalCloud.start(LocalCloudConfig.builder(dir.resolve("state")).lambdaUpdateDelay(Duration.ofMillis(50))
        .build());
    URI endpoint = cloud.endpoint();
    lambda = LambdaClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.create()).build();
  }

  @AfterEach
  void stop() {
    if (lambda != null) {
      lambda.close();
    }
    if (cloud != null) {
      cloud.close();
    }
  }

  @Test
  void filterLogEventsReturnsTheLinesAFunctionPrinted() throws Exception {
    assumeTrue(ExternalClient.available("aws", "--version"), "the AWS CLI is not installed");
    byte[] code = zip("""
        def handler(event, context):
            print("hello " + event["name"])
            print("second line for " + event["name"])
            return {"ok": True}
        """);
    lambda.createFunction(b -> b.functionName("printer").runtime(Runtime.PYTHON3_12)
        .role("arn:aws:iam::000000000000:role/lambda-role").handler("index.handler")
        .code(c -> c.zipFile(SdkBytes.fromByteArray(code))));
    lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("printer"));
    for (String name : List.of("Ada", "Bo")) {
      var r = lambda.invoke(b -> b.functionName("printer").payload(SdkBytes.fromUtf8String("{\"name\":\"" + name + "\"}")));
      assertThat(r.functionError()).isNull();
    }

    ExternalClient cli = new ExternalClient(cloud.endpoint(), dir);
    JsonNode all = cli.aws("logs", "filter-log-events", "--log-group-name", "/aws/lambda/printer").ok().json();
    List<String> messages = new ArrayList<>();
    all.path("events").forEach(e -> messages.add(e.path("message").asText().strip()));
    assertThat(messages).containsSubsequence("hello Ada", "second line for Ada", "hello Bo", "second line for Bo");
    assertThat(messages).anyMatch(m -> m.startsWith("START RequestId: ")).anyMatch(m -> m.startsWith("REPORT RequestId: "));
    assertThat(all.path("events").get(0).path("logStreamName").asText())
        .matches("\\d{4}/\\d{2}/\\d{2}/\\[\\$LATEST][0-9a-f]{32}");

    JsonNode filtered = cli.aws("logs", "filter-log-events", "--log-group-name", "/aws/lambda/printer",
        "--filter-pattern", "hello").ok().json();
    List<String> hellos = new ArrayList<>();
    filtered.path("events").forEach(e -> hellos.add(e.path("message").asText().strip()));
    assertThat(hellos).containsExactly("hello Ada", "hello Bo");
  }

  @Test
  void eachLogCallOfAJavaFunctionIsALogEventOfItsOwn() throws Exception {
    String handler = LogCallsHandler.class.getName().replace('.', '/') + ".class";
    byte[] code;
    try (var in = LogCallsHandler.class.getClassLoader().getResourceAsStream(handler)) {
      code = zip(handler, in.readAllBytes());
    }
    lambda.createFunction(b -> b.functionName("log-calls").runtime("java21").memorySize(256).timeout(30)
        .role("arn:aws:iam::000000000000:role/lambda-role").handler(LogCallsHandler.class.getName() + "::handleRequest")
        .code(c -> c.zipFile(SdkBytes.fromByteArray(code))));
    lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("log-calls"));
    InvokeResponse ok = lambda.invoke(b -> b.functionName("log-calls").logType(LogType.TAIL)
        .payload(SdkBytes.fromUtf8String("{\"orderId\":\"o-1\"}")));
    assertThat(ok.functionError()).isNull();
    // The tail (X-Amz-Log-Result) has a line an event, as AWS's has.
    assertThat(new String(Base64.getDecoder().decode(ok.logResult()), StandardCharsets.UTF_8).lines())
        .contains("{\"lines\":[]}", "second call", "through LambdaRuntime", "two lines", "in one call");
    InvokeResponse failed = lambda.invoke(b -> b.functionName("log-calls").payload(SdkBytes.fromUtf8String("{}")));
    assertThat(failed.functionError()).isEqualTo("Unhandled");

    try (CloudWatchLogsClient logs = CloudWatchLogsClient.builder().endpointOverride(cloud.endpoint())
        .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build()) {
      String error = "orderId is required: java.lang.IllegalArgumentException\n";
      List<String> messages = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      do {
        messages.clear();
        logs.filterLogEventsPaginator(b -> b.logGroupName("/aws/lambda/log-calls")).events()
            .forEach(e -> messages.add(e.message()));
      } while (messages.stream().noneMatch(m -> m.startsWith(error)) && System.nanoTime() < deadline && pause());
      assertThat(messages).containsSubsequence("{\"lines\":[]}", "second call", "through LambdaRuntime",
          "two lines\nin one call", "{\"lines\":[]}", "second call", "through LambdaRuntime", "two lines\nin one call");
      assertThat(messages).filteredOn(m -> m.startsWith(error)).hasSize(1);
      assertThat(messages).noneMatch(m -> m.contains("}second") || m.contains("}orderId"));

      List<String> filtered = logs.filterLogEvents(b -> b.logGroupName("/aws/lambda/log-calls")
          .filterPattern("\"second call\"")).events().stream().map(e -> e.message()).toList();
      assertThat(filtered).containsExactly("second call", "second call");
    }

    assumeTrue(ExternalClient.available("aws", "--version"), "the AWS CLI is not installed");
    JsonNode cli = new ExternalClient(cloud.endpoint(), dir).aws("logs", "filter-log-events", "--log-group-name",
        "/aws/lambda/log-calls", "--filter-pattern", "\"second call\"").ok().json();
    List<String> seen = new ArrayList<>();
    cli.path("events").forEach(e -> seen.add(e.path("message").asText()));
    assertThat(seen).containsExactly("second call", "second call");
  }

  private static boolean pause() throws InterruptedException {
    Thread.sleep(50);
    return true;
  }

  private static byte[] zip(String source) throws Exception {
    return zip("index.py", source.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] zip(String name, byte[] content) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry(name));
      zip.write(content);
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }
}
