package io.github.lambdasdlc.workflow;

import java.time.Duration;
import java.util.List;
import javax.net.ssl.TrustManager;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
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
 *
 * <p>Every call is bounded, so that an endpoint that accepts connections and never answers (a hung emulator,
 * a port held by another program, a proxy) fails the build within seconds, naming the endpoint and the
 * operation: a control-plane call (every call but Invoke) may take {@code callTimeout} in all, retries
 * included, and each attempt half of it; an Invoke carries its own limit, the function's Timeout plus a
 * margin ({@link #invokeOverride}); an upload one that grows with its size ({@link #uploadOverride}). A call
 * still running after a few seconds says so through the listener ({@link SlowCalls}).
 */
public final class AwsClients implements AutoCloseable {
  /** Placeholder credentials for endpoints that accept any, used only when the default chain finds none. */
  private static final AwsCredentialsProvider PLACEHOLDER =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("lambda-sdlc", "lambda-sdlc"));

  /** The default of {@code lambda-sdlc.callTimeout}: the most a control-plane call may take, retries included. */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);

  /** Lambda's longest function timeout. */
  static final Duration MAX_FUNCTION_TIMEOUT = Duration.ofSeconds(900);

  /**
   * What an Invoke may take beyond the function's Timeout: the init phase of a cold start (10 s on AWS, a
   * child JVM's start on a loaded machine locally) and the network.
   */
  static final Duration INVOKE_MARGIN = Duration.ofSeconds(60);

  /**
   * The slowest upload rate an UpdateFunctionCode is given time for (1 Mbit/s): a 50 MiB zip may take
   * seven minutes on such a line, a small one the call timeout.
   */
  private static final long UPLOAD_BYTES_PER_SECOND = 128 * 1024;

  /**
   * The HTTP client's own read timeout, a last resort above every per-call limit: the SDK's attempt
   * timeouts end a silent call long before, and the socket is idle while a function runs.
   */
  private static final Duration SOCKET_TIMEOUT = MAX_FUNCTION_TIMEOUT.plus(INVOKE_MARGIN).plusMinutes(1);

  /** Names the operation of a failed call for {@link SdkErrors}. */
  private static final FailedOperations OPERATIONS = new FailedOperations();

  private final Target target;
  private final Region region;
  private final AwsCredentialsProvider credentials;
  private final SdkHttpClient http;
  private final List<ExecutionInterceptor> interceptors;
  private final Duration callTimeout;
  private final WorkflowListener listener;
  private final SlowCalls slowCalls;
  private final AccountWatch account;
  private volatile boolean debugging;
  private CloudFormationClient cloudFormation;
  private LambdaClient lambda;
  private CloudWatchLogsClient logs;

  private AwsClients(Target target, Region region, AwsCredentialsProvider credentials, SdkHttpClient http,
      List<ExecutionInterceptor> interceptors, Duration callTimeout, WorkflowListener listener, Duration progressEvery) {
    this.target = target;
    this.region = region;
    this.credentials = credentials;
    this.http = http;
    this.interceptors = interceptors;
    this.callTimeout = callTimeout;
    this.listener = listener;
    this.slowCalls = new SlowCalls(target, listener, progressEvery);
    this.account = new AccountWatch(target, region.id(), listener);
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
    return connect(target, DEFAULT_CALL_TIMEOUT, event -> { }, interceptors);
  }

  /**
   * As {@link #connect(Target, List)}, with the control-plane calls' limit and the listener that hears of
   * calls and waits that take longer than a few seconds.
   *
   * @param callTimeout the most a control-plane call may take, retries included ({@code lambda-sdlc.callTimeout})
   * @throws WorkflowException when no region can be found for AWS, or the timeout is not positive
   */
  public static AwsClients connect(Target target, Duration callTimeout, WorkflowListener listener,
      List<ExecutionInterceptor> interceptors) {
    return connect(target, callTimeout, listener, interceptors, WaitProgress.EVERY);
  }

  /** As above, with the interval of progress lines (tests shorten it). */
  static AwsClients connect(Target target, Duration callTimeout, WorkflowListener listener,
      List<ExecutionInterceptor> interceptors, Duration progressEvery) {
    if (callTimeout == null || callTimeout.isNegative() || callTimeout.toMillis() < 1000) {
      throw WorkflowException.userError("lambda-sdlc.callTimeout is " + (callTimeout == null ? "not set"
          : callTimeout.toSeconds() + " s") + ": give the seconds a call may take, at least 1 (the default is "
          + DEFAULT_CALL_TIMEOUT.toSeconds() + ").");
    }
    Region region = resolveRegion(target);
    AwsCredentialsProvider credentials = target.isAws()
        ? DefaultCredentialsProvider.builder().profileName(target.profile()).build()
        // The local cloud takes any keys: reading the environment and the profile files would only cost time.
        : target.localCloud() ? PLACEHOLDER
        : AwsCredentialsProviderChain.builder()
            // An emulator takes any credentials: the user's own when set, never the instance metadata
            // service's, whose probe costs seconds on a machine that has none (measured by the benchmarks).
            .credentialsProviders(EnvironmentVariableCredentialsProvider.create(),
                SystemPropertyCredentialsProvider.create(), ProfileCredentialsProvider.create(), PLACEHOLDER)
            .reuseLastProviderEnabled(true)
            .build();
    UrlConnectionHttpClient.Builder httpBuilder = UrlConnectionHttpClient.builder()
        .connectionTimeout(Duration.ofSeconds(10))
        .socketTimeout(SOCKET_TIMEOUT);
    if (!target.isAws() && "http".equalsIgnoreCase(target.endpoint().getScheme())) {
      // The client sets up TLS when it is built, whatever the scheme; loading the JDK's trust store for it was a
      // quarter of a goal's own time (JFR). A plain-HTTP endpoint never uses TLS: give it nothing to load.
      httpBuilder.tlsTrustManagersProvider(() -> new TrustManager[0]);
    }
    SdkHttpClient http = httpBuilder.build();
    return new AwsClients(target, region, credentials, http, List.copyOf(interceptors), callTimeout, listener,
        progressEvery);
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

  /** The most a control-plane call may take, retries included. */
  public Duration callTimeout() {
    return callTimeout;
  }

  /** Where the workflow's waits report their progress: the listener given to {@link #connect}. */
  WorkflowListener listener() {
    return listener;
  }

  /** How often a long wait says it is still waiting. */
  Duration progressEvery() {
    return slowCalls.every();
  }

  /** The AWS account, once a call has returned an ARN that names it; null before, and off AWS. */
  public String account() {
    return account.account();
  }

  /**
   * The limits of one Invoke: the function's Timeout (Lambda's longest when unknown) plus a margin for the
   * init phase and the network, in place of the control-plane limit. Pass to the request's
   * {@code overrideConfiguration}.
   *
   * @param functionTimeoutSeconds the function's Timeout, or null when unknown
   */
  public static AwsRequestOverrideConfiguration invokeOverride(Integer functionTimeoutSeconds) {
    Duration function = functionTimeoutSeconds == null || functionTimeoutSeconds <= 0 ? MAX_FUNCTION_TIMEOUT
        : Duration.ofSeconds(Math.min(functionTimeoutSeconds, MAX_FUNCTION_TIMEOUT.toSeconds()));
    Duration limit = function.plus(INVOKE_MARGIN);
    // One attempt gets the whole limit: an Invoke retried after its limit would run the function again.
    return AwsRequestOverrideConfiguration.builder().apiCallAttemptTimeout(limit).apiCallTimeout(limit).build();
  }

  /**
   * Invocations may wait for a debugger (the local cloud's {@code lambda-sdlc.debugPort}), which lifts the
   * function's timeout: from now on an Invoke gets Lambda's longest timeout plus the margin, whatever the
   * function's own.
   */
  public void waitForDebugger() {
    debugging = true;
  }

  /** Whether {@link #waitForDebugger()} was called: durations then include time paused in a debugger. */
  public boolean waitsForDebugger() {
    return debugging;
  }

  /** {@link #invokeOverride(Integer)}, or Lambda's longest timeout once {@link #waitForDebugger()} was called. */
  public AwsRequestOverrideConfiguration invokeLimit(Integer functionTimeoutSeconds) {
    return invokeOverride(debugging ? null : functionTimeoutSeconds);
  }

  /** The limits of an upload of {@code bytes}: the call timeout plus the time the bytes take at 1 Mbit/s. */
  public AwsRequestOverrideConfiguration uploadOverride(long bytes) {
    Duration attempt = callTimeout.dividedBy(2).plusSeconds(bytes / UPLOAD_BYTES_PER_SECOND);
    return AwsRequestOverrideConfiguration.builder().apiCallAttemptTimeout(attempt)
        .apiCallTimeout(attempt.multipliedBy(2)).build();
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
    all.add(slowCalls);
    all.add(account);
    all.addAll(interceptors);
    // Half the call's limit per attempt, so that one silent attempt leaves time for a retry.
    Duration attempt = callTimeout.dividedBy(2);
    return ClientOverrideConfiguration.builder().executionInterceptors(all)
        .apiCallAttemptTimeout(attempt).apiCallTimeout(callTimeout).build();
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
    slowCalls.close();
    http.close();
  }
}
