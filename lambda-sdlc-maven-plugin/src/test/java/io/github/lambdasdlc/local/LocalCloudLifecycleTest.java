package io.github.lambdasdlc.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdasdlc.local.core.LocalCloudConfig;
import io.github.lambdasdlc.local.core.StateStoreException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCloudLifecycleTest {
  @TempDir
  Path dir;

  @Test
  void listensOnLoopbackOnly() {
    try (LocalCloud cloud = LocalCloud.start(LocalCloudConfig.builder(dir).build())) {
      assertThat(cloud.endpoint().getHost()).isEqualTo("127.0.0.1");
      assertThat(cloud.endpoint().getPort()).isPositive();
    }
  }

  @Test
  void secondCloudOnTheSameDirectoryIsRefusedWithTheHolderNamed() {
    try (LocalCloud first = LocalCloud.start(LocalCloudConfig.builder(dir).build())) {
      assertThatThrownBy(() -> LocalCloud.start(LocalCloudConfig.builder(dir).build()))
          .isInstanceOf(StateStoreException.class)
          .hasMessageContaining("is in use by")
          .hasMessageContaining(first.endpoint().toString())
          .hasMessageContaining("lambda-sdlc.local.dir");
    }
    // Released on close: a new cloud may take it.
    LocalCloud.start(LocalCloudConfig.builder(dir).build()).close();
  }

  @Test
  void directoryOfAnotherFormatIsRefused() throws Exception {
    Files.writeString(dir.resolve("format.json"), "{\"format\":99}");
    assertThatThrownBy(() -> LocalCloud.start(LocalCloudConfig.builder(dir).build()))
        .isInstanceOf(StateStoreException.class)
        .hasMessageContaining("format 99")
        .hasMessageContaining("reads format " + io.github.lambdasdlc.local.core.StateStore.FORMAT);
  }

  @Test
  void foreignNonEmptyDirectoryIsRefused() throws Exception {
    Files.writeString(dir.resolve("pom.xml"), "<project/>");
    assertThatThrownBy(() -> LocalCloud.start(LocalCloudConfig.builder(dir).build()))
        .isInstanceOf(StateStoreException.class)
        .hasMessageContaining("not a local cloud's state directory");
    assertThat(dir.resolve("pom.xml")).exists();
  }

  @Test
  void requestForAnUnemulatedServiceGetsAnAwsShapedError() throws Exception {
    try (LocalCloud cloud = LocalCloud.start(LocalCloudConfig.builder(dir).build())) {
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(cloud.endpoint() + "/"))
              .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/s3/aws4_request, "
                  + "SignedHeaders=host, Signature=00")
              .GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("UnrecognizedClientException");
      // S3 speaks REST-XML: its error document is XML, whose text escapes the quotes.
      assertThat(response.body()).startsWith("<Error><Code>UnrecognizedClientException</Code>");
      assertThat(response.body().replace("&apos;", "'")).contains("does not emulate the AWS service 's3'");
    }
  }
}
