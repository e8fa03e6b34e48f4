package io.github.lambdasdlc.workflow;

import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The SDK clients for one {@link Target}, sharing one HTTP client. The url-connection HTTP client is used
 * because it starts fastest and needs no other library; a build makes a handful of calls, not thousands.
 */
public final class AwsClients implements AutoCloseable {
  /** Placeholder credentials for endpoints that accept any, used only when the default chain finds none. */
  private static final AwsCredentialsProvider PLACEHOLDER =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("lambda-sdlc", "lambda-sdlc"));

  /**
   * Long enough for a synchronous invocation of a function with Lambda's longest timeout (15 minutes):
   * the socket is idle while the function runs.
   */
  private static final Duration SOCKET_TIMEOUT = Duration.ofMinutes(16);

  /** Names the operation of a failed call for {@link SdkErrors}. */
  private static final FailedOperations OPERATIONS = new FailedOperations();

  private final Target target;
  private final Region region;
  private final AwsCredentialsProvider credentials;
  private final SdkHttpClient http;
  private final List<ExecutionInterceptor> interceptors;
  private CloudFormationClient cloudFormation;
  private LambdaClient lambda;
  private CloudWatchLogsClient logs;

  private AwsClients(Target target, Region region, AwsCredentialsProvider credentials, SdkHttpClient http,
      List<ExecutionInterceptor> interceptors) {
    this.target = target;
    this.region = region;
    this.credentials = credentials;
    this.http = http;
    this.interceptors = interceptors;
  }

  /**
   * Resolves the region and the credential chain for a target. Credentials themselves are only loaded on
   * the first call, so a missing profile surfaces there (see {@link SdkErrors}).
   *
   * @throws WorkflowException when no region can be found for AWS
   */
  public static AwsClients connect(Target target) {
    return connect(target, List.of());
  }

  /**
   * As {@link #connect(Target)}, with SDK interceptors on every client made, so that a caller (a benchmark,
   * a test) can observe each API call the workflow makes: count them, measure what they send.
   */
  public static AwsClients connect(Target target, List<ExecutionInterceptor> interceptors) {
    Region region = resolveRegion(target);
    AwsCredentialsProvider credentials = target.isAws()
        ? DefaultCredentialsProvider.builder().profileName(target.profile()).build()
        : AwsCredentialsProviderChain.builder()
            // An emulator takes any credentials: the user's own when set, never the instance metadata
            // service's, whose probe costs seconds on a machine that has none (measured by the benchmarks).
            .credentialsProviders(EnvironmentVariableCredentialsProvider.create(),
                SystemPropertyCredentialsProvider.create(), ProfileCredentialsProvider.create(), PLACEHOLDER)
            .reuseLastProviderEnabled(true)
            .build();
    SdkHttpClient http = UrlConnectionHttpClient.builder()
        .connectionTimeout(Duration.ofSeconds(10))
        .socketTimeout(SOCKET_TIMEOUT)
        .build();
    return new AwsClients(target, region, credentials, http, List.copyOf(interceptors));
  }

  private static Region resolveRegion(Target target) {
    if (target.region() != null) {
      return Region.of(target.region());
    }
    try {
      if (!target.isAws()) {
        // The environment, system properties or the profile; not the instance metadata service (see above).
        return new AwsRegionProviderChain(new SystemSettingsRegionProvider(), new AwsProfileRegionProvider())
            .getRegion();
      }
      return DefaultAwsRegionProviderChain.builder().profileName(target.profile()).build().getRegion();
    } catch (SdkClientException e) {
      if (!target.isAws()) {
        // An emulator answers in any region; pick the one most tools default to.
        return Region.US_EAST_1;
      }
      throw WorkflowException.userError("No AWS region is set for " + target.describe() + ". Set one with"
          + " -Dlambda-sdlc.region=eu-west-1 (or <region> in the plugin's configuration), the AWS_REGION"
          + " environment variable, or 'region' in your AWS profile (aws configure).", e);
    }
  }

  public Target target() {
    return target;
  }

  public Region region() {
    return region;
  }

  public synchronized CloudFormationClient cloudFormation() {
    if (cloudFormation == null) {
      var builder = CloudFormationClient.builder().httpClient(http).region(region).credentialsProvider(credentials)
          .overrideConfiguration(overrides());
      if (!target.isAws()) {
        builder.endpointOverride(target.endpoint());
      }
      cloudFormation = builder.build();
    }
    return cloudFormation;
  }

  public synchronized LambdaClient lambda() {
    if (lambda == null) {
      var builder = LambdaClient.builder().httpClient(http).region(region).credentialsProvider(credentials)
          .overrideConfiguration(overrides());
      if (!target.isAws()) {
        builder.endpointOverride(target.endpoint());
      }
      lambda = builder.build();
    }
    return lambda;
  }

  public synchronized CloudWatchLogsClient logs() {
    if (logs == null) {
      var builder = CloudWatchLogsClient.builder().httpClient(http).region(region).credentialsProvider(credentials)
          .overrideConfiguration(overrides());
      if (!target.isAws()) {
        builder.endpointOverride(target.endpoint());
      }
      logs = builder.build();
    }
    return logs;
  }

  private ClientOverrideConfiguration overrides() {
    // FailedOperations first: it names the operation a failure came from, for SdkErrors' messages.
    List<ExecutionInterceptor> all = new java.util.ArrayList<>();
    all.add(OPERATIONS);
    all.addAll(interceptors);
    return ClientOverrideConfiguration.builder().executionInterceptors(all).build();
  }

  @Override
  public synchronized void close() {
    if (cloudFormation != null) {
      cloudFormation.close();
    }
    if (lambda != null) {
      lambda.close();
    }
    if (logs != null) {
      logs.close();
    }
    http.close();
  }
}
