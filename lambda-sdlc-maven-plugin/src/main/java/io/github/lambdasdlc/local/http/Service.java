package io.github.lambdasdlc.local.http;

/** One emulated AWS service behind the local cloud's single HTTP endpoint. */
public interface Service extends AutoCloseable {

  /** The SigV4 signing name that routes a request here, such as {@code lambda} or {@code cloudformation}. */
  String signingName();

  /**
   * Whether an unsigned request (no SigV4 credential scope, as some tools send for anonymous calls) is
   * for this service, judged by its shape alone.
   */
  boolean claims(HttpRequest request);

  /** Answers one request. Must answer every request, malformed or not, with an AWS-shaped response. */
  HttpResponse handle(HttpRequest request);

  /** Stops the service's background work. Its state is already on disk. */
  @Override
  default void close() {
  }
}
