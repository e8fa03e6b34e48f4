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
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;

/**
 * Lambda's REST routes (URIs, methods and status codes of the model) onto the control plane and the
 * invoke handler. Unknown paths and methods get Lambda's 404 UnknownOperationException.
 */
final class LambdaRoutes {
  static final String FUNCTIONS = "/2015-03-31/functions";
  static final String ACCOUNT_SETTINGS = "/2016-08-19/account-settings";
  /** Where GetFunction's Code.Location points: the local cloud serves the stored zip there. */
  static final String CODE_DOWNLOAD_PREFIX = "/local-cloud/lambda/code/";
  /** CreateFunction and UpdateFunctionCode requests: a 50 MiB zip in base64, plus the rest of the document. */
  static final int MAX_CODE_REQUEST_BYTES = 70_167_211;

  private final LocalContext context;
  private final LambdaControlPlane plane;
  private final InvokeHandler invoker;
  private final FunctionRegistry registry;
  private final EventInvokeConfigs eventInvokeConfigs;
  private final FunctionUrlConfigs urls;

  LambdaRoutes(LocalContext context, LambdaControlPlane plane, InvokeHandler invoker, FunctionRegistry registry,
      EventInvokeConfigs eventInvokeConfigs, FunctionUrlConfigs urls) {
    this.context = context;
    this.plane = plane;
    this.invoker = invoker;
    this.registry = registry;
    this.eventInvokeConfigs = eventInvokeConfigs;
    this.urls = urls;
  }

  HttpResponse handle(HttpRequest req) {
    try {
      return route(req);
    } catch (AwsError e) {
      return LambdaErrorRenderer.render(e);
    }
  }

  private HttpResponse route(HttpRequest req) {
    String path = req.path();
    String method = req.method();
    Map<String, String> query = queryOf(req);
    if (path.equals(ACCOUNT_SETTINGS) || path.equals(ACCOUNT_SETTINGS + "/")) {
      require(method, "GET");
      return json(200, plane.getAccountSettings());
    }
    if (path.startsWith(CODE_DOWNLOAD_PREFIX)) {
      require(method, "GET");
      return code(path.substring(CODE_DOWNLOAD_PREFIX.length()));
    }
    if (path.equals(FUNCTIONS) || path.equals(FUNCTIONS + "/")) {
      if (method.equals("POST")) {
        checkCodeRequestSize(req, "CreateFunction");
        return json(201, plane.createFunction(body(req)));
      }
      require(method, "GET");
      return json(200, plane.listFunctions(query.get("FunctionVersion"), query.get("Marker"), maxItems(query)));
    }
    if (path.startsWith(EventInvokeConfigs.PREFIX + "/")) {
      return eventInvokeConfig(req, method, query);
    }
    if (path.startsWith(FunctionUrlConfigs.PREFIX + "/")) {
      return functionUrl(req, method, query);
    }
    if (!path.startsWith(FUNCTIONS + "/")) {
      throw LambdaErrors.unknownOperation();
    }
    String[] parts = path.substring(FUNCTIONS.length() + 1).split("/", -1);
    String name = decode(parts[0]);
    String qualifier = query.get("Qualifier");
    if (parts.length == 1) {
      switch (method) {
        case "GET":
          return json(200, plane.getFunction(ref(name, qualifier, Shape.NAMESPACED), baseUrl(req)));
        case "DELETE":
          plane.deleteFunction(ref(name, qualifier, Shape.NAMESPACED));
          return noContent();
        default:
          throw LambdaErrors.unknownOperation();
      }
    }
    String sub = parts[1];
    if (parts.length == 2) {
      switch (sub + " " + method) {
        case "configuration GET":
          return json(200, plane.getFunctionConfiguration(ref(name, qualifier, Shape.NAMESPACED)));
        case "configuration PUT":
          return json(200, plane.updateFunctionConfiguration(ref(name, null, Shape.FUNCTION_NAME), body(req)));
        case "code PUT":
          checkCodeRequestSize(req, "UpdateFunctionCode");
          return json(200, plane.updateFunctionCode(ref(name, null, Shape.FUNCTION_NAME), body(req)));
        case "invocations POST":
          return invoker.invoke(ref(name, qualifier, Shape.NAMESPACED), req);
        case "versions POST":
          return json(201, plane.publishVersion(ref(name, null, Shape.FUNCTION_NAME), body(req)));
        case "versions GET":
          return json(200, plane.listVersionsByFunction(ref(name, null, Shape.NAMESPACED), query.get("Marker"),
              maxItems(query)));
        case "aliases POST":
          return json(201, plane.createAlias(ref(name, null, Shape.FUNCTION_NAME), body(req)));
        case "aliases GET":
          return json(200, plane.listAliases(ref(name, null, Shape.FUNCTION_NAME), query.get("FunctionVersion"),
              query.get("Marker"), maxItems(query)));
        default:
          throw LambdaErrors.unknownOperation();
      }
    }
    if (parts.length == 3 && sub.equals("aliases") && !parts[2].isEmpty()) {
      String alias = decode(parts[2]);
      FunctionRef ref = ref(name, null, Shape.FUNCTION_NAME);
      switch (method) {
        case "GET":
          return json(200, plane.getAlias(ref, alias));
        case "PUT":
          return json(200, plane.updateAlias(ref, alias, body(req)));
        case "DELETE":
          plane.deleteAlias(ref, alias);
          urls.reconcile();
          return noContent();
        default:
          throw LambdaErrors.unknownOperation();
      }
    }
    throw LambdaErrors.unknownOperation();
  }

  /** {@code /2019-09-25/functions/{name}/event-invoke-config} and its {@code /list}. */
  private HttpResponse eventInvokeConfig(HttpRequest req, String method, Map<String, String> query) {
    String[] parts = req.path().substring(EventInvokeConfigs.PREFIX.length() + 1).split("/", -1);
    if (parts.length < 2 || parts.length > 3 || !parts[1].equals(EventInvokeConfigs.SUFFIX)) {
      throw LambdaErrors.unknownOperation();
    }
    String name = decode(parts[0]);
    if (parts.length == 3) {
      if (!parts[2].equals("list")) {
        throw LambdaErrors.unknownOperation();
      }
      require(method, "GET");
      return json(200, eventInvokeConfigs.list(ref(name, null, Shape.NAMESPACED), query.get("Marker"),
          maxItems(query)));
    }
    FunctionRef ref = ref(name, query.get("Qualifier"), Shape.NAMESPACED);
    switch (method) {
      case "PUT":
        return json(200, eventInvokeConfigs.put(ref, body(req), false));
      case "POST":
        return json(200, eventInvokeConfigs.put(ref, body(req), true));
      case "GET":
        return json(200, eventInvokeConfigs.get(ref));
      case "DELETE":
        eventInvokeConfigs.delete(ref);
        return noContent();
      default:
        throw LambdaErrors.unknownOperation();
    }
  }

  /** {@code /2021-10-31/functions/{name}/url} (one URL, by Qualifier) and {@code .../urls} (the list). */
  private HttpResponse functionUrl(HttpRequest req, String method, Map<String, String> query) {
    String[] parts = req.path().substring(FunctionUrlConfigs.PREFIX.length() + 1).split("/", -1);
    if (parts.length != 2) {
      throw LambdaErrors.unknownOperation();
    }
    String name = decode(parts[0]);
    if (parts[1].equals("urls")) {
      require(method, "GET");
      return json(200, urls.list(ref(name, null, Shape.FUNCTION_NAME), query.get("Marker"), maxItems(query)));
    }
    if (!parts[1].equals("url")) {
      throw LambdaErrors.unknownOperation();
    }
    FunctionRef ref = ref(name, query.get("Qualifier"), Shape.FUNCTION_NAME);
    switch (method) {
      case "POST":
        return json(201, urls.create(ref, body(req)));
      case "GET":
        return json(200, urls.get(ref));
      case "PUT":
        return json(200, urls.update(ref, body(req)));
      case "DELETE":
        urls.delete(ref);
        return noContent();
      default:
        throw LambdaErrors.unknownOperation();
    }
  }

  private FunctionRef ref(String name, String qualifier, Shape shape) {
    return FunctionRef.parse(name, qualifier, shape, context);
  }

  /**
   * The operation a method and path ask for, by the same shapes {@link #route} serves (the model's
   * URIs and methods), without checking names: null for paths that are no Lambda operation (the code
   * download address stands in for S3, not Lambda).
   */
  static String operationName(String method, String path) {
    if (path.equals(ACCOUNT_SETTINGS) || path.equals(ACCOUNT_SETTINGS + "/")) {
      return method.equals("GET") ? "GetAccountSettings" : null;
    }
    if (path.equals(FUNCTIONS) || path.equals(FUNCTIONS + "/")) {
      return switch (method) {
        case "POST" -> "CreateFunction";
        case "GET" -> "ListFunctions";
        default -> null;
      };
    }
    if (path.startsWith(EventInvokeConfigs.PREFIX + "/")) {
      String[] parts = path.substring(EventInvokeConfigs.PREFIX.length() + 1).split("/", -1);
      if (parts.length == 3 && parts[1].equals(EventInvokeConfigs.SUFFIX) && parts[2].equals("list")) {
        return method.equals("GET") ? "ListFunctionEventInvokeConfigs" : null;
      }
      if (parts.length != 2 || !parts[1].equals(EventInvokeConfigs.SUFFIX)) {
        return null;
      }
      return switch (method) {
        case "PUT" -> "PutFunctionEventInvokeConfig";
        case "POST" -> "UpdateFunctionEventInvokeConfig";
        case "GET" -> "GetFunctionEventInvokeConfig";
        case "DELETE" -> "DeleteFunctionEventInvokeConfig";
        default -> null;
      };
    }
    if (path.startsWith(FunctionUrlConfigs.PREFIX + "/")) {
      String[] parts = path.substring(FunctionUrlConfigs.PREFIX.length() + 1).split("/", -1);
      if (parts.length == 2 && parts[1].equals("urls")) {
        return method.equals("GET") ? "ListFunctionUrlConfigs" : null;
      }
      if (parts.length != 2 || !parts[1].equals("url")) {
        return null;
      }
      return switch (method) {
        case "POST" -> "CreateFunctionUrlConfig";
        case "GET" -> "GetFunctionUrlConfig";
        case "PUT" -> "UpdateFunctionUrlConfig";
        case "DELETE" -> "DeleteFunctionUrlConfig";
        default -> null;
      };
    }
    if (!path.startsWith(FUNCTIONS + "/")) {
      return null;
    }
    String[] parts = path.substring(FUNCTIONS.length() + 1).split("/", -1);
    if (parts.length == 1) {
      return switch (method) {
        case "GET" -> "GetFunction";
        case "DELETE" -> "DeleteFunction";
        default -> null;
      };
    }
    if (parts.length == 2) {
      return switch (parts[1] + " " + method) {
        case "configuration GET" -> "GetFunctionConfiguration";
        case "configuration PUT" -> "UpdateFunctionConfiguration";
        case "code PUT" -> "UpdateFunctionCode";
        case "invocations POST" -> "Invoke";
        case "versions POST" -> "PublishVersion";
        case "versions GET" -> "ListVersionsByFunction";
        case "aliases POST" -> "CreateAlias";
        case "aliases GET" -> "ListAliases";
        default -> null;
      };
    }
    if (parts.length == 3 && parts[1].equals("aliases") && !parts[2].isEmpty()) {
      return switch (method) {
        case "GET" -> "GetAlias";
        case "PUT" -> "UpdateAlias";
        case "DELETE" -> "DeleteAlias";
        default -> null;
      };
    }
    return null;
  }

  private HttpResponse code(String file) {
    String hex = file.endsWith(".zip") ? file.substring(0, file.length() - 4) : "";
    boolean known = registry.locked(() -> registry.code().existsHex(hex));
    if (!known) {
      throw LambdaErrors.notFound("The requested code package does not exist (its function or version was deleted).");
    }
    try {
      return new HttpResponse(200, "application/zip", Files.readAllBytes(registry.code().pathOfHex(hex)));
    } catch (IOException e) {
      // The details go to the log (LambdaService); a response never carries an exception's text.
      throw new java.io.UncheckedIOException("Cannot read the stored code package " + hex, e);
    }
  }

  /** The query parameters; a query string that is not valid URL encoding is the caller's error. */
  private static Map<String, String> queryOf(HttpRequest req) {
    try {
      return req.queryParameters();
    } catch (IllegalArgumentException e) {
      throw LambdaErrors.invalid("The query string is not valid URL encoding: " + e.getMessage());
    }
  }

  private static void require(String method, String expected) {
    if (!method.equals(expected)) {
      throw LambdaErrors.unknownOperation();
    }
  }

  private static void checkCodeRequestSize(HttpRequest req, String operation) {
    if (req.body().length > MAX_CODE_REQUEST_BYTES) {
      throw new AwsError(413, "RequestEntityTooLargeException",
          "Request must be smaller than " + MAX_CODE_REQUEST_BYTES + " bytes for the " + operation + " operation");
    }
  }

  private static ObjectNode body(HttpRequest req) {
    if (req.body().length == 0) {
      return Json.MAPPER.createObjectNode();
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(req.body());
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

  private static Integer maxItems(Map<String, String> query) {
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

  /** Decodes a path segment; {@code +} stays itself, as in URI paths. */
  private static String decode(String segment) {
    try {
      return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw LambdaErrors.validation("'" + segment + "'", "functionName", "Member must be a valid URL-encoded value");
    }
  }

  /** The URL clients reached this cloud at, from the Host header. */
  private static String baseUrl(HttpRequest req) {
    return req.header("host").map(h -> "http://" + h).orElse(null);
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

  private static HttpResponse noContent() {
    return HttpResponse.empty(204).header("x-amzn-RequestId", UUID.randomUUID().toString());
  }
}
