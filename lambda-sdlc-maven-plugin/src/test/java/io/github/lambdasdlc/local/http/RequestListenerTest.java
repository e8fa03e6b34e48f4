package io.github.lambdasdlc.local.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdasdlc.local.LocalCloud;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import io.github.lambdasdlc.local.core.RequestListener;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** The local cloud tells its request listener about every answered request: service, operation, status, time. */
class RequestListenerTest {
  @TempDir
  Path dir;

  @Test
  void everyAnsweredRequestIsReportedWithItsServiceOperationAndStatus() throws Exception {
    List<RequestListener.Served> served = new CopyOnWriteArrayList<>();
    try (LocalCloud cloud = LocalCloud.start(LocalCloudConfig.builder(dir).requestListener(served::add).build());
        CloudFormationClient cfn = CloudFormationClient.builder().endpointOverride(cloud.endpoint())
            .region(Region.US_EAST_1).credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create())
            .build();
        LambdaClient lambda = LambdaClient.builder().endpointOverride(cloud.endpoint()).region(Region.US_EAST_1)
            .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build()) {
      cfn.describeStacks();
      assertThatThrownBy(() -> cfn.describeStacks(r -> r.stackName("missing"))).isInstanceOf(CloudFormationException.class);
      lambda.listFunctions();
      int unrouted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(cloud.endpoint().resolve("/no-such-api"))
          .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();

      awaitCount(served, 4);
      assertThat(served).extracting(RequestListener.Served::service, RequestListener.Served::operation,
          RequestListener.Served::status).containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("cloudformation", "DescribeStacks", 200),
              org.assertj.core.groups.Tuple.tuple("cloudformation", "DescribeStacks", 400),
              org.assertj.core.groups.Tuple.tuple("lambda", "ListFunctions", 200),
              org.assertj.core.groups.Tuple.tuple(null, null, unrouted));
      assertThat(unrouted).isBetween(400, 499);
      assertThat(served).allSatisfy(s -> assertThat(s.duration()).isPositive());
    }
  }

  @Test
  void aListenerThatThrowsChangesNoAnswer() {
    try (LocalCloud cloud = LocalCloud.start(LocalCloudConfig.builder(dir).requestListener(s -> {
      throw new IllegalStateException("listener broke");
    }).build());
        LambdaClient lambda = LambdaClient.builder().endpointOverride(cloud.endpoint()).region(Region.US_EAST_1)
            .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build()) {
      assertThat(lambda.listFunctions().functions()).isEmpty();
      assertThat(lambda.listFunctions().functions()).isEmpty();
    }
  }

  private static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
  }

  /** The listener runs after the answer went out: the client may see it a moment before the listener does. */
  private static void awaitCount(List<?> list, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (list.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }
}
