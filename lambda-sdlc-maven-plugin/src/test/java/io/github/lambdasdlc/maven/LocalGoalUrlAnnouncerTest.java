package io.github.lambdasdlc.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lambdasdlc.local.LocalCloud;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** The local goal prints a function URL when it appears and when it goes away, once each. */
class LocalGoalUrlAnnouncerTest {
  @TempDir
  Path dir;

  @Test
  void printsEachNewAndDeletedUrlOnce() throws Exception {
    try (LocalCloud cloud = LocalCloud.start(LocalCloudConfig.builder(dir).lambdaUpdateDelay(Duration.ofMillis(50))
        .build());
        LambdaClient lambda = LambdaClient.builder().endpointOverride(cloud.endpoint()).region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t")))
            .httpClient(UrlConnectionHttpClient.create()).build()) {
      CapturingLog log = new CapturingLog();
      LocalMojo.UrlAnnouncer announcer = new LocalMojo.UrlAnnouncer(log);
      announcer.watch(cloud);
      byte[] code = zip();
      lambda.createFunction(b -> b.functionName("web").runtime(Runtime.PYTHON3_12).handler("index.handler")
          .role("arn:aws:iam::000000000000:role/r").code(c -> c.zipFile(SdkBytes.fromByteArray(code))));
      announcer.announceChanges();
      assertThat(log.lines).isEmpty();

      String url = lambda.createFunctionUrlConfig(b -> b.functionName("web").authType(FunctionUrlAuthType.NONE))
          .functionUrl();
      announcer.announceChanges();
      announcer.announceChanges();
      lambda.deleteFunctionUrlConfig(b -> b.functionName("web"));
      announcer.announceChanges();

      assertThat(log.lines).containsExactly(
          "INFO Function URL of arn:aws:lambda:us-east-1:000000000000:function:web: " + url,
          "INFO Function URL of arn:aws:lambda:us-east-1:000000000000:function:web: deleted");
    }
  }

  private static byte[] zip() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("index.py"));
      zip.write("def handler(event, context):\n    return 'hi'\n".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }
}
