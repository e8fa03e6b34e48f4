package io.github.lambdasdlc.workflow;

import java.time.Duration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationRequest;

/**
 * Waits for a function to settle (State not Pending, LastUpdateStatus not InProgress), polling
 * GetFunctionConfiguration at a pace that suits the target (AWS takes about a second, an emulator much less)
 * and saying every few seconds that it still waits, as the SDK's waiters (which print nothing) would not.
 */
final class LambdaWaits {
  /** How long a function may stay Pending or InProgress: AWS settles in seconds, a SnapStart function in minutes. */
  private static final Duration LIMIT = Duration.ofMinutes(10);

  private final AwsClients clients;
  private final WorkflowListener listener;
  private final Duration poll;

  LambdaWaits(AwsClients clients) {
    this(clients, clients.listener());
  }

  LambdaWaits(AwsClients clients, WorkflowListener listener) {
    this.clients = clients;
    this.listener = listener;
    this.poll = clients.target().isAws() ? Duration.ofSeconds(1) : Duration.ofMillis(50);
  }

  /** Waits until the function can take an update, and returns its configuration then. */
  FunctionConfiguration untilSettled(String functionName) {
    LambdaClient lambda = clients.lambda();
    GetFunctionConfigurationRequest request = GetFunctionConfigurationRequest.builder().functionName(functionName).build();
    try {
      // Settled already: a deploy of unchanged code makes this one call and no other.
      FunctionConfiguration now = toConfiguration(lambda.getFunctionConfiguration(request));
      WaitProgress progress = new WaitProgress(listener, clients.progressEvery());
      long deadline = System.nanoTime() + LIMIT.toNanos();
      while (busy(now)) {
        if (System.nanoTime() - deadline > 0) {
          throw WorkflowException.failure("Function " + functionName + " is still " + state(now) + " after "
              + LIMIT.toMinutes() + " minutes on " + clients.target().describe() + ". Look at it with aws lambda"
              + " get-function-configuration --function-name " + functionName + ", then run the goal again.", null);
        }
        FunctionConfiguration seen = now;
        progress.tick(() -> "function " + functionName + " (" + state(seen) + ")");
        sleep();
        now = toConfiguration(lambda.getFunctionConfiguration(request));
      }
      // Failed (State or LastUpdateStatus) ends the wait too: the caller reads the reason.
      return now;
    } catch (SdkException e) {
      throw SdkErrors.explain(e, clients.target(), "waiting for function " + functionName);
    }
  }

  private static boolean busy(FunctionConfiguration c) {
    return "Pending".equals(c.stateAsString()) || "InProgress".equals(c.lastUpdateStatusAsString());
  }

  /** {@code State Pending} or {@code LastUpdateStatus InProgress}, for messages. */
  private static String state(FunctionConfiguration c) {
    return "Pending".equals(c.stateAsString()) ? "State Pending" : "LastUpdateStatus " + c.lastUpdateStatusAsString();
  }

  private void sleep() {
    try {
      Thread.sleep(poll.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw WorkflowException.failure("Interrupted while waiting for the function", e);
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
