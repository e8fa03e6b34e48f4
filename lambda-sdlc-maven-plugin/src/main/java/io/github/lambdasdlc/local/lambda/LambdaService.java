package io.github.lambdasdlc.local.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.local.core.AwsError;
import io.github.lambdasdlc.local.core.LocalContext;
import io.github.lambdasdlc.local.core.FaultKind;
import io.github.lambdasdlc.local.http.HttpRequest;
import io.github.lambdasdlc.local.http.HttpResponse;
import io.github.lambdasdlc.local.http.Service;
import io.github.lambdasdlc.local.lambda.FunctionRef.Shape;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The local cloud's Lambda: the REST-JSON API (2015-03-31) over HTTP and the same operations as a Java
 * API ({@link FunctionsApi}) for the other services. Functions, versions, aliases and code live in the
 * state directory and survive restarts; asynchronous states settle on the local cloud's scheduler.
 * Running functions is delegated to the {@link FunctionInvoker} given to {@link #setInvoker}.
 */
public final class LambdaService implements Service, FunctionsApi {
  private static final Logger LOG = Logger.getLogger(LambdaService.class.getName());

  private final LocalContext context;
  private final LambdaControlPlane plane;
  private final InvokeHandler invokeHandler;
  private final LambdaRoutes routes;
  private final FunctionUrlConfigs urls;
  private volatile FunctionInvoker invoker;

  public LambdaService(LocalContext context) {
    this.context = context;
    FunctionRegistry registry = new FunctionRegistry(context.store());
    StateTransitions transitions = new StateTransitions(context, registry);
    this.plane = LambdaControlPlane.create(context, registry, transitions, this::functionDeleted);
    this.invokeHandler = new InvokeHandler(context, registry, () -> invoker);
    this.urls = new FunctionUrlConfigs(context, registry);
    this.routes = new LambdaRoutes(new LambdaRoutes.Parts(context, plane, invokeHandler,
        new EventInvokeConfigs(context, registry), urls), registry);
    registry.locked(registry::collectCode);
    transitions.resumeAll();
  }

  /** Installs the engine that runs functions; until one is set, Invoke answers a ServiceException. */
  public void setInvoker(FunctionInvoker invoker) {
    this.invoker = invoker;
  }

  /**
   * Installs what serves function URLs over HTTP, and has it serve every URL already stored. Until one is set,
   * CreateFunctionUrlConfig answers a ServiceException.
   */
  public void setUrlFront(FunctionUrlFront front) {
    urls.attach(front);
  }

  /** Every function URL: the function ARN it invokes (with the alias, for an alias' URL) to the URL. */
  public java.util.Map<String, String> functionUrls() {
    return urls.all();
  }

  /** The function URL with this id, for the HTTP front; empty when there is none (any more). */
  public Optional<FunctionUrlTarget> functionUrl(String urlId) {
    return urls.target(urlId);
  }

  /**
   * Runs a function synchronously with an HTTP event (a function URL's or an HTTP API's), as Invoke with
   * {@code RequestResponse} would.
   *
   * @param qualifier an alias or version, or null for {@code $LATEST}
   * @param requestId the invocation's id (the event's {@code requestContext.requestId})
   * @throws AwsError as Invoke answers it: the function is missing or still Pending, concurrency is exhausted
   */
  public InvocationResponse invokeForHttp(String functionName, String qualifier, String requestId, byte[] event) {
    return invokeHandler.invokeForHttp(ref(functionName, qualifier, Shape.NAMESPACED), requestId, event);
  }

  @Override
  public String signingName() {
    return "lambda";
  }

  @Override
  public boolean claims(HttpRequest r) {
    return LambdaRoutes.claims(r.path());
  }

  /** GetFunction's {@code Code.Location}: a presigned URL on AWS, a link named by the code's SHA-256 here. */
  @Override
  public boolean servesUnsigned(HttpRequest r) {
    return (r.method().equals("GET") || r.method().equals("HEAD")) && r.path().startsWith(CodeStore.DOWNLOAD_PREFIX);
  }

  @Override
  public HttpResponse handle(HttpRequest request) {
    try {
      return routes.handle(request);
    } catch (RuntimeException e) {
      // Never an exception's text to the client (it may quote environment values or other secrets): an
      // AWS-shaped ServiceException, the details in the local cloud's log.
      LOG.log(Level.WARNING, "Lambda failed to answer " + request.method() + " " + request.path(), e);
      return LambdaErrorRenderer.render(LambdaErrors.service("The local cloud's Lambda failed to answer "
          + request.method() + " " + request.path() + ": an internal error, described in the local cloud's log."));
    }
  }

  @Override
  public String operationName(HttpRequest request) {
    return LambdaRoutes.operationName(request.method(), request.path());
  }

  @Override
  public HttpResponse errorResponse(AwsError error) {
    return LambdaErrorRenderer.render(error);
  }

  /**
   * Lambda's answers when it throttles the API (429 {@code TooManyRequestsException} with
   * {@code Reason: CallerRateLimitExceeded}, "Rate exceeded", as AWS sends it), fails (500) or is
   * unavailable (503), the latter two as {@code ServiceException}, Lambda's one modeled server error.
   */
  @Override
  public HttpResponse faultResponse(FaultKind kind) {
    return switch (kind) {
      case THROTTLING -> {
        ObjectNode body = io.github.lambdasdlc.local.core.Json.MAPPER.createObjectNode();
        body.put("Reason", "CallerRateLimitExceeded");
        body.put("Type", "User");
        body.put("message", "Rate exceeded");
        yield new HttpResponse(429, "application/json", body.toString().getBytes(StandardCharsets.UTF_8))
            .header("x-amzn-ErrorType", "TooManyRequestsException")
            .header("x-amzn-RequestId", UUID.randomUUID().toString());
      }
      case SERVICE_UNAVAILABLE -> LambdaErrorRenderer.render(
          new AwsError(503, LambdaErrors.SERVICE, "The Lambda service is temporarily unavailable.", false));
      default -> LambdaErrorRenderer.render(
          new AwsError(500, LambdaErrors.SERVICE, "The Lambda service encountered an internal error.", false));
    };
  }

  private void functionDeleted(String functionArn) {
    urls.reconcile(); // its URLs went with it
    FunctionInvoker current = invoker;
    if (current != null) {
      try {
        current.functionDeleted(functionArn);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "The function runner failed to release " + functionArn, e);
      }
    }
  }

  @Override
  public void close() {
    invokeHandler.close();
    FunctionInvoker current = invoker;
    if (current != null) {
      try {
        current.close();
      } catch (Exception e) {
        LOG.log(Level.WARNING, "The function runner failed to stop", e);
      }
    }
  }

  // ------------------------------------------------------------------ FunctionsApi

  @Override
  public ObjectNode createFunction(ObjectNode request) {
    return plane.functions().createFunction(request);
  }

  @Override
  public ObjectNode getFunctionConfiguration(String functionName, String qualifier) {
    return plane.functions().getFunctionConfiguration(ref(functionName, qualifier, Shape.NAMESPACED));
  }

  @Override
  public ObjectNode updateFunctionConfiguration(String functionName, ObjectNode request) {
    return plane.functions().updateFunctionConfiguration(ref(functionName, null, Shape.FUNCTION_NAME), request);
  }

  @Override
  public ObjectNode updateFunctionCode(String functionName, ObjectNode request) {
    return plane.functions().updateFunctionCode(ref(functionName, null, Shape.FUNCTION_NAME), request);
  }

  @Override
  public void deleteFunction(String functionName, String qualifier) {
    plane.functions().deleteFunction(ref(functionName, qualifier, Shape.NAMESPACED));
  }

  @Override
  public ObjectNode publishVersion(String functionName, ObjectNode request) {
    return plane.versions().publishVersion(ref(functionName, null, Shape.FUNCTION_NAME), request);
  }

  @Override
  public ObjectNode createAlias(String functionName, ObjectNode request) {
    return plane.aliases().createAlias(ref(functionName, null, Shape.FUNCTION_NAME), request);
  }

  @Override
  public ObjectNode updateAlias(String functionName, String aliasName, ObjectNode request) {
    return plane.aliases().updateAlias(ref(functionName, null, Shape.FUNCTION_NAME), aliasName, request);
  }

  @Override
  public String invokeEvent(String functionName, byte[] payload) {
    return invokeHandler.invokeEvent(FunctionRef.parse(functionName, null, FunctionRef.Shape.NAMESPACED, context),
        payload);
  }

  @Override
  public void deleteAlias(String functionName, String aliasName) {
    plane.aliases().deleteAlias(ref(functionName, null, Shape.FUNCTION_NAME), aliasName);
    urls.reconcile();
  }

  @Override
  public ObjectNode createFunctionUrlConfig(String functionName, String qualifier, ObjectNode request) {
    return urls.create(ref(functionName, qualifier, Shape.FUNCTION_NAME), request);
  }

  @Override
  public ObjectNode getFunctionUrlConfig(String functionName, String qualifier) {
    return urls.get(ref(functionName, qualifier, Shape.FUNCTION_NAME));
  }

  @Override
  public ObjectNode updateFunctionUrlConfig(String functionName, String qualifier, ObjectNode request) {
    return urls.update(ref(functionName, qualifier, Shape.FUNCTION_NAME), request);
  }

  @Override
  public void deleteFunctionUrlConfig(String functionName, String qualifier) {
    urls.delete(ref(functionName, qualifier, Shape.FUNCTION_NAME));
  }

  private FunctionRef ref(String name, String qualifier, Shape shape) {
    return FunctionRef.parse(name, qualifier, shape, context);
  }
}
