package io.github.lambdasdlc.local.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.local.core.AwsError;
import io.github.lambdasdlc.local.core.Json;
import io.github.lambdasdlc.local.core.LocalContext;
import io.github.lambdasdlc.local.http.HttpRequest;
import io.github.lambdasdlc.local.http.HttpResponse;
import io.github.lambdasdlc.local.lambda.FunctionRef.Shape;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * One request matched to a {@link LambdaOperation}: its path labels, query parameters and body as the
 * handlers read them (with Lambda's errors for bad input), the parts of the service that serve it, and
 * the response shapes of Lambda's REST-JSON protocol.
 */
final class LambdaCall {
  private final LambdaOperation operation;
  private final HttpRequest request;
  private final Map<String, String> labels;
  private final Map<String, String> query;
  private final LambdaRoutes.Parts parts;

  LambdaCall(LambdaOperation operation, HttpRequest request, Map<String, String> labels, Map<String, String> query,
      LambdaRoutes.Parts parts) {
    this.operation = operation;
    this.request = request;
    this.labels = labels;
    this.query = query;
    this.parts = parts;
  }

  HttpRequest request() {
    return request;
  }

  LambdaFunctions functions() {
    return parts.plane().functions();
  }

  LambdaVersions versions() {
    return parts.plane().versions();
  }

  LambdaAliases aliases() {
    return parts.plane().aliases();
  }

  LambdaAccount account() {
    return parts.plane().account();
  }

  InvokeHandler invoker() {
    return parts.invoker();
  }

  EventInvokeConfigs eventInvokeConfigs() {
    return parts.eventInvokeConfigs();
  }

  FunctionUrlConfigs urls() {
    return parts.urls();
  }

  /** A path label, URL-decoded ({@code +} stays itself, as in URI paths). */
  String label(String name) {
    String segment = labels.get(name);
    try {
      return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw LambdaErrors.validation("'" + segment + "'", "functionName", "Member must be a valid URL-encoded value");
    }
  }

  String query(String name) {
    return query.get(name);
  }

  /** The function of the path, qualified by the {@code Qualifier} query parameter when there is one. */
  FunctionRef function(Shape shape) {
    return ref(query.get("Qualifier"), shape);
  }

  /** The function of the path, for operations that take no {@code Qualifier}. */
  FunctionRef unqualified(Shape shape) {
    return ref(null, shape);
  }

  private FunctionRef ref(String qualifier, Shape shape) {
    LocalContext context = parts.context();
    return FunctionRef.parse(label("FunctionName"), qualifier, shape, context);
  }

  /** Refuses a request larger than a zip upload can be, as Lambda does for the operations that carry code. */
  void checkCodeRequestSize() {
    if (request.body().length > LambdaRoutes.MAX_CODE_REQUEST_BYTES) {
      throw new AwsError(413, "RequestEntityTooLargeException", "Request must be smaller than "
          + LambdaRoutes.MAX_CODE_REQUEST_BYTES + " bytes for the " + operation.name() + " operation");
    }
  }

  /** The request document; an empty body is an empty document. */
  ObjectNode body() {
    if (request.body().length == 0) {
      return Json.MAPPER.createObjectNode();
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(request.body());
    } catch (JsonProcessingException e) {
      throw LambdaErrors.badJson(e.getOriginalMessage());
    } catch (IOException e) {
      throw LambdaErrors.badJson(e.getMessage());
    }
    if (node == null || node.isMissingNode()) {
      return Json.MAPPER.createObjectNode();
    }
    if (!node.isObject()) {
      throw LambdaErrors.badJson("the request body must be a JSON object");
    }
    return (ObjectNode) node;
  }

  Integer maxItems() {
    String raw = query.get("MaxItems");
    if (raw == null) {
      return null;
    }
    int n;
    try {
      n = Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw LambdaErrors.validation("'" + raw + "'", "maxItems", "Member must be an integer");
    }
    if (n < 1) {
      throw LambdaErrors.validation("'" + n + "'", "maxItems", "Member must have value greater than or equal to 1");
    }
    if (n > 10000) {
      throw LambdaErrors.validation("'" + n + "'", "maxItems", "Member must have value less than or equal to 10000");
    }
    return n;
  }

  /** The URL clients reached this cloud at, from the Host header. */
  String baseUrl() {
    return request.header("host").map(h -> "http://" + h).orElse(null);
  }

  HttpResponse ok(ObjectNode body) {
    return json(200, body);
  }

  HttpResponse created(ObjectNode body) {
    return json(201, body);
  }

  /** Runs an operation whose answer is an empty 204. */
  HttpResponse noContent(Runnable operation) {
    operation.run();
    return HttpResponse.empty(204).header("x-amzn-RequestId", UUID.randomUUID().toString());
  }

  private static HttpResponse json(int status, ObjectNode body) {
    try {
      return new HttpResponse(status, "application/json", Json.MAPPER.writeValueAsBytes(body))
          .header("x-amzn-RequestId", UUID.randomUUID().toString());
    } catch (JsonProcessingException e) {
      // Its text may quote the body (environment values): the log gets it, through LambdaService, not the client.
      throw new IllegalStateException("Cannot render a response", e);
    }
  }
}
