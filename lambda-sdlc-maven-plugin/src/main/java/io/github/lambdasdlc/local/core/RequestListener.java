package io.github.lambdasdlc.local.core;

import java.time.Duration;

/**
 * Told about each request the local cloud has answered, after the answer went out: which service and
 * operation, the HTTP status and how long it took. Never the request's headers or body, which carry
 * credentials and user data. Called on the serving thread: it must return quickly and not throw.
 */
@FunctionalInterface
public interface RequestListener {
  void served(Served request);

  /**
   * One answered request.
   *
   * @param service the SigV4 signing name of the service it went to ({@code cloudformation}, {@code lambda},
   *     {@code logs}), or null when no service took it
   * @param operation the API operation as AWS names it ({@code DescribeStacks}), or null when unknown
   * @param status the HTTP status sent, or -1 when the connection ended before an answer
   * @param duration from the request's arrival to the end of the answer
   */
  record Served(String service, String operation, int status, Duration duration) {
  }
}
