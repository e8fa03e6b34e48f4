package io.github.lambdasdlc.local.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The serviceEndpoints setting: AWS's variable names from the SDKs' service ids, and errors naming the fix. */
class ServiceEndpointsTest {

  @Test
  void namesEachServiceByTheVariableItsSdksRead() {
    ServiceEndpoints endpoints = ServiceEndpoints.parse(
        " dynamodb=http://127.0.0.1:8000, SQS=http://localhost:9324;secretsmanager=https://secrets.example\n"
            + "cloudwatch-logs=http://127.0.0.1:4567,events=http://127.0.0.1:4568,");
    assertThat(endpoints.variables()).containsExactly(
        Map.entry("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", "http://127.0.0.1:4567"),
        Map.entry("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000"),
        Map.entry("AWS_ENDPOINT_URL_EVENTBRIDGE", "http://127.0.0.1:4568"),
        Map.entry("AWS_ENDPOINT_URL_SECRETS_MANAGER", "https://secrets.example"),
        Map.entry("AWS_ENDPOINT_URL_SQS", "http://localhost:9324"));
    assertThat(ServiceEndpoints.parse("  ").isEmpty()).isTrue();
    assertThat(ServiceEndpoints.parse(null).isEmpty()).isTrue();
  }

  @Test
  void anUnknownServiceABadUrlOrAMissingEqualsSignIsRefusedWithTheFix() {
    assertThatThrownBy(() -> ServiceEndpoints.parse("dynamo=http://127.0.0.1:8000"))
        .hasMessageContaining("lambda-sdlc.local.serviceEndpoints names 'dynamo', which is no AWS service")
        .hasMessageContaining("did you mean dynamodb");
    assertThatThrownBy(() -> ServiceEndpoints.parse("dynamodb=localhost:8000"))
        .hasMessageContaining("gives dynamodb the endpoint 'localhost:8000', which is not an http or https URL")
        .hasMessageContaining("dynamodb=http://127.0.0.1:8000");
    assertThatThrownBy(() -> ServiceEndpoints.parse("dynamodb http://127.0.0.1:8000"))
        .hasMessageContaining("takes service=URL pairs separated by commas")
        .hasMessageContaining("has no '='");
  }

  @Test
  void theServiceTableComesFromTheSdksModels() {
    assertThat(AwsServices.named("logs")).map(AwsServices.AwsService::key).hasValue("cloudwatch_logs");
    assertThat(AwsServices.named("DynamoDB")).map(AwsServices.AwsService::protocol).hasValue("json");
    assertThat(AwsServices.signedAs("s3")).extracting(AwsServices.AwsService::protocol).containsOnly("rest-xml");
    assertThat(AwsServices.signedAs("lambda")).extracting(AwsServices.AwsService::endpointVariable)
        .containsExactly("AWS_ENDPOINT_URL_LAMBDA");
  }
}
