package io.github.lambdasdlc.local.httpfront;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.local.core.AwsError;
import io.github.lambdasdlc.local.core.Json;
import io.github.lambdasdlc.local.core.LocalContext;
import io.github.lambdasdlc.local.http.HttpRequest;
import io.github.lambdasdlc.local.http.HttpResponse;
import io.github.lambdasdlc.local.lambda.FunctionUrlTarget;
import io.github.lambdasdlc.local.lambda.InvocationResponse;
import io.github.lambdasdlc.local.lambda.LambdaService;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * One function URL's requests: its auth type checked ({@code AWS_IAM} needs a SigV4 signature, which, as on
 * the API port, is not verified: any key works), its CORS applied, the request turned into the 2.0 event,
 * the function invoked and its answer turned back into HTTP, with AWS's statuses for what goes wrong (403
 * unsigned, 413 too large, 429 throttled, 502 on a function error or an unusable answer).
 */
final class FunctionUrlHandler implements Function<FrontRequest, HttpResponse> {
  private static final Logger LOG = Logger.getLogger(FunctionUrlHandler.class.getName());
  /** Invoke's synchronous payload limit, which the event (body, headers and all) must stay within. */
  static final int MAX_EVENT_BYTES = 6_291_456;

  private final String urlId;
  private final LambdaService lambda;
  private final LocalContext context;

  FunctionUrlHandler(String urlId, LambdaService lambda, LocalContext context) {
    this.urlId = urlId;
    this.lambda = lambda;
    this.context = context;
  }

  @Override
  public HttpResponse apply(FrontRequest request) {
    Optional<FunctionUrlTarget> found = lambda.functionUrl(urlId);
    if (found.isEmpty()) {
      return FrontResponses.message(404, "Not Found: this function URL was deleted.");
    }
    FunctionUrlTarget target = found.get();
    HttpRequest http = request.http();
    Optional<String> accessKey = SigV4.accessKey(http, "lambda");
    if (target.requiresSignature() && accessKey.isEmpty()) {
      return FrontResponses.message(403, "Forbidden").header("x-amzn-ErrorType", "AccessDeniedException");
    }
    CorsPolicy cors = CorsPolicy.of(target.cors());
    if (cors != null && CorsPolicy.isPreflight(http)) {
      return cors.preflight(http);
    }
    HttpResponse response = invoke(request, target, accessKey.orElse(null));
    return cors == null ? response : cors.apply(http, response);
  }

  private HttpResponse invoke(FrontRequest request, FunctionUrlTarget target, String accessKey) {
    if (request.bodyTooLarge()) {
      return tooLarge();
    }
    String requestId = UUID.randomUUID().toString();
    ObjectNode event = PayloadV2Event.of(request, requestContext(request, target, accessKey), "$default", requestId,
        context.clock().instant());
    byte[] payload;
    try {
      payload = Json.MAPPER.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write the event", e);
    }
    if (payload.length > MAX_EVENT_BYTES) {
      return tooLarge();
    }
    InvocationResponse result;
    try {
      result = lambda.invokeForHttp(target.functionName(), target.qualifier(), requestId, payload);
    } catch (AwsError e) {
      LOG.info("The function URL of " + target.functionName() + " could not invoke it: " + e.code() + ": "
          + e.getMessage());
      if (e.status() == 429) {
        return FrontResponses.message(429, "Rate Exceeded.");
      }
      return badGateway(requestId);
    }
    if (result.functionError() != null || result.payload().length > MAX_EVENT_BYTES) {
      return badGateway(requestId);
    }
    return PayloadV2Answer.of(result.payload()).map(r -> r.header("x-amzn-RequestId", requestId))
        .orElseGet(() -> badGateway(requestId));
  }

  /**
   * The request context's members that a function URL sets: the caller's account ({@code anonymous} for
   * NONE), the URL's id as apiId and domain prefix, the host called, and for AWS_IAM the signer (the local
   * cloud's account: any key is accepted).
   */
  private ObjectNode requestContext(FrontRequest request, FunctionUrlTarget target, String accessKey) {
    ObjectNode rc = Json.MAPPER.createObjectNode();
    rc.put("accountId", target.requiresSignature() ? context.accountId() : "anonymous");
    rc.put("apiId", target.urlId());
    if (target.requiresSignature()) {
      ObjectNode iam = rc.putObject("authorizer").putObject("iam");
      iam.put("accessKey", accessKey);
      iam.put("accountId", context.accountId());
      iam.put("callerId", accessKey);
      iam.putNull("cognitoIdentity");
      iam.putNull("principalOrgId");
      iam.put("userArn", "arn:aws:iam::" + context.accountId() + ":root");
      iam.put("userId", context.accountId());
    }
    rc.put("domainName", request.http().header("host").orElse(""));
    rc.put("domainPrefix", target.urlId());
    return rc;
  }

  private static HttpResponse tooLarge() {
    return FrontResponses.message(413, "Request must be smaller than " + MAX_EVENT_BYTES
        + " bytes for the InvokeFunction operation");
  }

  /** What a function URL answers when the function failed or its answer cannot be used. */
  private static HttpResponse badGateway(String requestId) {
    return HttpResponse.text(502, "text/plain; charset=utf-8", "Internal Server Error")
        .header("x-amzn-RequestId", requestId);
  }
}
