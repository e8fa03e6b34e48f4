package io.github.lambdasdlc.local.lambda.execution;

import static io.github.lambdasdlc.local.lambda.execution.TestFunctions.function;
import static io.github.lambdasdlc.local.lambda.execution.TestFunctions.json;
import static io.github.lambdasdlc.local.lambda.execution.TestFunctions.lines;
import static io.github.lambdasdlc.local.lambda.execution.TestFunctions.report;
import static io.github.lambdasdlc.local.lambda.execution.TestFunctions.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdasdlc.local.core.LocalContext;
import io.github.lambdasdlc.local.lambda.ExecutableFunction;
import io.github.lambdasdlc.local.lambda.InvocationRequest;
import io.github.lambdasdlc.runtime.LambdaRuntime;
import io.github.lambdasdlc.local.lambda.InvocationResponse;
import io.github.lambdasdlc.local.logs.LogNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Java functions in child JVMs through AWS's runtime interface client. */
class JavaExecutionTest {
  @TempDir
  static Path dir;

  static LocalContext context;
  static ExecutionEngine engine;
  static final List<String> warnings = new CopyOnWriteArrayList<>();
  static byte[] handlers;

  @BeforeAll
  static void start() {
    context = TestFunctions.context(dir.resolve("state"), b -> b.maxConcurrency(4));
    engine = new ExecutionEngine(context, warnings::add);
    handlers = TestFunctions.javaHandlersZip();
  }

  @AfterAll
  static void stop() {
    engine.close();
    TestFunctions.closeContext(context);
  }

  private static ExecutableFunction java(String name, String handler, int timeout) {
    return function(dir, name, "java21", "io.github.lambdasdlc.local.lambda.execution.handlers." + handler, handlers,
        timeout, Map.of("GREETING_STYLE", "formal", "JAVA_TOOL_OPTIONS", "-Dlocal.cloud.test=yes"));
  }

  @Test
  void pojoHandlerAnswersColdThenWarm() {
    ExecutableFunction fn = java("greeter", "GreetingHandler::handleRequest", 30);
    InvocationRequest first = request(fn, "{\"name\":\"Ada\"}");
    InvocationResponse cold = engine.invoke(fn, first);

    assertThat(json(cold.payload()).path("message").asText()).isEqualTo("Hello, Ada!");
    assertThat(cold.functionError()).isNull();
    assertThat(cold.executedVersion()).isEqualTo("$LATEST");
    List<String> log = lines(cold.logTail());
    int start = log.indexOf("START RequestId: " + first.requestId() + " Version: $LATEST");
    int end = log.indexOf("END RequestId: " + first.requestId());
    assertThat(start).isNotNegative();
    assertThat(log.subList(start, end)).contains("greeting Ada");
    assertThat(report(cold.logTail())).matches("REPORT RequestId: " + first.requestId()
        + "\tDuration: \\d+\\.\\d\\d ms\tBilled Duration: \\d+ ms\tMemory Size: 256 MB\tMax Memory Used: [1-9]\\d* MB\t"
        + "Init Duration: \\d+\\.\\d\\d ms\t");
    // JAVA_TOOL_OPTIONS from the function's environment reaches the JVM, which announces it at init.
    assertThat(log.subList(0, start)).anyMatch(l -> l.contains("Picked up JAVA_TOOL_OPTIONS: -Dlocal.cloud.test=yes"));

    InvocationRequest second = request(fn, "{\"name\":\"Grace\"}");
    InvocationResponse warm = engine.invoke(fn, second);
    assertThat(json(warm.payload()).path("message").asText()).isEqualTo("Hello, Grace!");
    assertThat(report(warm.logTail())).doesNotContain("Init Duration").endsWith(" MB\t");
    assertThat(warm.logTail()).startsWith("START RequestId: " + second.requestId());
  }

  @Test
  void streamHandlerGetsTheRawEvent() {
    ExecutableFunction fn = java("upper", "UpperCaseStreamHandler", 30);
    InvocationResponse r = engine.invoke(fn, request(fn, "\"shout this\""));
    assertThat(new String(r.payload(), StandardCharsets.UTF_8)).isEqualTo("\"SHOUT THIS\"");
  }

  @Test
  void contextEnvironmentAndLogsAreLambdas() throws Exception {
    ExecutableFunction fn = java("inspector", "ContextHandler::handleRequest", 30);
    InvocationRequest req = request(fn, "{}");
    InvocationResponse r = engine.invoke(fn, req);
    JsonNode out = json(r.payload());

    assertThat(out.path("requestId").asText()).isEqualTo(req.requestId());
    assertThat(out.path("functionName").asText()).isEqualTo("inspector");
    assertThat(out.path("functionVersion").asText()).isEqualTo("$LATEST");
    assertThat(out.path("memoryLimitInMB").asInt()).isEqualTo(256);
    assertThat(out.path("remainingTimeInMillis").asLong()).isBetween(1L, 30_000L);
    assertThat(out.path("logGroupName").asText()).isEqualTo("/aws/lambda/inspector");
    assertThat(out.path("logStreamName").asText()).matches("\\d{4}/\\d\\d/\\d\\d/\\[\\$LATEST][0-9a-f]{32}");
    assertThat(out.path("invokedFunctionArn").asText()).isEqualTo(fn.functionArn());
    // -XX:MaxHeapSize is 85% of the memory size.
    assertThat(out.path("maxHeapBytes").asLong()).isBetween(200L * 1024 * 1024, 256L * 1024 * 1024 * 86 / 100);

    JsonNode env = out.path("environment");
    assertThat(env.path("AWS_LAMBDA_RUNTIME_API").asText()).matches("127\\.0\\.0\\.1:\\d+");
    assertThat(env.path("_HANDLER").asText()).isEqualTo(fn.handler());
    assertThat(env.path("AWS_LAMBDA_FUNCTION_NAME").asText()).isEqualTo("inspector");
    assertThat(env.path("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").asText()).isEqualTo("256");
    assertThat(env.path("AWS_LAMBDA_FUNCTION_VERSION").asText()).isEqualTo("$LATEST");
    assertThat(env.path("AWS_LAMBDA_LOG_GROUP_NAME").asText()).isEqualTo("/aws/lambda/inspector");
    assertThat(env.path("AWS_LAMBDA_LOG_STREAM_NAME").asText()).isEqualTo(out.path("logStreamName").asText());
    assertThat(env.path("AWS_REGION").asText()).isEqualTo("us-east-1");
    assertThat(env.path("AWS_DEFAULT_REGION").asText()).isEqualTo("us-east-1");
    assertThat(env.path("AWS_EXECUTION_ENV").asText()).isEqualTo("AWS_Lambda_java21");
    assertThat(env.path("AWS_LAMBDA_INITIALIZATION_TYPE").asText()).isEqualTo("on-demand");
    assertThat(env.path("TZ").asText()).isEqualTo(":UTC");
    assertThat(env.path("LANG").asText()).isEqualTo("en_US.UTF-8");
    assertThat(env.path("GREETING_STYLE").asText()).isEqualTo("formal");
    assertThat(env.path("AWS_ACCESS_KEY_ID").asText()).isEqualTo("AKIAIOSFODNN7EXAMPLE");
    assertThat(env.path("LAMBDA_TASK_ROOT").asText()).isEqualTo(out.path("workingDirectory").asText());
    assertThat(Path.of(env.path("LAMBDA_TASK_ROOT").asText())).startsWith(dir.resolve("state"));
    // Nothing of the test JVM's environment leaks in.
    for (String name : System.getenv().keySet()) {
      if (!List.of("PATH", "LANG", "TZ").contains(name)) {
        assertThat(env.has(name)).as("leaked " + name).isFalse();
      }
    }
    assertThat(env.has("AWS_LAMBDA_MAX_CONCURRENCY")).isFalse();
    // Java's runtime client leaves the variable in the environment, as on AWS.
    assertThat(env.path("_LAMBDA_TELEMETRY_LOG_FD").asText()).isEqualTo("3");

    List<String> log = lines(r.logTail());
    int start = log.indexOf("START RequestId: " + req.requestId() + " Version: $LATEST");
    int end = log.indexOf("END RequestId: " + req.requestId());
    assertThat(log.subList(start, end)).contains("logged through the context logger", "written to stderr");

    Path file = LogNames.streamFile(engine.logsDirectory(), "/aws/lambda/inspector", out.path("logStreamName").asText());
    List<String> stored = Files.readAllLines(file);
    assertThat(stored).anySatisfy(l -> assertThat(json(l.getBytes(StandardCharsets.UTF_8)).path("message").asText())
        .isEqualTo("START RequestId: " + req.requestId() + " Version: $LATEST"));
    assertThat(stored).allSatisfy(l -> assertThat(json(l.getBytes(StandardCharsets.UTF_8)).path("timestamp").asLong())
        .isGreaterThan(1_600_000_000_000L));
    assertThat(stored.stream().map(l -> json(l.getBytes(StandardCharsets.UTF_8)).path("message").asText()))
        .contains("logged through the context logger", report(r.logTail()));
  }

  @Test
  void exceptionIsAFunctionErrorAndTheEnvironmentStaysWarm() {
    ExecutableFunction fn = java("failing", "FailingHandler::handleRequest", 30);
    InvocationResponse r = engine.invoke(fn, request(fn, "{}"));
    assertThat(r.functionError()).isEqualTo("Unhandled");
    JsonNode error = json(r.payload());
    assertThat(error.path("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(error.path("errorMessage").asText()).isEqualTo("the order was already shipped");
    assertThat(error.path("stackTrace").isArray()).isTrue();

    InvocationResponse again = engine.invoke(fn, request(fn, "{}"));
    assertThat(again.functionError()).isEqualTo("Unhandled");
    assertThat(report(again.logTail())).doesNotContain("Init Duration");
  }

  @Test
  void eachLoggerCallIsOneLogEventAsOnAws() throws Exception {
    ExecutableFunction fn = java("log-calls", "LogCallsHandler::handleRequest", 30);
    InvocationRequest ok = request(fn, "{\"orderId\":\"o-1\"}");
    InvocationResponse r = engine.invoke(fn, ok);
    assertThat(new String(r.payload(), StandardCharsets.UTF_8)).isEqualTo("\"order o-1\"");
    // LambdaLogger.log adds no line break: on AWS each call is still an event of its own (a frame on
    // _LAMBDA_TELEMETRY_LOG_FD), and so a line of its own in the log tail.
    List<String> log = lines(r.logTail());
    List<String> handlerOutput = log.subList(log.indexOf("START RequestId: " + ok.requestId() + " Version: $LATEST") + 1,
        log.indexOf("END RequestId: " + ok.requestId()));
    assertThat(handlerOutput).containsExactlyInAnyOrder("{\"lines\":[]}", "second call", "through LambdaRuntime",
        "two lines", "in one call", "printed to stdout");
    assertThat(handlerOutput).containsSubsequence("{\"lines\":[]}", "second call", "through LambdaRuntime", "two lines");

    List<JsonNode> events = TestFunctions.storedEvents(engine, "log-calls");
    List<String> messages = events.stream().map(e -> e.path("message").asText()).toList();
    assertThat(messages).containsSubsequence("{\"lines\":[]}", "second call", "through LambdaRuntime",
        "two lines\nin one call").contains("printed to stdout");
    long startTime = timestampOf(events, "START RequestId: " + ok.requestId() + " Version: $LATEST");
    long reportTime = timestampOf(events, report(r.logTail()));
    assertThat(timestampOf(events, "second call")).isBetween(startTime, reportTime);

    // The runtime's own report of the function's error is one event too, after (not glued to) the last log call.
    InvocationRequest bad = request(fn, "{}");
    InvocationResponse failed = engine.invoke(fn, bad);
    assertThat(failed.functionError()).isEqualTo("Unhandled");
    String errorEvent = "orderId is required: java.lang.IllegalArgumentException\n"
        + "java.lang.IllegalArgumentException: orderId is required";
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (TestFunctions.storedEvents(engine, "log-calls").stream().noneMatch(e -> e.path("message").asText().startsWith(errorEvent))
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    List<String> after = TestFunctions.storedEvents(engine, "log-calls").stream().map(e -> e.path("message").asText()).toList();
    assertThat(after).anyMatch(m -> m.startsWith(errorEvent) && !m.endsWith("\n"));
    assertThat(after).filteredOn("{\"lines\":[]}"::equals).hasSize(2);
    assertThat(after).noneMatch(m -> m.contains("[]}orderId") || m.contains("[]}second"));
  }

  private static long timestampOf(List<JsonNode> events, String message) {
    return events.stream().filter(e -> e.path("message").asText().equals(message)).findFirst()
        .orElseThrow(() -> new AssertionError("No event " + message)).path("timestamp").asLong();
  }

  @Test
  void constructorFailureIsAnInitError() {
    ExecutableFunction fn = java("broken", "BrokenConstructorHandler::handleRequest", 30);
    InvocationResponse r = engine.invoke(fn, request(fn, "{}"));
    assertThat(r.functionError()).isEqualTo("Unhandled");
    assertThat(json(r.payload()).path("errorMessage").asText()).contains("no database configured");
    assertThat(r.logTail()).contains("INIT_REPORT Init Duration: ").contains("\tPhase: init\tStatus: error\tError Type: ");
    assertThat(report(r.logTail())).contains("Status: error");
  }

  @Test
  void timeoutIsSandboxTimedoutAndTheEnvironmentIsReplaced() {
    ExecutableFunction fn = java("sleepy", "SleepingHandler::handleRequest", 1);
    InvocationRequest req = request(fn, "{\"millis\":10}");
    assertThat(new String(engine.invoke(fn, req).payload(), StandardCharsets.UTF_8)).isEqualTo("\"awake\"");

    InvocationRequest slow = request(fn, "{\"millis\":20000}");
    InvocationResponse r = engine.invoke(fn, slow);
    assertThat(r.functionError()).isEqualTo("Unhandled");
    JsonNode error = json(r.payload());
    assertThat(error.path("errorType").asText()).isEqualTo("Sandbox.Timedout");
    assertThat(error.path("errorMessage").asText())
        .isEqualTo("RequestId: " + slow.requestId() + " Error: Task timed out after 1.00 seconds");
    assertThat(lines(r.logTail())).anyMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z "
        + slow.requestId() + " Task timed out after 1\\.00 seconds"));
    assertThat(lines(r.logTail())).contains("going to sleep");
    assertThat(report(r.logTail())).endsWith("\tStatus: timeout");

    InvocationResponse next = engine.invoke(fn, request(fn, "{\"millis\":10}"));
    assertThat(new String(next.payload(), StandardCharsets.UTF_8)).isEqualTo("\"awake\"");
    assertThat(report(next.logTail())).contains("Init Duration");
  }

  @Test
  void systemExitIsRuntimeExitError() {
    ExecutableFunction fn = java("quitter", "ExitingHandler::handleRequest", 30);
    InvocationRequest req = request(fn, "{}");
    InvocationResponse r = engine.invoke(fn, req);
    assertThat(r.functionError()).isEqualTo("Unhandled");
    JsonNode error = json(r.payload());
    assertThat(error.path("errorType").asText()).isEqualTo("Runtime.ExitError");
    assertThat(error.path("errorMessage").asText())
        .isEqualTo("RequestId: " + req.requestId() + " Error: Runtime exited with error: exit status 3");
    assertThat(lines(r.logTail())).contains("exiting now", "Runtime.ExitError");
    assertThat(report(r.logTail())).endsWith("\tStatus: error\tError Type: Runtime.ExitError");
  }

  @Test
  void halfBakedFunctionFailsAsOnAws() {
    // CloudFormation's inline code made into a java21 function: a zip with index.py only.
    byte[] stub = TestFunctions.pythonZip("index.py", "def handler(event, context):\n    return 'stub'\n");
    ExecutableFunction fn = function(dir, "half-baked", "java21", "example.Handler::handleRequest", stub, 30, Map.of());
    InvocationResponse r = engine.invoke(fn, request(fn, "{}"));
    assertThat(r.functionError()).isEqualTo("Unhandled");
    JsonNode error = json(r.payload());
    assertThat(error.path("errorType").asText()).isEqualTo("java.lang.ClassNotFoundException");
    assertThat(error.path("errorMessage").asText()).isEqualTo("Class not found: example.Handler");
    // The engine keeps serving other functions.
    ExecutableFunction ok = java("after-half-baked", "UpperCaseStreamHandler", 30);
    assertThat(new String(engine.invoke(ok, request(ok, "\"x\"")).payload(), StandardCharsets.UTF_8)).isEqualTo("\"X\"");
  }

  @Test
  void runtimeRunsOnItsJdkOrWarnsOnce() {
    ExecutableFunction fn21 = java("jdk-check", "ContextHandler::handleRequest", 30);
    String version21 = json(engine.invoke(fn21, request(fn21, "{}")).payload()).path("javaVersion").asText();
    JdkLocator.Jdk jdk21 = JdkLocator.forThisMachine(List.of(), w -> { }).forRuntime(LambdaRuntime.find("java21").orElseThrow());
    if (jdk21.major() != 21) {
      // Another start of the same runtime gives no second warning.
      ExecutableFunction again = java("jdk-check-again", "ContextHandler::handleRequest", 30);
      engine.invoke(again, request(again, "{}"));
      assertThat(warnings).filteredOn(w -> w.contains("java21")).hasSize(1);
      assertThat(warnings).filteredOn(w -> w.contains("java21")).first().asString()
          .contains("No JDK 21").contains("run on JDK " + jdk21.major())
          // The nearest newer JDK when there is one (a JDK 17 cannot load classes built for java21).
          .contains(jdk21.major() > 21 ? "the nearest newer one" : "cannot load classes compiled for Java 21");
    }
    assertThat(version21).startsWith(String.valueOf(jdk21.major()));

    Assumptions.assumeTrue(JdkLocator.forThisMachine(List.of(), w -> { }).forRuntime(LambdaRuntime.find("java25").orElseThrow())
        .major() == 25, "no JDK 25 on this machine");
    ExecutableFunction fn25 = function(dir, "on-25", "java25",
        "io.github.lambdasdlc.local.lambda.execution.handlers.ContextHandler::handleRequest", handlers, 30, Map.of());
    JsonNode out = json(engine.invoke(fn25, request(fn25, "{}")).payload());
    assertThat(out.path("javaVersion").asText()).startsWith("25");
    assertThat(out.path("environment").path("AWS_EXECUTION_ENV").asText()).isEqualTo("AWS_Lambda_java25");
    assertThat(warnings).noneMatch(w -> w.contains("java25"));
  }
}
