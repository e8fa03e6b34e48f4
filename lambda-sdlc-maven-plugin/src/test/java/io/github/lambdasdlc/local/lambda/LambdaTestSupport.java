package io.github.lambdasdlc.local.lambda;

import io.github.lambdasdlc.local.LocalCloud;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.FunctionCode;
import software.amazon.awssdk.services.lambda.model.GetFunctionRequest;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** Shared set-up for the Lambda tests: a local cloud, the real SDK client and small zips made in memory. */
final class LambdaTestSupport {
  static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";
  static final WaiterOverrideConfiguration FAST_WAIT = WaiterOverrideConfiguration.builder()
      .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(100)))
      .maxAttempts(100)
      .build();

  private LambdaTestSupport() {
  }

  static LocalCloud start(Path dir) {
    return start(dir, Duration.ofMillis(50));
  }

  static LocalCloud start(Path dir, Duration updateDelay) {
    return LocalCloud.start(LocalCloudConfig.builder(dir).lambdaUpdateDelay(updateDelay).build());
  }

  static LambdaClient client(LocalCloud cloud) {
    return LambdaClient.builder()
        .endpointOverride(cloud.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /** A zip with the given files (name to UTF-8 content). */
  static byte[] zip(Map<String, String> files) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, String> f : files.entrySet()) {
        ZipEntry entry = new ZipEntry(f.getKey());
        // A fixed time makes the same files the same zip (and the same CodeSha256) whenever it is made.
        entry.setTime(1_767_225_600_000L);
        zip.putNextEntry(entry);
        zip.write(f.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static byte[] handlerZip(String marker) {
    return zip(Map.of("index.py", "def handler(event, context):\n    return '" + marker + "'\n"));
  }

  static CreateFunctionRequest.Builder create(String name, byte[] zip) {
    return CreateFunctionRequest.builder()
        .functionName(name)
        .runtime(Runtime.PYTHON3_12)
        .role(ROLE)
        .handler("index.handler")
        .code(FunctionCode.builder().zipFile(SdkBytes.fromByteArray(zip)).build());
  }

  static void waitActive(LambdaClient client, String name) {
    client.waiter().waitUntilFunctionActiveV2(GetFunctionRequest.builder().functionName(name).build(), FAST_WAIT)
        .matched().response().orElseThrow();
  }

  static void waitUpdated(LambdaClient client, String name) {
    client.waiter().waitUntilFunctionUpdatedV2(GetFunctionRequest.builder().functionName(name).build(), FAST_WAIT)
        .matched().response().orElseThrow();
  }

  /** A raw request signed just enough (the credential scope) to be routed to Lambda. */
  static HttpResponse<String> raw(LocalCloud cloud, String method, String path, byte[] body) {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(cloud.endpoint() + path))
          .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/lambda/aws4_request, "
              + "SignedHeaders=host, Signature=00")
          .header("Content-Type", "application/json")
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
          .build();
      return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
