package io.github.lambdasdlc.workflow;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns SDK failures into {@link WorkflowException}s that say what to do. Only failures whose cause is
 * known are explained; anything else keeps the SDK's own message. Each message names who answered (AWS,
 * or the endpoint's URL) and says each fact once: the SDK exception stays the cause, for {@code -e}, and
 * is not meant to be printed after the message (see the maven package's mapping of these exceptions).
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
            + ": " + firstSentence(message) + ". Run: aws sso login" + (target.profile() == null ? ""
            : " --profile " + target.profile()), e);
      }
      String unreachable = unreachable(e, message);
      if (unreachable != null) {
        return WorkflowException.userError("Cannot reach " + target.describe() + " while " + doing + ": "
            + unreachable + (target.isAws() ? ". Check your network and proxy settings, or work on the local"
            + " cloud with -Dlambda-sdlc.endpoint=local."
            : ". Is the endpoint running? Start one with mvn lambda-sdlc:local, or use -Dlambda-sdlc.endpoint=local."), e);
      }
    }
    if (e instanceof AwsServiceException ase && ase.awsErrorDetails() != null) {
      // An endpoint other than AWS may leave out the error code or message: say what is there, never "null".
      String code = ase.awsErrorDetails().errorCode();
      String detail = ase.awsErrorDetails().errorMessage();
      String answer = code == null || code.isBlank() ? "HTTP " + ase.statusCode() : code;
      String said = detail == null || detail.isBlank() ? "" : ": " + detail;
      if ("ExpiredToken".equals(code) || "ExpiredTokenException".equals(code)) {
        return WorkflowException.userError("Your AWS credentials have expired" + parenthesized(detail) + " while "
            + doing + ". Refresh them (aws sso login, or new session credentials) and run again.", e);
      }
      if ("AccessDenied".equals(code) || "AccessDeniedException".equals(code)
          || "UnrecognizedClientException".equals(code) || "InvalidClientTokenId".equals(code)) {
        return WorkflowException.userError(service(target) + " refused the call while " + doing + ": " + code + said
            + ". Check that the credentials in use have the permissions the README lists for this goal.", e);
      }
      if (ase.isThrottlingException()) {
        return WorkflowException.failure(service(target) + " kept throttling " + operation(e) + " while " + doing
            + " (" + answer + said + ", " + attempts(e) + " with backoff). Try again later, or let the AWS"
            + " SDK retry longer: set AWS_MAX_ATTEMPTS=10 in the environment (or max_attempts = 10 in your AWS"
            + " profile).", e);
      }
      if (ase.statusCode() >= 500) {
        return WorkflowException.failure(service(target) + " kept failing " + operation(e) + " with HTTP "
            + ase.statusCode() + (code == null || code.isBlank() ? "" : " " + code) + " while " + doing + " ("
            + (said.isEmpty() ? "" : detail + ", ") + attempts(e) + " with backoff). The fault is on the service's"
            + " side: try again later" + (target.isAws() ? "; if it persists, look for an event on"
            + " https://health.aws.amazon.com." : "; if it persists, check that endpoint's own logs."), e);
      }
      return WorkflowException.failure(service(target) + " answered " + answer + " while " + doing + said, e);
    }
    return WorkflowException.failure("Failed while " + doing + ": " + firstLine(message), e);
  }

  /**
   * Why the endpoint could not be reached (its host name does not resolve, nothing listens, no route), or
   * null when the failure is another one. The SDK words these differently by HTTP client and version; the
   * cause it wraps is what tells.
   */
  private static String unreachable(SdkException e, String message) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof UnknownHostException u) {
        String host = u.getMessage() == null ? "" : u.getMessage().split(":", 2)[0].trim();
        return "the host name " + (host.isEmpty() ? "" : host + " ") + "cannot be resolved (no network, or no DNS)";
      }
      if (t instanceof ConnectException) {
        return "the connection was refused";
      }
      if (t instanceof NoRouteToHostException) {
        return "there is no route to the host (no network)";
      }
    }
    if (message.contains("Unable to execute HTTP request") || message.contains("Connection refused")) {
      return firstLine(message);
    }
    return null;
  }

  private static String parenthesized(String detail) {
    return detail == null || detail.isBlank() ? "" : " (" + detail + ")";
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

  /** The first sentence of an SDK message: the SDK appends its provider chains and hints after it. */
  private static String firstSentence(String s) {
    String line = firstLine(s);
    int end = line.indexOf(". ");
    return end < 0 ? (line.endsWith(".") ? line.substring(0, line.length() - 1) : line) : line.substring(0, end);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
