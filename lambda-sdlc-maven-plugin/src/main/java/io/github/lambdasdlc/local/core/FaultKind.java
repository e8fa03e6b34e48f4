package io.github.lambdasdlc.local.core;

/**
 * What an injected fault does to a request. The error kinds and {@link #LATENCY} act before the service
 * sees the request, so the service's state does not change; the drops let the service act and then
 * break the connection, as a network failure after the server acted.
 */
public enum FaultKind {
  /**
   * The service's throttling error: CloudFormation's {@code Throttling} (400, "Rate exceeded", Query XML),
   * Lambda's {@code TooManyRequestsException} (429, {@code Reason: CallerRateLimitExceeded}).
   */
  THROTTLING,
  /** A 500: Query's {@code InternalFailure}, Lambda's {@code ServiceException}. */
  INTERNAL_ERROR,
  /** A 503: Query's {@code ServiceUnavailable}, Lambda's {@code ServiceException}. */
  SERVICE_UNAVAILABLE,
  /** The request waits {@link FaultPlan#latency()} and is then served normally. */
  LATENCY,
  /** The service acts, then the connection is closed before any byte of its answer is sent. */
  DROP_BEFORE_RESPONSE,
  /**
   * The service acts, then the connection is closed partway through its answer: after the status line,
   * the headers and half of the body (sent with its full Content-Length); before anything when the
   * answer has no body.
   */
  DROP_MID_RESPONSE;

  /** Whether the fault answers in the service's place with an error document. */
  public boolean isError() {
    return this == THROTTLING || this == INTERNAL_ERROR || this == SERVICE_UNAVAILABLE;
  }
}
