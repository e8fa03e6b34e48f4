package io.github.lambdasdlc.local.httpfront;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.local.core.AwsError;
import io.github.lambdasdlc.local.core.Json;
import io.github.lambdasdlc.local.core.LocalContext;
import io.github.lambdasdlc.local.lambda.LambdaService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API Gateway HTTP APIs with Lambda proxy integrations, as CloudFormation declares them
 * ({@code AWS::ApiGatewayV2::Api} with a quick-create {@code Target}, or with {@code Route}, {@code Integration}
 * and {@code Stage} resources), each served on a loopback port of its own like a function URL, its
 * {@code ApiEndpoint} {@code http://127.0.0.1:<port>}. Requests become payload format 2.0 events for the
 * route's function. Kept under {@code apigatewayv2/apis/} in the state directory, served again at the next start
 * on the same port. What is not emulated (WebSocket APIs, OpenAPI bodies, authorizers, HTTP_PROXY and payload
 * format 1.0 integrations) is refused with a message that says so.
 */
public final class HttpApis implements AutoCloseable {
  private static final String DIR = "apigatewayv2/apis";
  private static final Pattern FUNCTION_ARN = Pattern.compile(
      "(arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[a-zA-Z0-9-_]+(:[a-zA-Z0-9-_$]+)?)");
  private static final char[] ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  private final LambdaService lambda;
  private final LocalContext context;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, HttpApiRecord> apis = new HashMap<>();
  private final Map<String, FrontServer> servers = new HashMap<>();

  public HttpApis(LambdaService lambda, LocalContext context) {
    this.lambda = lambda;
    this.context = context;
    for (String file : context.store().list(DIR)) {
      if (file.endsWith(".json")) {
        context.store().readJson(DIR + "/" + file, HttpApiRecord.class).ifPresent(api -> {
          apis.put(api.apiId, api);
          serve(api);
        });
      }
    }
  }

  /** CreateApi: returns {@code ApiId} and {@code ApiEndpoint}. With {@code Target}, also its route and integration. */
  public synchronized ObjectNode createApi(JsonNode props) {
    String protocol = props.path("ProtocolType").asText("HTTP");
    if (!protocol.equals("HTTP")) {
      throw bad("The local cloud serves HTTP APIs only, not ProtocolType " + protocol + ".");
    }
    if (props.has("BodyS3Location")) {
      throw bad("The local cloud does not read OpenAPI definitions from S3 (BodyS3Location): give the definition"
          + " inline as Body, or declare the API's routes with a Target or AWS::ApiGatewayV2::Route resources.");
    }
    HttpApiRecord api = new HttpApiRecord();
    api.apiId = newId(10);
    api.name = props.path("Name").asText(api.apiId);
    api.cors = cors(props.get("CorsConfiguration"));
    if (props.hasNonNull("Target")) {
      String routeKey = props.path("RouteKey").asText("$default");
      checkRouteKey(routeKey);
      HttpApiRecord.Integration integration = new HttpApiRecord.Integration();
      integration.functionArn = functionArn(props.get("Target").asText());
      String integrationId = newId(7);
      api.integrations.put(integrationId, integration);
      HttpApiRecord.Route route = new HttpApiRecord.Route();
      route.routeKey = routeKey;
      route.integrationId = integrationId;
      api.routes.put(newId(7), route);
      api.quickCreate = true;
      api.stages.add("$default");
    } else if (props.hasNonNull("Body")) {
      importOpenApi(api, props.get("Body"));
    }
    apis.put(api.apiId, api);
    serve(api);
    save(api);
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("ApiId", api.apiId);
    out.put("ApiEndpoint", api.endpoint);
    return out;
  }

  /** UpdateApi: its name, CORS and (for a quick-created API) its target. */
  public synchronized void updateApi(String apiId, JsonNode props) {
    HttpApiRecord api = api(apiId);
    api.name = props.path("Name").asText(api.name);
    api.cors = cors(props.get("CorsConfiguration"));
    if (api.quickCreate && props.hasNonNull("Target")) {
      String arn = functionArn(props.get("Target").asText());
      api.integrations.values().forEach(i -> i.functionArn = arn);
    } else if (props.hasNonNull("Body")) {
      api.routes.clear();
      api.integrations.clear();
      importOpenApi(api, props.get("Body"));
    }
    save(api);
  }

  /**
   * Routes and Lambda proxy integrations from an inline OpenAPI definition (as SAM's {@code HttpApi} events make
   * it): each operation of {@code paths} with an {@code x-amazon-apigateway-integration} of type
   * {@code aws_proxy}; {@code x-amazon-apigateway-any-method} is {@code ANY}, the path {@code $default} the
   * default route.
   */
  private void importOpenApi(HttpApiRecord api, JsonNode body) {
    JsonNode paths = body.path("paths");
    Map<String, String> integrationByUri = new HashMap<>();
    for (Map.Entry<String, JsonNode> path : (Iterable<Map.Entry<String, JsonNode>>) paths::fields) {
      for (Map.Entry<String, JsonNode> op : (Iterable<Map.Entry<String, JsonNode>>) path.getValue()::fields) {
        String method = op.getKey().equals("x-amazon-apigateway-any-method") ? "ANY" : op.getKey().toUpperCase(Locale.ROOT);
        if (!RouteMatcher.METHODS.contains(method)) {
          continue; // parameters, summary and other members of a path item
        }
        String routeKey = path.getKey().equals("$default") ? "$default" : method + " " + path.getKey();
        checkRouteKey(routeKey);
        HttpApiRecord.Route route = new HttpApiRecord.Route();
        route.routeKey = routeKey;
        JsonNode integration = op.getValue().path("x-amazon-apigateway-integration");
        if (!integration.isMissingNode()) {
          String type = integration.path("type").asText("");
          if (!type.equalsIgnoreCase("aws_proxy")) {
            throw bad("The local cloud serves Lambda proxy integrations only (type aws_proxy), not '" + type + "' ("
                + routeKey + " of the API's Body).");
          }
          String version = integration.path("payloadFormatVersion").asText("");
          if (!version.equals("2.0")) {
            throw bad("The local cloud sends Lambda proxy integrations payload format 2.0 only: set"
                + " payloadFormatVersion to '2.0' for " + routeKey + " of the API's Body" + (version.isEmpty() ? "."
                : ", not '" + version + "'."));
          }
          String arn = functionArn(integration.path("uri").asText());
          route.integrationId = integrationByUri.computeIfAbsent(arn, a -> {
            HttpApiRecord.Integration i = new HttpApiRecord.Integration();
            i.functionArn = a;
            String id = newId(7);
            api.integrations.put(id, i);
            return id;
          });
        }
        api.routes.put(newId(7), route);
      }
    }
  }

  public synchronized void deleteApi(String apiId) {
    HttpApiRecord api = apis.remove(apiId);
    FrontServer server = servers.remove(apiId);
    if (server != null) {
      server.close();
    }
    if (api != null) {
      context.store().delete(file(apiId));
    }
  }

  /** CreateIntegration (AWS_PROXY to a Lambda function, payload format 2.0): returns its id. */
  public synchronized String putIntegration(String apiId, String integrationId, JsonNode props) {
    HttpApiRecord api = api(apiId);
    String type = props.path("IntegrationType").asText();
    if (!type.equals("AWS_PROXY")) {
      throw bad("The local cloud serves Lambda proxy integrations only (IntegrationType AWS_PROXY), not " + type + ".");
    }
    String version = props.path("PayloadFormatVersion").asText("");
    if (!version.equals("2.0")) {
      throw bad("The local cloud sends Lambda proxy integrations payload format 2.0 only: set PayloadFormatVersion"
          + " to '2.0'" + (version.isEmpty() ? " (HTTP APIs require it)." : ", not '" + version + "'."));
    }
    HttpApiRecord.Integration integration = new HttpApiRecord.Integration();
    integration.functionArn = functionArn(props.path("IntegrationUri").asText());
    String id = integrationId == null ? newId(7) : integrationId;
    api.integrations.put(id, integration);
    save(api);
    return id;
  }

  public synchronized void deleteIntegration(String apiId, String integrationId) {
    HttpApiRecord api = apis.get(apiId);
    if (api != null && api.integrations.remove(integrationId) != null) {
      save(api);
    }
  }

  /** CreateRoute: {@code RouteKey} and {@code Target} ({@code integrations/<id>}); returns its id. */
  public synchronized String putRoute(String apiId, String routeId, JsonNode props) {
    HttpApiRecord api = api(apiId);
    String routeKey = props.path("RouteKey").asText();
    checkRouteKey(routeKey);
    String authorization = props.path("AuthorizationType").asText("NONE");
    if (!authorization.equals("NONE")) {
      throw bad("The local cloud does not run authorizers: AuthorizationType " + authorization + " is not supported"
          + " (leave it out, or NONE).");
    }
    HttpApiRecord.Route route = new HttpApiRecord.Route();
    route.routeKey = routeKey;
    String target = props.path("Target").asText(null);
    if (target != null) {
      if (!target.startsWith("integrations/") || !api.integrations.containsKey(target.substring(13))) {
        throw new AwsError(404, "NotFoundException", "Invalid integration identifier specified: " + target
            + " (a Target is integrations/<IntegrationId> of an integration of this API)");
      }
      route.integrationId = target.substring(13);
    }
    String id = routeId == null ? newId(7) : routeId;
    api.routes.put(id, route);
    save(api);
    return id;
  }

  public synchronized void deleteRoute(String apiId, String routeId) {
    HttpApiRecord api = apis.get(apiId);
    if (api != null && api.routes.remove(routeId) != null) {
      save(api);
    }
  }

  /** A stage: {@code $default} serves the API at its root, another name under {@code /<name>/}. */
  public synchronized void putStage(String apiId, String stageName) {
    HttpApiRecord api = api(apiId);
    if (stageName == null || stageName.isEmpty() || stageName.contains("/")) {
      throw bad("A stage name must be $default or a name without '/', not '" + stageName + "'.");
    }
    api.stages.add(stageName);
    save(api);
  }

  public synchronized void deleteStage(String apiId, String stageName) {
    HttpApiRecord api = apis.get(apiId);
    if (api != null && api.stages.remove(stageName)) {
      save(api);
    }
  }

  /** Every HTTP API's endpoint, by id. */
  public synchronized Map<String, String> endpoints() {
    Map<String, String> out = new java.util.TreeMap<>();
    apis.values().forEach(a -> out.put(a.apiId, a.endpoint));
    return out;
  }

  /** The API as it is now, for one request. */
  synchronized Optional<HttpApiRecord> snapshot(String apiId) {
    HttpApiRecord api = apis.get(apiId);
    return api == null ? Optional.empty() : Optional.of(api.copy());
  }

  private void serve(HttpApiRecord api) {
    try {
      FrontServer server = FrontServer.start(api.port, "http-api-" + api.apiId,
          new HttpApiHandler(api.apiId, this, lambda, context));
      servers.put(api.apiId, server);
      String endpoint = server.url().toString();
      api.endpoint = endpoint.substring(0, endpoint.length() - 1); // AWS's ApiEndpoint has no trailing slash
      if (api.port != server.port()) {
        api.port = server.port();
        save(api);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open a loopback port for HTTP API " + api.apiId + ": " + e.getMessage(), e);
    }
  }

  private HttpApiRecord api(String apiId) {
    HttpApiRecord api = apis.get(apiId);
    if (api == null) {
      throw new AwsError(404, "NotFoundException", "Invalid API identifier specified " + context.accountId() + ":"
          + apiId);
    }
    return api;
  }

  private void save(HttpApiRecord api) {
    context.store().writeJson(file(api.apiId), api);
  }

  private static String file(String apiId) {
    return DIR + "/" + apiId + ".json";
  }

  /** The function an integration's URI or a quick-create Target names: its ARN, or the apigateway invocation URI. */
  private String functionArn(String uri) {
    Matcher m = FUNCTION_ARN.matcher(uri == null ? "" : uri);
    if (!m.find()) {
      throw bad("'" + uri + "' names no Lambda function: give the function's ARN (!GetAtt Fn.Arn) or"
          + " arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function ARN>/invocations.");
    }
    return m.group(1);
  }

  private static void checkRouteKey(String routeKey) {
    if (!RouteMatcher.valid(routeKey)) {
      throw bad("Invalid route key '" + routeKey + "': give $default or '<METHOD> /path' (METHOD one of "
          + String.join(", ", new java.util.TreeSet<>(RouteMatcher.METHODS)) + "; {name} and a final {name+}"
          + " match path segments).");
    }
  }

  private static ObjectNode cors(JsonNode node) {
    return node == null || !node.isObject() ? null : ((ObjectNode) node).deepCopy();
  }

  private static AwsError bad(String message) {
    return new AwsError(400, "BadRequestException", message);
  }

  private String newId(int length) {
    char[] id = new char[length];
    for (int i = 0; i < length; i++) {
      id[i] = ID_CHARS[random.nextInt(ID_CHARS.length)];
    }
    return new String(id).toLowerCase(Locale.ROOT);
  }

  @Override
  public synchronized void close() {
    for (FrontServer server : List.copyOf(servers.values())) {
      server.close();
    }
    servers.clear();
  }
}
