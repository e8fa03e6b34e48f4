package io.github.lambdasdlc.workflow;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns SDK failures into {@link WorkflowException}s that say what to do. Only failures whose cause is
 * known are explained; anything else keeps the SDK's own message.
 */
public final class SdkErrors {
  private SdkErrors() {
  }

  /**
   * @param doing what the workflow was doing, such as "describing stack my-app"
   */
  public static WorkflowException explain(SdkException e, Target target, String doing) {
    if (e instanceof SdkClientException && e.getCause() instanceof AwsServiceException cause) {
      // A waiter that met an error it has no acceptor for wraps it: the service's answer is what to explain.
      return explain(cause, target, doing);
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
      return timedOut(e, target, doing);
    }
    if (e instanceof SdkClientException) {
      if (message.contains("Unable to load credentials")) {
        return WorkflowException.userError("No AWS credentials were found while " + doing + " on "
            + target.describe() + ". Configure them (aws configure, or aws sso login --profile NAME), choose a"
            + " profile with -Dlambda-sdlc.profile=NAME or AWS_PROFILE, or work on the local cloud with"
            + " -Dlambda-sdlc.endpoint=local.", e);
      }
      if (message.contains("token") && (message.contains("expired") || message.contains("SSO"))) {
        return WorkflowException.userError("The SSO session of profile "
            + (target.profile() == null ? "(default)" : target.profile()) + " cannot be used while " + doing
            + ": " + firstLine(message) + ". Run: aws sso login" + (target.profile() == null ? ""
            : " --profile " + target.profile()), e);
      }
      if (message.contains("Unable to execute HTTP request") || message.contains("Connection refused")) {
        return WorkflowException.userError("Cannot reach " + target.describe() + " while " + doing + ": "
            + firstLine(message) + (target.isAws() ? ". Check your network and proxy settings."
            : ". Is the endpoint running? Start one with mvn lambda-sdlc:local, or use -Dlambda-sdlc.endpoint=local."), e);
      }
    }
    if (e instanceof AwsServiceException ase && ase.awsErrorDetails() != null) {
      String code = ase.awsErrorDetails().errorCode();
      String detail = ase.awsErrorDetails().errorMessage();
      if ("ExpiredToken".equals(code) || "ExpiredTokenException".equals(code)) {
        return WorkflowException.userError("Your AWS credentials have expired (" + detail + ") while " + doing
            + ". Refresh them (aws sso login, or new session credentials) and run again.", e);
      }
      if ("AccessDenied".equals(code) || "AccessDeniedException".equals(code)
          || "UnrecognizedClientException".equals(code) || "InvalidClientTokenId".equals(code)) {
        return WorkflowException.userError("AWS refused the call while " + doing + ": " + code + ": " + detail
            + ". Check that the credentials in use have the permissions the README lists for this goal.", e);
      }
      if (ase.isThrottlingException()) {
        return WorkflowException.failure(service(target) + " kept throttling " + operation(e) + " while " + doing
            + " (" + code + ": " + detail + ", " + attempts(e) + " with backoff). Try again later, or let the AWS"
            + " SDK retry longer: set AWS_MAX_ATTEMPTS=10 in the environment (or max_attempts = 10 in your AWS"
            + " profile).", e);
      }
      if (ase.statusCode() >= 500) {
        return WorkflowException.failure(service(target) + " kept failing " + operation(e) + " with HTTP "
            + ase.statusCode() + " " + code + " while " + doing + " (" + detail + ", " + attempts(e) + " with"
            + " backoff). The fault is on the service's side: try again later" + (target.isAws()
            ? "; if it persists, look for an event on https://health.aws.amazon.com." : "; if it persists, check"
            + " that endpoint's own logs."), e);
      }
      return WorkflowException.failure("AWS answered " + code + " while " + doing + ": " + detail, e);
    }
    return WorkflowException.failure("Failed while " + doing + ": " + firstLine(message), e);
  }

  /**
   * A call that got no answer in time: the endpoint accepted the connection (a refused one fails at once) and
   * then said nothing, or too slowly.
   */
  private static WorkflowException timedOut(SdkException e, Target target, String doing) {
    String operation = operation(e);
    Matcher millis = Pattern.compile("(\\d+) millis").matcher(String.valueOf(e.getMessage()));
    String within = millis.find() ? " within " + Math.round(Long.parseLong(millis.group(1)) / 1000.0) + " s" : "";
    boolean invoke = "Invoke".equals(operation);
    String limit = invoke ? " (the function's Timeout plus " + AwsClients.INVOKE_MARGIN.toSeconds() + " s)"
        : " (lambda-sdlc.callTimeout)";
    String check = target.isAws()
        ? " Check your network and proxy settings (HTTPS_PROXY), and https://health.aws.amazon.com"
        : " The endpoint accepts connections but sends nothing back: check that " + target.describe() + " is the"
            + " endpoint you mean and that it is alive (a hung emulator, a port held by another program or a proxy"
            + " in between behave this way), or use -Dlambda-sdlc.endpoint=local";
    String raise = invoke ? "." : "; if it is only slow, raise -Dlambda-sdlc.callTimeout=SECONDS.";
    return WorkflowException.userError(service(target) + " did not answer " + operation + within + limit + " while "
        + doing + "." + check + raise, e);
  }

  private static String service(Target target) {
    return target.isAws() ? "AWS" : "The endpoint " + target.describe();
  }

  /** The API operation that failed, as its API reference names it, or "the call". */
  private static String operation(SdkException e) {
    String operation = FailedOperations.of(e);
    return operation == null ? "the call" : operation;
  }

  private static String attempts(SdkException e) {
    Integer n = e.numAttempts();
    return n == null ? "after the SDK's retries" : n == 1 ? "1 attempt" : n + " attempts";
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
