package io.github.lambdasdlc.local.http;

import io.github.lambdasdlc.local.core.AwsError;
import io.github.lambdasdlc.local.core.FaultKind;
import io.github.lambdasdlc.local.core.FaultPlan;

/** One emulated AWS service behind the local cloud's single HTTP endpoint. */
public interface Service extends AutoCloseable {

  /** The SigV4 signing name that routes a request here, such as {@code lambda} or {@code cloudformation}. */
  String signingName();

  /**
   * Whether a request without a SigV4 credential scope is for this service, judged by its shape alone: so that
   * a refused unsigned request is answered in this service's protocol, and a request whose scope cannot be
   * read still reaches its service.
   */
  boolean claims(HttpRequest request);

  /** Answers one request. Must answer every request, malformed or not, with an AWS-shaped response. */
  HttpResponse handle(HttpRequest request);

  /**
   * The API operation a request asks for, as AWS names it ({@code DescribeStacks}, {@code UpdateFunctionCode}),
   * or null when the request names none this service knows. Used to aim injected faults
   * ({@link FaultPlan}); must not change state and should be cheap.
   */
  default String operationName(HttpRequest request) {
    return null;
  }

  /**
   * An error in this service's protocol shape, for failures found before the service sees the request
   * (a body over the server's cap). This default is a generic JSON error with {@code x-amzn-ErrorType}.
   */
  default HttpResponse errorResponse(AwsError error) {
    return LocalHttpServer.ServiceErrors.plain(error.status(), error.code(), error.getMessage());
  }

  /**
   * Whether this request may be served without a SigV4 signature: only what AWS serves through a presigned
   * URL (a capability the caller was given, such as GetFunction's {@code Code.Location}), never an operation.
   */
  default boolean servesUnsigned(HttpRequest request) {
    return false;
  }

  /**
   * The answer to a request refused before the service saw it because it is unsigned or comes from a web page
   * ({@link BrowserGuard}): 403 with AWS's error for an unsigned request, and {@code why} in the message.
   */
  default HttpResponse refusal(String why) {
    return errorResponse(new AwsError(403, "MissingAuthenticationTokenException", "Missing Authentication Token. "
        + why));
  }

  /**
   * The service's own error document for an injected fault of an error kind ({@link FaultKind#isError()}):
   * what AWS answers when it throttles, fails or is unavailable. This default is a generic JSON error;
   * services override it with their protocol's shape.
   */
  default HttpResponse faultResponse(FaultKind kind) {
    return errorResponse(switch (kind) {
      case THROTTLING -> new AwsError(400, "ThrottlingException", "Rate exceeded");
      case SERVICE_UNAVAILABLE -> new AwsError(503, "ServiceUnavailable",
          "The request has failed due to a temporary failure of the server.");
      default -> new AwsError(500, "InternalFailure",
          "The request processing has failed because of an unknown error, exception or failure.");
    });
  }

  /** Stops the service's background work. Its state is already on disk. */
  @Override
  default void close() {
  }
}
