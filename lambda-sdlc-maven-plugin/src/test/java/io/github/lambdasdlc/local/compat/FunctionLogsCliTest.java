package io.github.lambdasdlc.local.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdasdlc.local.LocalCloud;
import io.github.lambdasdlc.local.LocalCloudConfig;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * What a function prints reaches CloudWatch Logs as AWS's own CLI reads it: {@code aws logs
 * filter-log-events} on {@code /aws/lambda/<function>} returns the lines of a real invocation, in its
 * {@code YYYY/MM/DD/[$LATEST]<id>} stream, as the logs goal reads them. Skipped without the AWS CLI.
 */
class FunctionLogsCliTest {
  @TempDir
  Path dir;
  LocalCloud cloud;
  LambdaClient lambda;

  @BeforeEach
  void start() {
    assumeTrue(ExternalClient.available("aws", "--version"), "the AWS CLI is not installed");
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

  private static byte[] zip(String source) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("index.py"));
      zip.write(source.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }
}
