package io.github.lambdasdlc.local.lambda.execution;

import io.github.lambdasdlc.local.core.AwsError;

/**
 * Lambda's TooManyRequestsException for an invocation beyond the concurrency limit. Lambda's error
 * document carries a {@code Reason} besides {@code Type} and {@code message}:
 * {@code {"Reason":"ConcurrentInvocationLimitExceeded","Type":"User","message":"Rate Exceeded."}}.
 */
public final class ThrottlingError extends AwsError {
  /** The account's concurrency is used up. */
  public static final String CONCURRENT_INVOCATION_LIMIT_EXCEEDED = "ConcurrentInvocationLimitExceeded";

  private final String reason;

  public ThrottlingError(String reason) {
    super(429, "TooManyRequestsException", "Rate Exceeded.");
    this.reason = reason;
  }

  /** The {@code Reason} member of the error document. */
  public String reason() {
    return reason;
  }

  @Override
  public java.util.Map<String, String> details() {
    return java.util.Map.of("Reason", reason);
  }
}
