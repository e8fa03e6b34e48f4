package io.github.lambdasdlc.workflow;

import java.time.Duration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationRequest;
import software.amazon.awssdk.services.lambda.waiters.LambdaWaiter;

/**
 * Waits for a function to settle (State Active, LastUpdateStatus not InProgress) with the SDK's own
 * waiters, polled at a pace that suits the target: AWS takes about a second, an emulator much less.
 */
final class LambdaWaits {
  private final AwsClients clients;
  private final Duration poll;

  LambdaWaits(AwsClients clients) {
    this.clients = clients;
    this.poll = clients.target().isAws() ? Duration.ofSeconds(1) : Duration.ofMillis(50);
  }

  /** Waits until the function can take an update, and returns its configuration then. */
  FunctionConfiguration untilSettled(String functionName) {
    LambdaClient lambda = clients.lambda();
    GetFunctionConfigurationRequest request = GetFunctionConfigurationRequest.builder().functionName(functionName).build();
    try (LambdaWaiter waiter = LambdaWaiter.builder().client(lambda).overrideConfiguration(override()).build()) {
      FunctionConfiguration now = toConfiguration(lambda.getFunctionConfiguration(request));
      if (!"Pending".equals(now.stateAsString()) && !"InProgress".equals(now.lastUpdateStatusAsString())) {
        return now; // settled already: a deploy of unchanged code makes this one call and no other
      }
      try {
        if ("Pending".equals(now.stateAsString())) {
          waiter.waitUntilFunctionActive(request);
        }
        if ("InProgress".equals(now.lastUpdateStatusAsString())) {
          waiter.waitUntilFunctionUpdated(request);
        }
      } catch (software.amazon.awssdk.core.exception.SdkClientException e) {
        // The waiter ends in failure on State Failed or LastUpdateStatus Failed: the caller reads the reason.
        if (e.getMessage() == null || !e.getMessage().contains("failure state")) {
          throw e;
        }
      }
      return toConfiguration(lambda.getFunctionConfiguration(request));
    } catch (SdkException e) {
      throw SdkErrors.explain(e, clients.target(), "waiting for function " + functionName);
    }
  }

  /**
   * Waits until an update has finished and returns the configuration; a Failed update is the user's to
   * fix and its reason is in the message.
   */
  FunctionConfiguration untilUpdated(String functionName, String what) {
    FunctionConfiguration c = untilSettled(functionName);
    if ("Failed".equals(c.lastUpdateStatusAsString())) {
      throw WorkflowException.userError("Lambda could not apply the " + what + " of function " + functionName + ": "
          + c.lastUpdateStatusReason() + " (" + c.lastUpdateStatusReasonCodeAsString() + ").");
    }
    return c;
  }

  private WaiterOverrideConfiguration override() {
    return WaiterOverrideConfiguration.builder()
        .backoffStrategyV2(software.amazon.awssdk.retries.api.BackoffStrategy.fixedDelay(poll))
        .maxAttempts((int) (Duration.ofMinutes(10).toMillis() / poll.toMillis()))
        .build();
  }

  private static FunctionConfiguration toConfiguration(
      software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse r) {
    return FunctionConfiguration.builder()
        .functionName(r.functionName()).functionArn(r.functionArn()).runtime(r.runtimeAsString())
        .handler(r.handler()).memorySize(r.memorySize()).timeout(r.timeout()).description(r.description())
        .environment(r.environment() == null ? null : software.amazon.awssdk.services.lambda.model.EnvironmentResponse
            .builder().variables(r.environment().variables()).build())
        .codeSha256(r.codeSha256()).codeSize(r.codeSize()).revisionId(r.revisionId()).state(r.stateAsString())
        .lastUpdateStatus(r.lastUpdateStatusAsString()).lastUpdateStatusReason(r.lastUpdateStatusReason())
        .lastUpdateStatusReasonCode(r.lastUpdateStatusReasonCodeAsString()).snapStart(r.snapStart())
        .lastModified(r.lastModified()).version(r.version())
        .build();
  }
}
