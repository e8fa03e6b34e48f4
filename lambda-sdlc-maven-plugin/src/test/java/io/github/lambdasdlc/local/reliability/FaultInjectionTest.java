package io.github.lambdasdlc.local.reliability;

import static io.github.lambdasdlc.local.reliability.ReliabilityClients.FAST_WAIT;
import static io.github.lambdasdlc.local.reliability.ReliabilityClients.STACK;
import static io.github.lambdasdlc.local.reliability.ReliabilityClients.createFunction;
import static io.github.lambdasdlc.local.reliability.ReliabilityClients.handlerZip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.lambdasdlc.local.LocalCloud;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import io.github.lambdasdlc.local.core.FaultKind;
import io.github.lambdasdlc.local.core.FaultPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.cloudformation.waiters.CloudFormationWaiter;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionRequest;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ServiceException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/**
 * Injected faults against the real SDK clients with their default retry settings: what gets through,
 * and how a client fails when an operation keeps failing.
 */
class FaultInjectionTest {
  /** The SDK's default retry policy makes this many attempts of a call (1 + 3 retries). */
  private static final int SDK_DEFAULT_ATTEMPTS = 4;
  private static final List<String> READS = List.of("cloudformation:DescribeStacks",
      "cloudformation:DescribeStackEvents", "cloudformation:ListStacks", "lambda:GetFunction",
      "lambda:GetFunctionConfiguration", "lambda:ListFunctions");

  @TempDir
  Path dir;
  LocalCloud cloud;
  CloudFormationClient cfn;
  LambdaClient lambda;

  void start(FaultPlan plan) {
    cloud = LocalCloud.start(LocalCloudConfig.builder(dir)
        .stackStepDelay(Duration.ofMillis(5))
        .lambdaUpdateDelay(Duration.ofMillis(50))
        .faultPlan(plan)
        .build());
    cfn = ReliabilityClients.cloudFormation(cloud.endpoint());
    lambda = ReliabilityClients.lambda(cloud.endpoint());
  }

  @AfterEach
  void stop() {
    if (cloud != null && cfn != null) {
      cfn.close();
      lambda.close();
      cloud.close();
    }
  }

  private long injected() {
    return cloud.faultsInjected().values().stream().mapToLong(Long::longValue).sum();
  }

  @Test
  void defaultRetriesGetThroughThirtyPercentFaultsForAStackAndAFunction() {
    // Errors on 30% of every request; connections dropped after the service acted on 30% of the reads
    // (a dropped create cannot be retried blindly: see dropAfterCreateStackLeavesTheStackCreated).
    // At most two faults in a row per operation, below the SDK's four attempts, so that the outcome
    // does not hang on how the draws fall.
    start(plan(0.3, 30, 2));
    Map<FaultKind, Long> faults = stackAndFunctionRounds(3);
    assertThat(faults).containsKeys(FaultKind.THROTTLING, FaultKind.INTERNAL_ERROR, FaultKind.SERVICE_UNAVAILABLE,
        FaultKind.DROP_BEFORE_RESPONSE);
    assertThat(injected()).isGreaterThanOrEqualTo(10);
    System.out.println("30% faults survived: " + faults);
  }

  /**
   * {@code -Dreliability.slow=true}: higher rates with runs of faults capped below the SDK's attempts,
   * and 30% uncapped over several seeds, where a call can meet four faults in a row (0.3^4 = 0.8% a call).
   */
  @Test
  @Tag("slow")
  @EnabledIfSystemProperty(named = "reliability.slow", matches = "true")
  void higherFaultRates() throws Exception {
    for (double rate : new double[] {0.5, 0.7}) {
      start(plan(rate, 7, 3));
      System.out.println((int) (rate * 100) + "% faults (runs of at most 3) survived: " + stackAndFunctionRounds(3));
      stop();
      cloud = null;
      java.nio.file.Files.walk(dir).sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(dir))
          .forEach(p -> p.toFile().delete());
    }
    int ok = 0;
    int seeds = Integer.getInteger("faults.seeds", 10);
    for (int seed = 0; seed < seeds; seed++) {
      start(plan(0.3, 100 + seed, Integer.MAX_VALUE));
      try {
        stackAndFunctionRounds(1);
        ok++;
      } catch (software.amazon.awssdk.core.exception.SdkException e) {
        System.out.println("uncapped 30%, seed " + (100 + seed) + ": " + e.getClass().getSimpleName() + ": "
            + e.getMessage());
      }
      stop();
      cloud = null;
      java.nio.file.Files.walk(dir).sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(dir))
          .forEach(p -> p.toFile().delete());
    }
    System.out.println("uncapped 30% faults: " + ok + " of " + seeds + " runs got through");
  }

  private static FaultPlan plan(double rate, long seed, int maxConsecutive) {
    FaultPlan.Builder b = FaultPlan.builder().seed(seed)
        .randomly(rate, READS, FaultKind.DROP_BEFORE_RESPONSE)
        .randomly(rate, FaultKind.THROTTLING, FaultKind.INTERNAL_ERROR, FaultKind.SERVICE_UNAVAILABLE);
    return maxConsecutive == Integer.MAX_VALUE ? b.build() : b.maxConsecutive(maxConsecutive).build();
  }

  /** Creates stacks and functions and updates the functions' code, through waiters; returns the faults. */
  private Map<FaultKind, Long> stackAndFunctionRounds(int rounds) {
    try (CloudFormationWaiter waiter = CloudFormationWaiter.builder().client(cfn).overrideConfiguration(FAST_WAIT)
        .build()) {
      for (int i = 0; i < rounds; i++) {
        String name = "faulty-" + i;
        String stackId = cfn.createStack(r -> r.stackName(name).templateBody(STACK)
            .capabilities(Capability.CAPABILITY_IAM)).stackId();
        waiter.waitUntilStackCreateComplete(r -> r.stackName(name)).matched().response().orElseThrow();
        Stack stack = cfn.describeStacks(r -> r.stackName(stackId)).stacks().get(0);
        assertThat(stack.stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);
        assertThat(stack.outputs()).hasSize(1);

        String fn = "survivor-" + i;
        lambda.createFunction(createFunction(fn, handlerZip("one")));
        lambda.waiter().waitUntilFunctionActiveV2(GetFunctionRequest.builder().functionName(fn).build(), FAST_WAIT)
            .matched().response().orElseThrow();
        lambda.updateFunctionCode(r -> r.functionName(fn).zipFile(SdkBytes.fromByteArray(handlerZip("two"))));
        lambda.waiter().waitUntilFunctionUpdatedV2(GetFunctionRequest.builder().functionName(fn).build(), FAST_WAIT)
            .matched().response().orElseThrow();
        assertThat(lambda.getFunction(r -> r.functionName(fn)).configuration().codeSha256())
            .isEqualTo(io.github.lambdasdlc.local.lambda.code.CodeArchive.sha256Base64(handlerZip("two")));
      }
    }
    return cloud.faultsInjected();
  }

  @Test
  void cloudFormationThrottledEveryTimeFailsWithThrottlingAfterTheSdkRetries() {
    start(FaultPlan.builder().always("cloudformation:DescribeStacks", FaultKind.THROTTLING).build());
    Throwable thrown = catchThrowable(() -> cfn.describeStacks(r -> r.stackName("any")));
    assertThat(thrown).isInstanceOf(CloudFormationException.class);
    CloudFormationException e = (CloudFormationException) thrown;
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Rate exceeded");
    assertThat(e.statusCode()).isEqualTo(400);
    assertThat(e.isThrottlingException()).isTrue();
    assertThat(cloud.faultsInjected()).containsEntry(FaultKind.THROTTLING, (long) SDK_DEFAULT_ATTEMPTS);
    // Only the named operation fails: others are served.
    assertThat(cfn.listStacks().stackSummaries()).isEmpty();
  }

  @Test
  void cloudFormationInternalFailureAndServiceUnavailableAreQueryErrors() {
    start(FaultPlan.builder()
        .always("cloudformation:ListStacks", FaultKind.INTERNAL_ERROR)
        .always("cloudformation:ListExports", FaultKind.SERVICE_UNAVAILABLE)
        .build());
    CloudFormationException internal = (CloudFormationException) catchThrowable(() -> cfn.listStacks());
    assertThat(internal.awsErrorDetails().errorCode()).isEqualTo("InternalFailure");
    assertThat(internal.statusCode()).isEqualTo(500);
    assertThat(internal.awsErrorDetails().errorMessage())
        .isEqualTo("The request processing has failed because of an unknown error, exception or failure.");
    CloudFormationException unavailable = (CloudFormationException) catchThrowable(() -> cfn.listExports());
    assertThat(unavailable.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailable");
    assertThat(unavailable.statusCode()).isEqualTo(503);
    assertThat(cloud.faultsInjected()).containsEntry(FaultKind.INTERNAL_ERROR, (long) SDK_DEFAULT_ATTEMPTS)
        .containsEntry(FaultKind.SERVICE_UNAVAILABLE, (long) SDK_DEFAULT_ATTEMPTS);
  }

  @Test
  void lambdaThrottledEveryTimeFailsWithTooManyRequestsAfterTheSdkRetriesAndChangesNothing() {
    start(FaultPlan.builder().always("lambda:UpdateFunctionCode", FaultKind.THROTTLING).build());
    lambda.createFunction(createFunction("fn", handlerZip("one")));
    lambda.waiter().waitUntilFunctionActiveV2(GetFunctionRequest.builder().functionName("fn").build(), FAST_WAIT);
    String before = lambda.getFunction(r -> r.functionName("fn")).configuration().revisionId();

    Throwable thrown = catchThrowable(() -> lambda.updateFunctionCode(r -> r.functionName("fn")
        .zipFile(SdkBytes.fromByteArray(handlerZip("two")))));
    assertThat(thrown).isInstanceOf(TooManyRequestsException.class);
    TooManyRequestsException e = (TooManyRequestsException) thrown;
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("TooManyRequestsException");
    assertThat(e.statusCode()).isEqualTo(429);
    assertThat(e.reasonAsString()).isEqualTo("CallerRateLimitExceeded");
    assertThat(e.getMessage()).startsWith("Rate exceeded");
    assertThat(e.isThrottlingException()).isTrue();
    assertThat(cloud.faultsInjected()).containsEntry(FaultKind.THROTTLING, (long) SDK_DEFAULT_ATTEMPTS);
    // Refused before the service ran: nothing changed.
    assertThat(lambda.getFunction(r -> r.functionName("fn")).configuration().revisionId()).isEqualTo(before);
  }

  @Test
  void lambdaServerErrorsAreServiceExceptions() {
    start(FaultPlan.builder()
        .always("lambda:ListFunctions", FaultKind.INTERNAL_ERROR)
        .always("lambda:GetAccountSettings", FaultKind.SERVICE_UNAVAILABLE)
        .build());
    Throwable internal = catchThrowable(() -> lambda.listFunctions());
    assertThat(internal).isInstanceOf(ServiceException.class);
    assertThat(((ServiceException) internal).statusCode()).isEqualTo(500);
    assertThat(((ServiceException) internal).awsErrorDetails().errorCode()).isEqualTo("ServiceException");
    Throwable unavailable = catchThrowable(() -> lambda.getAccountSettings());
    assertThat(unavailable).isInstanceOf(ServiceException.class);
    assertThat(((LambdaException) unavailable).statusCode()).isEqualTo(503);
    assertThat(unavailable).isInstanceOf(SdkServiceException.class);
  }

  @Test
  void droppedResponsesFailAsNetworkErrorsAfterTheServiceActed() {
    start(FaultPlan.builder().always("lambda:UpdateFunctionConfiguration", FaultKind.DROP_BEFORE_RESPONSE).build());
    lambda.createFunction(createFunction("fn", handlerZip("one")));
    lambda.waiter().waitUntilFunctionActiveV2(GetFunctionRequest.builder().functionName("fn").build(), FAST_WAIT);

    Throwable thrown = catchThrowable(() -> lambda.updateFunctionConfiguration(r -> r.functionName("fn")
        .description("changed")));
    // A broken connection is a client-side failure, never a service error the SDK half-parsed.
    assertThat(thrown).isInstanceOf(SdkClientException.class).isNotInstanceOf(SdkServiceException.class);
    // The first attempt was applied; its retries met the update it started (409) and were dropped too.
    assertThat(lambda.getFunctionConfiguration(r -> r.functionName("fn")).description()).isEqualTo("changed");
    assertThat(cloud.faultsInjected().get(FaultKind.DROP_BEFORE_RESPONSE)).isEqualTo(SDK_DEFAULT_ATTEMPTS);
  }

  @Test
  void dropAfterCreateStackLeavesTheStackCreated() {
    // Only the first CreateStack is dropped: the SDK retries, and CloudFormation (without a
    // ClientRequestToken) sees a second create of the same name.
    start(FaultPlan.builder().always("cloudformation:CreateStack", FaultKind.DROP_BEFORE_RESPONSE)
        .maxConsecutive(1).build());
    Throwable thrown = catchThrowable(() -> cfn.createStack(r -> r.stackName("once").templateBody(STACK)
        .capabilities(Capability.CAPABILITY_IAM)));
    assertThat(thrown).isInstanceOf(CloudFormationException.class);
    assertThat(((CloudFormationException) thrown).awsErrorDetails().errorCode()).isEqualTo("AlreadyExistsException");
    assertThat(cfn.describeStacks(r -> r.stackName("once")).stacks()).hasSize(1);
  }

  @Test
  void responseCutMidBodyIsAClientErrorTheSdkDoesNotRetry() {
    start(FaultPlan.builder().always("cloudformation:ListStacks", FaultKind.DROP_MID_RESPONSE).build());
    Throwable thrown = catchThrowable(() -> cfn.listStacks());
    assertThat(thrown).isInstanceOf(SdkClientException.class).isNotInstanceOf(SdkServiceException.class);
    // The SDK parses the short body, fails to, and does not retry: a dropped body costs the call.
    assertThat(thrown).hasMessageContaining("Unable to unmarshall response");
    assertThat(cloud.faultsInjected()).containsEntry(FaultKind.DROP_MID_RESPONSE, 1L);
  }

  @Test
  void latencyDelaysButServes() {
    start(FaultPlan.builder().latency(Duration.ofMillis(300)).always("cloudformation:ListStacks", FaultKind.LATENCY)
        .build());
    long started = System.nanoTime();
    assertThat(cfn.listStacks().stackSummaries()).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(cloud.faultsInjected()).containsEntry(FaultKind.LATENCY, 1L);
  }
}
