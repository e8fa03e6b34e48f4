package io.github.lambdasdlc.local.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.lambdasdlc.local.core.AwsError;
import io.github.lambdasdlc.local.core.Json;
import io.github.lambdasdlc.local.core.LocalContext;
import io.github.lambdasdlc.local.http.HttpRequest;
import io.github.lambdasdlc.local.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The control-plane half of Invoke: checks the request as Lambda does (invocation type, log type, payload
 * size and JSON, the function's state), resolves the version to run, hands it to the
 * {@link FunctionInvoker} and renders what came back.
 */
final class InvokeHandler implements AutoCloseable {
  /** Synchronous request payload limit (6 MB). */
  static final int MAX_SYNC_PAYLOAD = 6_291_456;
  /** Asynchronous (Event) payload limit: 1 MB since AWS raised it from 256 KB in October 2025. */
  static final int MAX_ASYNC_PAYLOAD = 1_048_576;
  /** X-Amz-Log-Result carries the last 4 KB of the log. */
  static final int LOG_TAIL_BYTES = 4096;
  /** Retries of an Event invocation after function errors, Lambda's default {@code MaximumRetryAttempts}. */
  static final int DEFAULT_MAXIMUM_RETRY_ATTEMPTS = 2;

  private final LocalContext context;
  private final FunctionRegistry registry;
  private final Supplier<FunctionInvoker> invoker;
  private final EventQueue events;

  InvokeHandler(LocalContext context, FunctionRegistry registry, Supplier<FunctionInvoker> invoker) {
    this.context = context;
    this.registry = registry;
    this.invoker = invoker;
    this.events = new EventQueue(context.config().maxConcurrency(), context.config().asyncRetryDelay());
  }

  HttpResponse invoke(FunctionRef ref, HttpRequest request) {
    String type = request.header("x-amz-invocation-type").orElse("RequestResponse");
    ConfigurationValidator.enumValue(type, "invocationType", "Event", "RequestResponse", "DryRun");
    String logType = request.header("x-amz-log-type").orElse("None");
    ConfigurationValidator.enumValue(logType, "logType", "None", "Tail");
    String clientContext = ClientContext.check(request.header("x-amz-client-context").orElse(null));
    byte[] payload = request.body();
    if ("Event".equals(type) && payload.length > MAX_ASYNC_PAYLOAD) {
      throw new AwsError(413, "RequestTooLargeException",
          "Request must be smaller than " + MAX_ASYNC_PAYLOAD + " bytes for the InvokeAsync operation");
    }
    if (payload.length > MAX_SYNC_PAYLOAD) {
      throw new AwsError(413, "RequestTooLargeException",
          "Request must be smaller than " + MAX_SYNC_PAYLOAD + " bytes for the InvokeFunction operation");
    }
    checkJson(payload);
    Resolved target = resolve(ref);
    if ("DryRun".equals(type)) {
      return HttpResponse.empty(204).header("x-amzn-RequestId", UUID.randomUUID().toString());
    }
    FunctionInvoker runner = invoker.get();
    if (runner == null) {
      throw LambdaErrors.service("This local cloud cannot run functions: it was started without a function runner,"
          + " so Invoke is not available. The control plane (create, update, versions, aliases) works.");
    }
    String requestId = UUID.randomUUID().toString();
    InvocationRequest invocation = new InvocationRequest(requestId, target.invokedArn(), payload, type,
        "Tail".equals(logType), clientContext);
    if ("Event".equals(type)) {
      // Lambda passes a client context to synchronous invocations only.
      InvocationRequest event = new InvocationRequest(requestId, target.invokedArn(), payload, type, false, null);
      events.submit(runner, target.function(), () -> current(ref, target.function()), event, target.retries());
      return HttpResponse.empty(202).header("x-amzn-RequestId", requestId);
    }
    InvocationResponse result = runner.invoke(target.function(), invocation);
    HttpResponse response = new HttpResponse(200, "application/json", result.payload())
        .header("x-amzn-RequestId", requestId)
        .header("X-Amz-Executed-Version", result.executedVersion() == null ? target.function().version()
            : result.executedVersion());
    if (result.functionError() != null) {
      response.header("X-Amz-Function-Error", result.functionError());
    }
    if ("Tail".equals(logType)) {
      response.header("X-Amz-Log-Result", tail(result.logTail()));
    }
    return response;
  }

  /** An Event invocation from another service of the local cloud; returns its request id. */
  String invokeEvent(FunctionRef ref, byte[] payload) {
    Resolved target = resolve(ref);
    FunctionInvoker runner = invoker.get();
    if (runner == null) {
      throw LambdaErrors.service("This local cloud cannot run functions: it was started without a function runner.");
    }
    String requestId = UUID.randomUUID().toString();
    InvocationRequest event = new InvocationRequest(requestId, target.invokedArn(), payload, "Event", false, null);
    events.submit(runner, target.function(), () -> current(ref, target.function()), event, target.retries());
    return requestId;
  }

  /**
   * A synchronous invocation on behalf of a function URL or an HTTP API: the payload is the HTTP event the
   * front built; what comes back is the function's answer, a function error included.
   *
   * @throws AwsError as Invoke would answer it (the function's state, the concurrency limit, no runner)
   */
  InvocationResponse invokeForHttp(FunctionRef ref, String requestId, byte[] event) {
    Resolved target = resolve(ref);
    FunctionInvoker runner = invoker.get();
    if (runner == null) {
      throw LambdaErrors.service("This local cloud cannot run functions: it was started without a function runner.");
    }
    return runner.invoke(target.function(), new InvocationRequest(requestId, target.invokedArn(),
        event, "RequestResponse", false, null));
  }

  /**
   * What a queued event runs when its turn comes: the function as it is then (Lambda runs the current
   * code of what the event named), null once it is gone.
   */
  private ExecutableFunction current(FunctionRef ref, ExecutableFunction accepted) {
    try {
      return resolve(ref).function();
    } catch (AwsError e) {
      return LambdaErrors.NOT_FOUND.equals(e.code()) ? null : accepted;
    }
  }

  /** Base64 of the last 4 KB of the log, as Lambda sends it in X-Amz-Log-Result. */
  static String tail(String log) {
    byte[] bytes = (log == null ? "" : log).getBytes(StandardCharsets.UTF_8);
    byte[] last = bytes.length <= LOG_TAIL_BYTES ? bytes : Arrays.copyOfRange(bytes, bytes.length - LOG_TAIL_BYTES,
        bytes.length);
    return Base64.getEncoder().encodeToString(last);
  }

  private static void checkJson(byte[] payload) {
    if (payload.length == 0) {
      return;
    }
    // Its first value is parsed as readTree would, without building a tree of it.
    try (com.fasterxml.jackson.core.JsonParser parser = Json.MAPPER.createParser(payload)) {
      if (parser.nextToken() != null) {
        parser.skipChildren(); // an object or array: read to its end
        parser.finishToken(); // a string: read to its closing quote
      }
    } catch (JsonProcessingException e) {
      throw new AwsError(400, "InvalidRequestContentException",
          "Could not parse request body into json: Could not parse payload into json: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new AwsError(400, "InvalidRequestContentException",
          "Could not parse request body into json: " + e.getMessage());
    }
  }

  /** What an invocation runs, the ARN it was invoked by, and how it is retried if it is asynchronous. */
  private record Resolved(ExecutableFunction function, String invokedArn, EventQueue.RetryPolicy retries) {
  }

  private Resolved resolve(FunctionRef ref) {
    return registry.locked(() -> {
      FunctionRecord r = registry.get(ref.name());
      if (r == null) {
        throw LambdaErrors.functionNotFound(ref.arnAsNamed(context));
      }
      String invokedArn = ref.qualifier() == null ? FunctionRef.arn(context, r.name)
          : FunctionRef.arn(context, r.name) + ":" + ref.qualifier();
      String qualifier = ref.qualifier();
      AliasRecord alias = qualifier == null ? null : r.aliases.get(qualifier);
      if (alias != null) {
        qualifier = pick(alias);
      }
      FunctionVersion v = FunctionRegistry.resolve(r, qualifier);
      if (v == null) {
        throw LambdaErrors.functionNotFound(ref.arnAsNamed(context));
      }
      if ("Pending".equals(v.state)) {
        throw LambdaErrors.conflict("The operation cannot be performed at this time. The function is currently in"
            + " the following state: Pending");
      }
      if ("$LATEST".equals(v.version) && "InProgress".equals(v.lastUpdateStatus) && r.previousLatest != null) {
        // Until an update settles, AWS keeps running the function as it was.
        v = r.previousLatest;
      }
      return new Resolved(executable(r.name, v), invokedArn, EventInvokeConfigs.policy(r, ref.qualifier(),
          DEFAULT_MAXIMUM_RETRY_ATTEMPTS, context.config().asyncMaxEventAge()));
    });
  }

  /** Chooses the alias' version, or its additional version with the configured weight. */
  private static String pick(AliasRecord alias) {
    if (alias.additionalVersionWeights == null || alias.additionalVersionWeights.isEmpty()) {
      return alias.functionVersion;
    }
    Map.Entry<String, Double> extra = alias.additionalVersionWeights.entrySet().iterator().next();
    return ThreadLocalRandom.current().nextDouble() < extra.getValue() ? extra.getKey() : alias.functionVersion;
  }

  private ExecutableFunction executable(String name, FunctionVersion v) {
    return new ExecutableFunction(name, FunctionRef.arn(context, name), v.version, v.runtime, v.handler, v.memorySize,
        v.timeout, v.environment == null ? Map.of() : Map.copyOf(v.environment),
        registry.code().path(v.codeSha256), v.codeSha256, v.architecture, v.revisionId);
  }

  @Override
  public void close() {
    events.close();
  }
}
