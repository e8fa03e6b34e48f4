package io.github.lambdasdlc.local.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdasdlc.local.LocalCloud;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * A client of a service the local cloud does not emulate hears so in that service's own error shape, with
 * the setting that sends it elsewhere: through the SDK for Java v2 (AWS JSON) and boto3 (every protocol).
 */
class UnemulatedServiceTest {
  @TempDir
  Path dir;

  @Test
  void theSdkForJavaReportsTheServiceAndTheSetting() {
    try (LocalCloud cloud = LocalCloud.start(LocalCloudConfig.builder(dir.resolve("state")).build());
        DynamoDbClient dynamodb = DynamoDbClient.builder().endpointOverride(cloud.endpoint()).region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD)).build()) {
      assertThatThrownBy(dynamodb::listTables).isInstanceOfSatisfying(DynamoDbException.class, e -> {
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
        assertThat(e.awsErrorDetails().errorMessage())
            .contains("does not emulate the AWS service 'dynamodb'")
            .contains("lambda-sdlc.local.serviceEndpoints to dynamodb=<its URL>")
            .contains("AWS_ENDPOINT_URL_DYNAMODB")
            .contains("It serves: lambda, cloudformation, logs.");
      });
    }
  }

  @Test
  void boto3ParsesTheErrorOfEveryProtocol() throws IOException {
    assumeTrue(ExternalClient.available("python3", "-c", "import boto3"), "boto3 is not installed");
    Path script = dir.resolve("unemulated_services.py");
    try (InputStream in = getClass().getResourceAsStream("/compat/unemulated_services.py")) {
      Files.copy(in, script);
    }
    try (LocalCloud cloud = LocalCloud.start(LocalCloudConfig.builder(dir.resolve("state")).build())) {
      JsonNode out = new ExternalClient(cloud.endpoint(), dir).python(script).ok().json();

      Map<String, String> variables = Map.of("dynamodb", "AWS_ENDPOINT_URL_DYNAMODB", "sns", "AWS_ENDPOINT_URL_SNS",
          "s3", "AWS_ENDPOINT_URL_S3", "cloudwatch", "AWS_ENDPOINT_URL_CLOUDWATCH", "ec2", "AWS_ENDPOINT_URL_EC2",
          "apigatewayv2", "AWS_ENDPOINT_URL_APIGATEWAYV2");
      variables.forEach((service, variable) -> {
        JsonNode error = out.path(service);
        assertThat(error.path("code").asText()).as(service + ": " + error).isEqualTo("UnrecognizedClientException");
        assertThat(error.path("status").asInt()).as(service).isEqualTo(400);
        assertThat(error.path("message").asText()).as(service)
            .contains("does not emulate the AWS service")
            .contains("lambda-sdlc.local.serviceEndpoints")
            .contains(variable);
      });
    }
  }
}
