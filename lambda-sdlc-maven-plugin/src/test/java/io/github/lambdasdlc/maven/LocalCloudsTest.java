package io.github.lambdasdlc.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdasdlc.local.LocalCloud;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import io.github.lambdasdlc.local.core.StateStore;
import io.github.lambdasdlc.workflow.WorkflowEvent;
import io.github.lambdasdlc.workflow.WorkflowException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

class LocalCloudsTest {
  @TempDir
  Path dir;
  final List<String> said = new ArrayList<>();

  private void listen(WorkflowEvent e) {
    said.add(e.level() + " " + e.message());
  }

  @Test
  void startsOneCloudPerDirectoryAndSharesIt() {
    try {
      LocalClouds.Endpoint first = LocalClouds.endpoint(dir, null, this::listen);
      LocalClouds.Endpoint second = LocalClouds.endpoint(dir.resolve("x/.."), null, this::listen);
      assertThat(first.embedded()).isTrue();
      assertThat(second).isEqualTo(first);
      assertThat(first.region()).isEqualTo(LocalCloudConfig.DEFAULT_REGION);
      assertThat(said.stream().filter(s -> s.startsWith("INFO Started the local cloud at " + first.uri()))).hasSize(1);
      // It serves: the real SDK lists (no) functions.
      try (LambdaClient lambda = LambdaClient.builder().endpointOverride(first.uri()).region(Region.US_EAST_1)
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
          .httpClient(UrlConnectionHttpClient.create()).build()) {
        assertThat(lambda.listFunctions().functions()).isEmpty();
      }
    } finally {
      LocalClouds.stop(dir);
    }
  }

  @Test
  void usesTheCloudThatAlreadyHoldsTheDirectory() {
    try (LocalCloud other = LocalCloud.start(LocalCloudConfig.builder(dir).build())) {
      LocalClouds.Endpoint endpoint = LocalClouds.endpoint(dir, null, this::listen);
      assertThat(endpoint.uri()).isEqualTo(other.endpoint());
      assertThat(endpoint.embedded()).isFalse();
      assertThat(said).contains("INFO Using the local cloud already running at " + other.endpoint() + ", which holds "
          + dir.toAbsolutePath().normalize() + ".");
    } finally {
      LocalClouds.stop(dir);
    }
  }

  @Test
  void aDirectoryHeldByAnythingElseIsAUserError() {
    try (StateStore holder = StateStore.open(dir, "a test holding the directory")) {
      assertThatThrownBy(() -> LocalClouds.endpoint(dir, null, this::listen))
          .isInstanceOf(WorkflowException.class)
          .matches(e -> ((WorkflowException) e).isUserFault())
          .hasMessageContaining("is in use by a test holding the directory")
          .hasMessageContaining("lambda-sdlc.local.dir");
    }
  }

  @Test
  void aBadServiceEndpointIsAUserErrorNamingTheSetting() {
    try {
      assertThatThrownBy(() -> LocalClouds.endpoint(dir, null, null, "dynamo=http://127.0.0.1:8000", this::listen))
          .isInstanceOf(WorkflowException.class)
          .matches(e -> ((WorkflowException) e).isUserFault())
          .hasMessageContaining("lambda-sdlc.local.serviceEndpoints names 'dynamo'")
          .hasMessageContaining("did you mean dynamodb");
    } finally {
      LocalClouds.stop(dir);
    }
  }

  @Test
  void aBadCustomResourceTimeoutIsAUserErrorNamingTheSetting() {
    for (String bad : List.of("0", "3601", "five", "-1", "")) {
      try {
        assertThatThrownBy(() -> LocalClouds.endpoint(dir, null, null, null, bad, null, this::listen))
            .isInstanceOf(WorkflowException.class)
            .matches(e -> ((WorkflowException) e).isUserFault())
            .hasMessageContaining("lambda-sdlc.local.customResourceTimeout must be a whole number of seconds from 1"
                + " to 3600")
            .hasMessageContaining("not '" + bad + "'");
      } finally {
        LocalClouds.stop(dir);
      }
    }
    assertThat(LocalClouds.customResourceTimeout(" 45 ")).isEqualTo(Duration.ofSeconds(45));
    assertThat(LocalClouds.customResourceTimeout("3600")).isEqualTo(Duration.ofHours(1));
  }
}
