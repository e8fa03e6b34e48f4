package io.github.lambdasdlc.local.lambda.execution;

import static io.github.lambdasdlc.local.lambda.execution.TestFunctions.function;
import static io.github.lambdasdlc.local.lambda.execution.TestFunctions.json;
import static io.github.lambdasdlc.local.lambda.execution.TestFunctions.lines;
import static io.github.lambdasdlc.local.lambda.execution.TestFunctions.report;
import static io.github.lambdasdlc.local.lambda.execution.TestFunctions.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdasdlc.local.core.AwsError;
import io.github.lambdasdlc.local.core.LocalContext;
import io.github.lambdasdlc.local.lambda.ExecutableFunction;
import io.github.lambdasdlc.local.lambda.InvocationRequest;
import io.github.lambdasdlc.local.lambda.InvocationResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Node.js functions through the bootstrap this package ships, on the local node. */
class NodeExecutionTest {
  @TempDir
  static Path dir;

  static LocalContext context;
  static ExecutionEngine engine;
  static final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

  /** An ISO timestamp, a request id and a level, tab-separated, as AWS's Node.js runtime prefixes console lines. */
  static final String PREFIX = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\t";

  @BeforeAll
  static void start() {
    context = TestFunctions.context(dir.resolve("state"), b -> b.maxConcurrency(3));
    engine = new ExecutionEngine(context, warnings::add);
  }

  @AfterAll
  static void stop() {
    engine.close();
    TestFunctions.closeContext(context);
  }

  private static ExecutableFunction node(String name, String runtime, Map<String, String> files, String handler,
      int timeout) {
    Map<String, byte[]> bytes = new LinkedHashMap<>();
    files.forEach((file, source) -> bytes.put(file, source.getBytes(StandardCharsets.UTF_8)));
    return function(dir, name, runtime, handler, TestFunctions.zip(bytes), timeout, Map.of("TABLE_NAME", "orders"));
  }

  private static ExecutableFunction node(String name, String source) {
    return node(name, "nodejs22.x", Map.of("index.js", source), "index.handler", 10);
  }

  @Test
  void asyncHandlerGetsEventContextAndEnvironmentAndLogsWithAwsPrefix() throws Exception {
    ExecutableFunction fn = node("node-inspect", String.join("\n",
        "exports.handler = async (event, context) => {",
        "  console.log('event name is', event.name);",
        "  console.error('two lines\\nin one call');",
        "  return { requestId: context.awsRequestId, functionName: context.functionName,",
        "    memory: context.memoryLimitInMB, arn: context.invokedFunctionArn, group: context.logGroupName,",
        "    remaining: context.getRemainingTimeInMillis(), waits: context.callbackWaitsForEmptyEventLoop,",
        "    cwd: process.cwd(), env: process.env };",
        "};"));
    InvocationRequest req = request(fn, "{\"name\":\"ada\"}");
    InvocationResponse r = engine.invoke(fn, req);
    assertThat(r.functionError()).isNull();
    JsonNode out = json(r.payload());
    assertThat(out.path("requestId").asText()).isEqualTo(req.requestId());
    assertThat(out.path("functionName").asText()).isEqualTo("node-inspect");
    assertThat(out.path("memory").asText()).isEqualTo("256");
    assertThat(out.path("arn").asText()).isEqualTo(fn.functionArn());
    assertThat(out.path("group").asText()).isEqualTo("/aws/lambda/node-inspect");
    assertThat(out.path("remaining").asLong()).isBetween(1L, 10_000L);
    assertThat(out.path("waits").asBoolean()).isTrue();
    JsonNode env = out.path("env");
    assertThat(env.path("TABLE_NAME").asText()).isEqualTo("orders");
    assertThat(env.path("_HANDLER").asText()).isEqualTo("index.handler");
    assertThat(env.path("AWS_EXECUTION_ENV").asText()).isEqualTo("AWS_Lambda_nodejs22.x");
    assertThat(env.path("LAMBDA_TASK_ROOT").asText()).isEqualTo(out.path("cwd").asText());
    assertThat(env.path("NODE_PATH").asText()).endsWith(":" + out.path("cwd").asText());
    assertThat(env.path("_X_AMZN_TRACE_ID").asText()).startsWith("Root=1-");
    assertThat(env.has("_LAMBDA_TELEMETRY_LOG_FD")).isFalse();

    List<String> log = lines(r.logTail());
    assertThat(log).anyMatch(l -> l.matches(PREFIX + req.requestId() + "\tINFO\tevent name is ada"));
    assertThat(report(r.logTail())).contains("Init Duration: ");
    // Each console call is one log event (a frame), its line breaks kept.
    assertThat(TestFunctions.storedEvents(engine, "node-inspect")).extracting(e -> e.path("message").asText())
        .anyMatch(m -> m.matches(PREFIX + req.requestId() + "\tERROR\ttwo lines\nin one call"));
    // Node 20 on this machine: the runtime says so once, not at each start.
    engine.invoke(fn, request(fn, "{\"name\":\"again\"}"));
    assertThat(warnings).filteredOn(w -> w.startsWith("Lambda runtime nodejs22.x runs on the local Node.js 20."))
        .hasSize(1);
  }

  @Test
  void callbackResultsWaitForTheEmptyEventLoopUnlessTheFunctionSaysNot() {
    ExecutableFunction fn = node("node-callback", String.join("\n",
        "exports.handler = (event, context, callback) => {",
        "  context.callbackWaitsForEmptyEventLoop = event.wait;",
        "  const result = { later: 'not yet' };",
        "  setTimeout(() => { result.later = 'timer ran'; }, 300);",
        "  callback(null, result);",
        "};"));
    // Waiting: the result is sent once the timer has run (and changed it).
    assertThat(json(engine.invoke(fn, request(fn, "{\"wait\":true}")).payload()).path("later").asText())
        .isEqualTo("timer ran");
    // Not waiting: the result is sent at once.
    InvocationResponse fast = engine.invoke(fn, request(fn, "{\"wait\":false}"));
    assertThat(json(fast.payload()).path("later").asText()).isEqualTo("not yet");
    assertThat(report(fast.logTail())).doesNotContain("Init Duration");
  }

  @Test
  void promiseOfASyncHandlerAndContextSucceedSettleTheInvocation() {
    ExecutableFunction fn = node("node-promise", String.join("\n",
        "exports.handler = (event) => new Promise((resolve) => setTimeout(() => resolve({ doubled: event.n * 2 }), 50));"));
    assertThat(json(engine.invoke(fn, request(fn, "{\"n\":21}")).payload()).path("doubled").asInt()).isEqualTo(42);
    ExecutableFunction succeed = node("node-succeed", "exports.handler = (event, context) => { context.succeed('via"
        + " context'); };");
    assertThat(json(engine.invoke(succeed, request(succeed, "{}")).payload()).asText()).isEqualTo("via context");
    ExecutableFunction nothing = node("node-nothing", "exports.handler = (event) => { };");
    InvocationResponse r = engine.invoke(nothing, request(nothing, "{}"));
    assertThat(r.functionError()).isNull();
    assertThat(new String(r.payload(), StandardCharsets.UTF_8)).isEqualTo("null");
  }

  @Test
  void esModulesAndCommonJsFilesLoadAsAwsLoadsThem() {
    ExecutableFunction mjs = node("node-mjs", "nodejs24.x", Map.of("app/main.mjs",
        "export const handler = async () => ({ kind: typeof require === 'undefined' ? 'esm' : 'cjs' });"),
        "app/main.handler", 10);
    assertThat(json(engine.invoke(mjs, request(mjs, "{}")).payload()).path("kind").asText()).isEqualTo("esm");

    ExecutableFunction typeModule = node("node-type-module", "nodejs24.x", Map.of("package.json",
        "{\"type\":\"module\"}", "index.js", "export const handler = async () => import.meta.url;"),
        "index.handler", 10);
    assertThat(json(engine.invoke(typeModule, request(typeModule, "{}")).payload()).asText()).endsWith("/index.js");

    ExecutableFunction cjs = node("node-cjs", "nodejs22.x", Map.of("lib.cjs",
        "module.exports.nested = { handler: async () => __filename.endsWith('lib.cjs') };"),
        "lib.nested.handler", 10);
    assertThat(json(engine.invoke(cjs, request(cjs, "{}")).payload()).asBoolean()).isTrue();
  }

  @Test
  void thrownErrorsAreTheRuntimesErrorDocumentAndTheEnvironmentStaysWarm() {
    ExecutableFunction fn = node("node-fail", String.join("\n",
        "class OrderError extends Error { constructor(m) { super(m); this.name = 'OrderError'; } }",
        "exports.handler = async (event) => { throw new OrderError('no such order: ' + event.id); };"));
    InvocationRequest req = request(fn, "{\"id\":\"o-1\"}");
    InvocationResponse r = engine.invoke(fn, req);
    assertThat(r.functionError()).isEqualTo("Unhandled");
    JsonNode error = json(r.payload());
    assertThat(error.path("errorType").asText()).isEqualTo("OrderError");
    assertThat(error.path("errorMessage").asText()).isEqualTo("no such order: o-1");
    assertThat(error.path("trace").get(0).asText()).isEqualTo("OrderError: no such order: o-1");
    assertThat(error.path("trace").get(1).asText()).contains("index.js:2");
    assertThat(lines(r.logTail())).anyMatch(l -> l.matches(PREFIX + req.requestId()
        + "\tERROR\tInvoke Error \t\\{\"errorType\":\"OrderError\",\"errorMessage\":\"no such order: o-1\".*"));
    assertThat(report(engine.invoke(fn, request(fn, "{\"id\":\"o-2\"}")).logTail())).doesNotContain("Init Duration");

    ExecutableFunction callbackError = node("node-callback-error",
        "exports.handler = (event, context, callback) => callback('plain text');");
    JsonNode plain = json(engine.invoke(callbackError, request(callbackError, "{}")).payload());
    assertThat(plain.path("errorType").asText()).isEqualTo("string");
    assertThat(plain.path("errorMessage").asText()).isEqualTo("plain text");
  }

  @Test
  void initErrorsAreReportedWithAwsTypesAndMessages() {
    String ok = "exports.handler = async () => 1;";
    InvocationResponse missing = assertInitError(node("node-nomodule", "nodejs22.x", Map.of("index.js", ok),
        "missing.handler", 10), "Runtime.ImportModuleError", "Error: Cannot find module 'missing'");
    assertThat(missing.logTail()).contains("\tundefined\tERROR\tUncaught Exception \t{\"errorType\":"
        + "\"Runtime.ImportModuleError\"");
    assertThat(missing.logTail()).contains("\tPhase: init\tStatus: error\tError Type: Runtime.ImportModuleError");
    assertInitError(node("node-nohandler", "nodejs22.x", Map.of("index.js", ok), "index.nothere", 10),
        "Runtime.HandlerNotFound", "index.nothere is undefined or not exported");
    assertInitError(node("node-notfunction", "nodejs22.x", Map.of("index.js", "exports.handler = 1;"),
        "index.handler", 10), "Runtime.HandlerNotFound", "index.handler is not a function");
    assertInitError(node("node-malformed", "nodejs22.x", Map.of("index.js", ok), "index", 10),
        "Runtime.MalformedHandlerName", "Bad handler");
    assertInitError(node("node-dotdot", "nodejs22.x", Map.of("index.js", ok), "../index.handler", 10),
        "Runtime.MalformedHandlerName", "'../index.handler' is not a valid handler name.");
    assertInitError(node("node-syntax", "nodejs22.x", Map.of("index.js", "exports.handler = async () => {"),
        "index.handler", 10), "Runtime.UserCodeSyntaxError", "SyntaxError: ");
    // Node.js 24 dropped callback handlers.
    assertInitError(node("node-24-callback", "nodejs24.x", Map.of("index.js",
        "exports.handler = (event, context, callback) => callback(null, 1);"), "index.handler", 10),
        "Runtime.CallbackHandlerDeprecated", "ERROR: AWS Lambda has removed support for callback-based function"
            + " handlers starting with Node.js 24.");
  }

  private static InvocationResponse assertInitError(ExecutableFunction fn, String type, String message) {
    InvocationResponse r = engine.invoke(fn, request(fn, "{}"));
    assertThat(r.functionError()).isEqualTo("Unhandled");
    JsonNode error = json(r.payload());
    assertThat(error.path("errorType").asText()).isEqualTo(type);
    assertThat(error.path("errorMessage").asText()).startsWith(message);
    assertThat(report(r.logTail())).endsWith("\tStatus: error\tError Type: " + type);
    return r;
  }

  @Test
  void aPromiseThatNeverSettlesAndATimeoutFailAsOnAws() {
    ExecutableFunction never = node("node-never", "exports.handler = async () => new Promise(() => {});");
    JsonNode error = json(engine.invoke(never, request(never, "{}")).payload());
    assertThat(error.path("errorType").asText()).isEqualTo("Runtime.NodeJsExit");
    assertThat(error.path("errorMessage").asText()).contains("a Promise that was never settled");

    ExecutableFunction slow = node("node-slow", "nodejs22.x", Map.of("index.js",
        "exports.handler = async () => new Promise((resolve) => setTimeout(resolve, 10000));"), "index.handler", 1);
    InvocationRequest req = request(slow, "{}");
    InvocationResponse r = engine.invoke(slow, req);
    assertThat(r.functionError()).isEqualTo("Unhandled");
    assertThat(json(r.payload()).path("errorType").asText()).isEqualTo("Sandbox.Timedout");
    assertThat(r.logTail()).contains(req.requestId() + " Task timed out after 1.00 seconds");
    assertThat(report(r.logTail())).endsWith("Status: timeout");
  }

  @Test
  void withoutNodeInvokeFailsSayingSo() {
    LocalContext nonode = TestFunctions.context(dir.resolve("nonode"), b -> b.nodeCommand("/nonexistent/node"));
    try (ExecutionEngine own = new ExecutionEngine(nonode, w -> { })) {
      ExecutableFunction fn = node("node-none", "exports.handler = async () => 1;");
      assertThatThrownBy(() -> own.invoke(fn, request(fn, "{}")))
          .isInstanceOfSatisfying(AwsError.class, e -> {
            assertThat(e.code()).isEqualTo("InvalidRuntimeException");
            assertThat(e.getMessage()).contains("/nonexistent/node").contains("Install Node.js");
          });
    } finally {
      TestFunctions.closeContext(nonode);
    }
  }
}
