package io.github.lambdasdlc.local.httpfront;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.local.core.AwsError;
import io.github.lambdasdlc.local.core.Json;
import io.github.lambdasdlc.local.core.LocalContext;
import io.github.lambdasdlc.local.http.HttpRequest;
import io.github.lambdasdlc.local.http.HttpResponse;
import io.github.lambdasdlc.local.lambda.InvocationResponse;
import io.github.lambdasdlc.local.lambda.LambdaService;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * One HTTP API's requests: the stage from the path, CORS preflight, the route, the 2.0 event to the route's
 * function and its answer back, with API Gateway's {@code {"message": ...}} errors (404 no route, 413, 429, 500
 * on a function error or an unusable answer).
 */
final class HttpApiHandler implements Function<FrontRequest, HttpResponse> {
  private static final Logger LOG = Logger.getLogger(HttpApiHandler.class.getName());

  private final String apiId;
  private final HttpApis apis;
  private final LambdaService lambda;
  private final LocalContext context;

  HttpApiHandler(String apiId, HttpApis apis, LambdaService lambda, LocalContext context) {
    this.apiId = apiId;
    this.apis = apis;
    this.lambda = lambda;
    this.context = context;
  }

  @Override
  public HttpResponse apply(FrontRequest request) {
    Optional<HttpApiRecord> found = apis.snapshot(apiId);
    if (found.isEmpty()) {
      return error(404, "Not Found");
    }
    HttpApiRecord api = found.get();
    HttpRequest http = request.http();
    String path = http.path();
    String stage = null;
    String[] first = path.substring(1).split("/", 2);
    if (!first[0].isEmpty() && !first[0].equals("$default") && api.stages.contains(first[0])) {
      stage = first[0];
      path = first.length > 1 ? "/" + first[1] : "/";
    } else if (api.stages.contains("$default")) {
      stage = "$default";
    }
    if (stage == null) {
      return error(404, "Not Found");
    }
    CorsPolicy cors = CorsPolicy.of(api.cors);
    if (cors != null && CorsPolicy.isPreflight(http)) {
      return cors.preflight(http);
    }
    Optional<RouteMatcher.Match> match = RouteMatcher.select(api.routes.values(), http.method(), path);
    HttpApiRecord.Integration integration = match.map(m -> api.integrations.get(m.route().integrationId))
        .orElse(null);
    if (integration == null) {
      return error(404, "Not Found");
    }
    HttpResponse response = invoke(request, api, stage, match.get(), integration);
    return cors == null ? response : cors.apply(http, response);
  }

  private HttpResponse invoke(FrontRequest request, HttpApiRecord api, String stage, RouteMatcher.Match match,
      HttpApiRecord.Integration integration) {
    if (request.bodyTooLarge()) {
      return error(413, "Request Entity Too Large");
    }
    String requestId = UUID.randomUUID().toString();
    ObjectNode rc = Json.MAPPER.createObjectNode();
    rc.put("accountId", context.accountId());
    rc.put("apiId", api.apiId);
    rc.put("domainName", request.http().header("host").orElse(""));
    rc.put("domainPrefix", api.apiId);
    rc.put("stage", stage);
    ObjectNode event = PayloadV2Event.of(request, rc, match.route().routeKey, requestId, context.clock().instant());
    if (!match.pathParameters().isEmpty()) {
      ObjectNode params = event.putObject("pathParameters");
      match.pathParameters().forEach(params::put);
    }
    byte[] payload;
    try {
      payload = Json.MAPPER.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write the event", e);
    }
    if (payload.length > FunctionUrlHandler.MAX_EVENT_BYTES) {
      return error(413, "Request Entity Too Large");
    }
    InvocationResponse result;
    try {
      result = lambda.invokeForHttp(integration.functionArn, null, requestId, payload);
    } catch (AwsError e) {
      LOG.info("HTTP API " + api.apiId + " could not invoke " + integration.functionArn + ": " + e.code() + ": "
          + e.getMessage());
      return e.status() == 429 ? error(429, "Too Many Requests") : error(500, "Internal Server Error");
    }
    if (result.functionError() != null || result.payload().length > FunctionUrlHandler.MAX_EVENT_BYTES) {
      return error(500, "Internal Server Error");
    }
    return PayloadV2Answer.of(result.payload()).map(r -> r.header("apigw-requestid", requestId))
        .orElseGet(() -> error(500, "Internal Server Error"));
  }

  private static HttpResponse error(int status, String message) {
    return new HttpResponse(status, "application/json",
        FrontServer.utf8("{\"message\":" + FrontResponses.quote(message) + "}"));
  }
}
