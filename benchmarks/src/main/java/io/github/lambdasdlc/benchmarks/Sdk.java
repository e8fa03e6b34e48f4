package io.github.lambdasdlc.benchmarks;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** The unmodified SDK v2 clients a user would point at the local cloud (url-connection HTTP client). */
final class Sdk implements AutoCloseable {
  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

  final SdkHttpClient http;
  final LambdaClient lambda;
  final CloudFormationClient cloudFormation;

  Sdk(URI endpoint, ExecutionInterceptor... interceptors) {
    http = UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
        .socketTimeout(Duration.ofMinutes(2)).build();
    ClientOverrideConfiguration overrides = ClientOverrideConfiguration.builder()
        .executionInterceptors(List.of(interceptors)).build();
    lambda = LambdaClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
        .httpClient(http).overrideConfiguration(overrides).build();
    cloudFormation = CloudFormationClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(CREDENTIALS).httpClient(http).overrideConfiguration(overrides).build();
  }

  @Override
  public void close() {
    lambda.close();
    cloudFormation.close();
    http.close();
  }
}
