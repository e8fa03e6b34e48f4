package io.github.lambdasdlc.local.lambda;

import io.github.lambdasdlc.local.lambda.FunctionRef.Shape;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every Lambda operation the local cloud serves: method and request URI as in Lambda's model
 * ({@code botocore/data/lambda/2015-03-31/service-2.json}), name, and handler. Adding an operation is one
 * line here plus what its handler calls. Qualified operations read the {@code Qualifier} query parameter
 * ({@link LambdaCall#function}); the others take the function name alone ({@link LambdaCall#unqualified}).
 */
final class LambdaOperations {
  static final String FUNCTIONS = "/2015-03-31/functions";
  static final String FUNCTION = FUNCTIONS + "/{FunctionName}";
  static final String EVENT_INVOKE_CONFIG = "/2019-09-25/functions/{FunctionName}/event-invoke-config";
  static final String FUNCTION_URL = "/2021-10-31/functions/{FunctionName}/url";

  static final List<LambdaOperation> ALL = List.of(
      op("GET", "/2016-08-19/account-settings", "GetAccountSettings", c -> c.ok(c.account().getAccountSettings())),
      op("POST", FUNCTIONS, "CreateFunction", c -> {
        c.checkCodeRequestSize();
        return c.created(c.functions().createFunction(c.body()));
      }),
      op("GET", FUNCTIONS, "ListFunctions", c -> c.ok(c.functions().listFunctions(c.query("FunctionVersion"),
          c.query("Marker"), c.maxItems()))),
      op("GET", FUNCTION, "GetFunction", c -> c.ok(c.functions().getFunction(c.function(Shape.NAMESPACED), c.baseUrl()))),
      op("DELETE", FUNCTION, "DeleteFunction", c -> c.noContent(() -> c.functions().deleteFunction(
          c.function(Shape.NAMESPACED)))),
      op("GET", FUNCTION + "/configuration", "GetFunctionConfiguration",
          c -> c.ok(c.functions().getFunctionConfiguration(c.function(Shape.NAMESPACED)))),
      op("PUT", FUNCTION + "/configuration", "UpdateFunctionConfiguration",
          c -> c.ok(c.functions().updateFunctionConfiguration(c.unqualified(Shape.FUNCTION_NAME), c.body()))),
      op("PUT", FUNCTION + "/code", "UpdateFunctionCode", c -> {
        c.checkCodeRequestSize();
        return c.ok(c.functions().updateFunctionCode(c.unqualified(Shape.FUNCTION_NAME), c.body()));
      }),
      op("POST", FUNCTION + "/invocations", "Invoke", c -> c.invoker().invoke(c.function(Shape.NAMESPACED), c.request())),
      op("POST", FUNCTION + "/versions", "PublishVersion",
          c -> c.created(c.versions().publishVersion(c.unqualified(Shape.FUNCTION_NAME), c.body()))),
      op("GET", FUNCTION + "/versions", "ListVersionsByFunction", c -> c.ok(c.versions().listVersionsByFunction(
          c.unqualified(Shape.NAMESPACED), c.query("Marker"), c.maxItems()))),
      op("POST", FUNCTION + "/aliases", "CreateAlias",
          c -> c.created(c.aliases().createAlias(c.unqualified(Shape.FUNCTION_NAME), c.body()))),
      op("GET", FUNCTION + "/aliases", "ListAliases", c -> c.ok(c.aliases().listAliases(c.unqualified(Shape.FUNCTION_NAME),
          c.query("FunctionVersion"), c.query("Marker"), c.maxItems()))),
      op("GET", FUNCTION + "/aliases/{Name}", "GetAlias",
          c -> c.ok(c.aliases().getAlias(c.unqualified(Shape.FUNCTION_NAME), c.label("Name")))),
      op("PUT", FUNCTION + "/aliases/{Name}", "UpdateAlias",
          c -> c.ok(c.aliases().updateAlias(c.unqualified(Shape.FUNCTION_NAME), c.label("Name"), c.body()))),
      op("DELETE", FUNCTION + "/aliases/{Name}", "DeleteAlias", c -> c.noContent(() -> {
        c.aliases().deleteAlias(c.unqualified(Shape.FUNCTION_NAME), c.label("Name"));
        c.urls().reconcile();
      })),
      op("PUT", EVENT_INVOKE_CONFIG, "PutFunctionEventInvokeConfig",
          c -> c.ok(c.eventInvokeConfigs().put(c.function(Shape.NAMESPACED), c.body(), false))),
      op("POST", EVENT_INVOKE_CONFIG, "UpdateFunctionEventInvokeConfig",
          c -> c.ok(c.eventInvokeConfigs().put(c.function(Shape.NAMESPACED), c.body(), true))),
      op("GET", EVENT_INVOKE_CONFIG, "GetFunctionEventInvokeConfig",
          c -> c.ok(c.eventInvokeConfigs().get(c.function(Shape.NAMESPACED)))),
      op("DELETE", EVENT_INVOKE_CONFIG, "DeleteFunctionEventInvokeConfig",
          c -> c.noContent(() -> c.eventInvokeConfigs().delete(c.function(Shape.NAMESPACED)))),
      op("GET", EVENT_INVOKE_CONFIG + "/list", "ListFunctionEventInvokeConfigs", c -> c.ok(
          c.eventInvokeConfigs().list(c.unqualified(Shape.NAMESPACED), c.query("Marker"), c.maxItems()))),
      op("POST", FUNCTION_URL, "CreateFunctionUrlConfig",
          c -> c.created(c.urls().create(c.function(Shape.FUNCTION_NAME), c.body()))),
      op("GET", FUNCTION_URL, "GetFunctionUrlConfig", c -> c.ok(c.urls().get(c.function(Shape.FUNCTION_NAME)))),
      op("PUT", FUNCTION_URL, "UpdateFunctionUrlConfig",
          c -> c.ok(c.urls().update(c.function(Shape.FUNCTION_NAME), c.body()))),
      op("DELETE", FUNCTION_URL, "DeleteFunctionUrlConfig",
          c -> c.noContent(() -> c.urls().delete(c.function(Shape.FUNCTION_NAME)))),
      op("GET", "/2021-10-31/functions/{FunctionName}/urls", "ListFunctionUrlConfigs", c -> c.ok(
          c.urls().list(c.unqualified(Shape.FUNCTION_NAME), c.query("Marker"), c.maxItems()))));

  /** The API versions ({@code /2015-03-31/}, ...) of the table: the paths the Lambda service claims. */
  static final Set<String> VERSION_PREFIXES = ALL.stream().map(LambdaOperation::versionPrefix)
      .collect(Collectors.toUnmodifiableSet());

  private LambdaOperations() {
  }

  private static LambdaOperation op(String method, String uri, String name, LambdaOperation.Handler handler) {
    return new LambdaOperation(method, uri, name, handler);
  }

  /** An operation and the raw labels of the path it matched. */
  record Match(LambdaOperation operation, Map<String, String> labels) {
  }

  /** The operation a method and path ask for, or empty when Lambda's model has none for them. */
  static Optional<Match> find(String method, String path) {
    for (LambdaOperation operation : ALL) {
      if (operation.method().equals(method)) {
        Optional<Map<String, String>> labels = operation.match(path);
        if (labels.isPresent()) {
          return Optional.of(new Match(operation, labels.get()));
        }
      }
    }
    return Optional.empty();
  }

  /** Whether a path is under one of Lambda's API versions. */
  static boolean claims(String path) {
    return VERSION_PREFIXES.stream().anyMatch(path::startsWith);
  }
}
