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
import io.github.lambdasdlc.local.logs.LogNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Python functions through the bootstrap this package ships, on the local python3. */
class PythonExecutionTest {
  @TempDir
  static Path dir;

  static LocalContext context;
  static ExecutionEngine engine;

  static final String INSPECT = String.join("\n",
      "import os, sys",
      "import logging",
      "def handler(event, context):",
      "    print('event name is', event['name'])",
      "    logging.getLogger().warning('through logging')",
      "    return {",
      "        'aws_request_id': context.aws_request_id,",
      "        'function_name': context.function_name,",
      "        'function_version': context.function_version,",
      "        'memory_limit_in_mb': context.memory_limit_in_mb,",
      "        'invoked_function_arn': context.invoked_function_arn,",
      "        'log_group_name': context.log_group_name,",
      "        'log_stream_name': context.log_stream_name,",
      "        'remaining': context.get_remaining_time_in_millis(),",
      "        'client_custom': context.client_context.custom if context.client_context else None,",
      "        'identity_id': context.identity.cognito_identity_id,",
      "        'pid': os.getpid(),",
      "        'cwd': os.getcwd(),",
      "        'env': dict(os.environ),",
      "    }",
      "");

  @BeforeAll
  static void start() {
    context = TestFunctions.context(dir.resolve("state"), b -> b.maxConcurrency(3));
    engine = new ExecutionEngine(context, w -> { });
  }

  @AfterAll
  static void stop() {
    engine.close();
    TestFunctions.closeContext(context);
  }

  private static ExecutableFunction python(String name, String source, String handler, int timeout) {
    return function(dir, name, "python3.12", handler, TestFunctions.pythonZip("index.py", source), timeout,
        Map.of("TABLE_NAME", "orders"));
  }

  @Test
  void handlerGetsEventContextAndEnvironment() {
    ExecutableFunction fn = python("py-inspect", INSPECT, "index.handler", 10);
    String clientContext = Base64.getEncoder().encodeToString(
        "{\"custom\":{\"tenant\":\"t1\"},\"env\":{},\"client\":{}}".getBytes(StandardCharsets.UTF_8));
    InvocationRequest req = new InvocationRequest("3f1c5a2e-0000-4000-8000-000000000001", fn.functionArn() + ":$LATEST",
        "{\"name\":\"ada\"}".getBytes(StandardCharsets.UTF_8), "RequestResponse", true, clientContext);
    InvocationResponse r = engine.invoke(fn, req);
    assertThat(r.functionError()).isNull();
    JsonNode out = json(r.payload());
    assertThat(out.path("aws_request_id").asText()).isEqualTo(req.requestId());
    assertThat(out.path("function_name").asText()).isEqualTo("py-inspect");
    assertThat(out.path("function_version").asText()).isEqualTo("$LATEST");
    assertThat(out.path("memory_limit_in_mb").isTextual()).isTrue();
    assertThat(out.path("memory_limit_in_mb").asText()).isEqualTo("256");
    assertThat(out.path("invoked_function_arn").asText()).isEqualTo(fn.functionArn() + ":$LATEST");
    assertThat(out.path("log_group_name").asText()).isEqualTo("/aws/lambda/py-inspect");
    assertThat(out.path("remaining").asLong()).isBetween(1L, 10_000L);
    assertThat(out.path("client_custom").path("tenant").asText()).isEqualTo("t1");
    assertThat(out.path("identity_id").isNull()).isTrue();
    JsonNode env = out.path("env");
    assertThat(env.path("TABLE_NAME").asText()).isEqualTo("orders");
    assertThat(env.path("_HANDLER").asText()).isEqualTo("index.handler");
    assertThat(env.path("AWS_EXECUTION_ENV").asText()).isEqualTo("AWS_Lambda_python3.12");
    assertThat(env.path("AWS_LAMBDA_RUNTIME_API").asText()).matches("127\\.0\\.0\\.1:\\d+");
    assertThat(env.path("LAMBDA_TASK_ROOT").asText()).isEqualTo(out.path("cwd").asText());
    assertThat(env.path("_X_AMZN_TRACE_ID").asText()).matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0");
    assertThat(env.has("HOME")).isFalse();
    assertThat(env.has("PWD")).isFalse();
    // AWS's Python runtime takes the descriptor's variable out of the function's environment.
    assertThat(env.has("_LAMBDA_TELEMETRY_LOG_FD")).isFalse();

    List<String> log = lines(r.logTail());
    int start = log.indexOf("START RequestId: " + req.requestId() + " Version: $LATEST");
    int end = log.indexOf("END RequestId: " + req.requestId());
    assertThat(log.subList(start, end)).contains("event name is ada");
    assertThat(log.subList(start, end)).anyMatch(l -> l.matches(
        "\\[WARNING]\t\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\t" + req.requestId() + "\tthrough logging"));
    assertThat(report(r.logTail())).contains("Init Duration: ");
  }

  @Test
  void aFunctionsOwnPathDoesNotStopItsRuntime() {
    // Lambda lets a function set PATH; the runtime's guard must not need a command found through it.
    String source = "import os\ndef handler(event, context):\n    return os.environ['PATH']\n";
    ExecutableFunction fn = function(dir, "py-own-path", "python3.12", "index.handler",
        TestFunctions.pythonZip("index.py", source), 10, Map.of("PATH", "/opt/bin"));
    for (int i = 0; i < 3; i++) {
      InvocationResponse r = engine.invoke(fn, request(fn, "{}"));
      assertThat(r.functionError()).isNull();
      assertThat(json(r.payload()).asText()).isEqualTo("/opt/bin");
      // Warm after the first: the runtime was not killed between invocations.
      assertThat(report(r.logTail()).contains("Init Duration")).isEqualTo(i == 0);
    }
  }

  @Test
  void exceptionIsTheRuntimesErrorDocument() throws Exception {
    String source = "def handler(event, context):\n    raise ValueError('no such order: ' + event['id'])\n";
    ExecutableFunction fn = python("py-fail", source, "index.handler", 10);
    InvocationRequest req = request(fn, "{\"id\":\"o-1\"}");
    InvocationResponse r = engine.invoke(fn, req);
    assertThat(r.functionError()).isEqualTo("Unhandled");
    JsonNode error = json(r.payload());
    assertThat(error.path("errorType").asText()).isEqualTo("ValueError");
    assertThat(error.path("errorMessage").asText()).isEqualTo("no such order: o-1");
    assertThat(error.path("requestId").asText()).isEqualTo(req.requestId());
    assertThat(error.path("stackTrace").get(0).asText()).contains("index.py").contains("line 2, in handler");
    // One log event (a frame), its lines joined by line breaks.
    assertThat(r.logTail()).contains("[ERROR] ValueError: no such order: o-1\nTraceback (most recent call last):\n");
    assertThat(TestFunctions.storedEvents(engine, "py-fail")).extracting(e -> e.path("message").asText())
        .anyMatch(m -> m.startsWith("[ERROR] ValueError: no such order: o-1\nTraceback (most recent call last):\n")
            && m.contains("line 2, in handler"));
    // Still warm.
    assertThat(report(engine.invoke(fn, request(fn, "{\"id\":\"o-2\"}")).logTail())).doesNotContain("Init Duration");
  }

  @Test
  void loggingRecordsAndContextLogCallsAreOneEventEach() throws Exception {
    String source = String.join("\n",
        "import logging",
        "def handler(event, context):",
        "    context.log('first')",
        "    context.log('second')",
        "    logging.getLogger().error('two lines\\nin one record')",
        "    print('printed\\nin two lines')",
        "    return 'ok'",
        "");
    ExecutableFunction fn = python("py-log-calls", source, "index.handler", 10);
    InvocationRequest req = request(fn, "{}");
    InvocationResponse r = engine.invoke(fn, req);
    assertThat(r.functionError()).isNull();
    List<String> log = lines(r.logTail());
    List<String> output = log.subList(log.indexOf("START RequestId: " + req.requestId() + " Version: $LATEST") + 1,
        log.indexOf("END RequestId: " + req.requestId()));
    String record = "\\[ERROR]\t\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\t" + req.requestId() + "\ttwo lines";
    assertThat(output).hasSize(6).contains("first", "second", "in one record", "printed", "in two lines")
        .anyMatch(l -> l.matches(record));

    // As stored: a frame is one event whatever its line breaks; print() output stays one event a line.
    List<String> messages = TestFunctions.storedEvents(engine, "py-log-calls").stream()
        .map(e -> e.path("message").asText()).toList();
    assertThat(messages).contains("first", "second", "printed", "in two lines")
        .anyMatch(m -> m.matches(record + "\nin one record"));
  }

  @Test
  void initErrorsAreReportedWithAwsTypesAndMessages() {
    String ok = "def handler(event, context):\n    return 1\n";
    assertInitError(python("py-nomodule", ok, "missing.handler", 10), "Runtime.ImportModuleError",
        "Unable to import module 'missing': No module named 'missing'");
    assertInitError(python("py-nohandler", ok, "index.nothere", 10), "Runtime.HandlerNotFound",
        "Handler 'nothere' missing on module 'index'");
    assertInitError(python("py-malformed", ok, "index", 10), "Runtime.MalformedHandlerName",
        "Bad handler 'index': not enough values to unpack (expected 2, got 1)");
    InvocationResponse syntax = assertInitError(python("py-syntax", "def handler(event, context)\n    return 1\n",
        "index.handler", 10), "Runtime.UserCodeSyntaxError", "Syntax error in module 'index': ");
    assertThat(syntax.logTail()).contains("INIT_REPORT Init Duration: ")
        .contains("\tPhase: init\tStatus: error\tError Type: Runtime.UserCodeSyntaxError");
    assertThat(report(syntax.logTail())).endsWith("\tStatus: error\tError Type: Runtime.UserCodeSyntaxError");
  }

  private static InvocationResponse assertInitError(ExecutableFunction fn, String type, String message) {
    InvocationResponse r = engine.invoke(fn, request(fn, "{}"));
    assertThat(r.functionError()).isEqualTo("Unhandled");
    JsonNode error = json(r.payload());
    assertThat(error.path("errorType").asText()).isEqualTo(type);
    assertThat(error.path("errorMessage").asText()).startsWith(message);
    assertThat(error.path("requestId").asText()).isEmpty();
    assertThat(r.logTail()).contains("[ERROR] " + type + ": " + message);
    return r;
  }

  @Test
  void concurrentInvocationsGetEnvironmentsOfTheirOwnUpToTheLimit() throws Exception {
    String source = String.join("\n",
        "import time",
        "def handler(event, context):",
        "    time.sleep(event['seconds'])",
        "    return context.log_stream_name",
        "");
    ExecutableFunction fn = python("py-parallel", source, "index.handler", 10);
    CompletableFuture<InvocationResponse> a = CompletableFuture.supplyAsync(
        () -> engine.invoke(fn, request(fn, "{\"seconds\":1.5}")));
    CompletableFuture<InvocationResponse> b = CompletableFuture.supplyAsync(
        () -> engine.invoke(fn, request(fn, "{\"seconds\":1.5}")));
    String streamA = json(a.get(30, TimeUnit.SECONDS).payload()).asText();
    String streamB = json(b.get(30, TimeUnit.SECONDS).payload()).asText();
    assertThat(streamA).isNotEqualTo(streamB);
    assertThat(report(a.get().logTail())).contains("Init Duration");
    assertThat(report(b.get().logTail())).contains("Init Duration");

    // Both stay warm: two more in parallel reuse them.
    CompletableFuture<InvocationResponse> c = CompletableFuture.supplyAsync(
        () -> engine.invoke(fn, request(fn, "{\"seconds\":0.5}")));
    CompletableFuture<InvocationResponse> d = CompletableFuture.supplyAsync(
        () -> engine.invoke(fn, request(fn, "{\"seconds\":0.5}")));
    assertThat(List.of(json(c.get(30, TimeUnit.SECONDS).payload()).asText(),
        json(d.get(30, TimeUnit.SECONDS).payload()).asText())).containsExactlyInAnyOrder(streamA, streamB);
  }

  @Test
  void invocationsBeyondTheConcurrencyLimitAreThrottled() throws Exception {
    LocalContext small = TestFunctions.context(dir.resolve("small"), b -> b.maxConcurrency(1));
    try (ExecutionEngine one = new ExecutionEngine(small, w -> { })) {
      ExecutableFunction fn = python("py-one", "import time\ndef handler(event, context):\n    time.sleep(2)\n"
          + "    return 'done'\n", "index.handler", 10);
      CountDownLatch started = new CountDownLatch(1);
      CompletableFuture<InvocationResponse> busy = CompletableFuture.supplyAsync(() -> {
        started.countDown();
        return one.invoke(fn, request(fn, "{}"));
      });
      started.await();
      Thread.sleep(300);
      assertThatThrownBy(() -> one.invoke(fn, request(fn, "{}")))
          .isInstanceOfSatisfying(ThrottlingError.class, e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.code()).isEqualTo("TooManyRequestsException");
            assertThat(e.getMessage()).isEqualTo("Rate Exceeded.");
            assertThat(e.reason()).isEqualTo("ConcurrentInvocationLimitExceeded");
          });
      assertThat(json(busy.get(30, TimeUnit.SECONDS).payload()).asText()).isEqualTo("done");
      assertThat(json(one.invoke(fn, request(fn, "{}")).payload()).asText()).isEqualTo("done");
    } finally {
      TestFunctions.closeContext(small);
    }
  }

  @Test
  void newCodeGetsNewEnvironmentsAndTheOldOnesStop() throws Exception {
    String v1 = "import os\ndef handler(event, context):\n    return {'version': 1, 'pid': os.getpid()}\n";
    String v2 = "import os\ndef handler(event, context):\n    return {'version': 2, 'pid': os.getpid()}\n";
    ExecutableFunction first = python("py-deploy", v1, "index.handler", 10);
    JsonNode one = json(engine.invoke(first, request(first, "{}")).payload());
    assertThat(one.path("version").asInt()).isEqualTo(1);

    ExecutableFunction second = python("py-deploy", v2, "index.handler", 10);
    InvocationResponse r = engine.invoke(second, request(second, "{}"));
    assertThat(json(r.payload()).path("version").asInt()).isEqualTo(2);
    assertThat(report(r.logTail())).contains("Init Duration");
    assertThat(stopped(one.path("pid").asLong())).isTrue();
  }

  @Test
  void oversizedResponseIsFunctionResponseSizeTooLarge() {
    String source = "def handler(event, context):\n    return 'x' * (7 * 1024 * 1024)\n";
    ExecutableFunction fn = python("py-big", source, "index.handler", 10);
    InvocationResponse r = engine.invoke(fn, request(fn, "{}"));
    assertThat(r.functionError()).isEqualTo("Unhandled");
    JsonNode error = json(r.payload());
    assertThat(error.path("errorType").asText()).isEqualTo("Function.ResponseSizeTooLarge");
    assertThat(error.path("errorMessage").asText())
        .isEqualTo("Response payload size exceeded maximum allowed payload size (6291556 bytes).");
  }

  @Test
  void closeStopsEveryRuntimeAndLogFilesStay() throws Exception {
    LocalContext own = TestFunctions.context(dir.resolve("closing"), b -> b);
    ExecutionEngine closing = new ExecutionEngine(own, w -> { });
    try {
      ExecutableFunction fn = python("py-close", INSPECT, "index.handler", 10);
      InvocationResponse r = closing.invoke(fn, request(fn, "{\"name\":\"x\"}"));
      JsonNode out = json(r.payload());
      long pid = out.path("pid").asLong();
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isTrue();
      closing.close();
      assertThat(stopped(pid)).isTrue();
      Path file = LogNames.streamFile(closing.logsDirectory(), "/aws/lambda/py-close",
          out.path("log_stream_name").asText());
      assertThat(file).startsWith(dir.resolve("closing").resolve("logs"));
      assertThat(Files.readAllLines(file)).hasSizeGreaterThanOrEqualTo(5)
          .anySatisfy(l -> assertThat(l).contains("event name is x"));
      assertThatThrownBy(() -> closing.invoke(fn, request(fn, "{}"))).isInstanceOf(AwsError.class);
    } finally {
      closing.close();
      TestFunctions.closeContext(own);
    }
  }

  @Test
  void withoutPythonInvokeFailsSayingSo() {
    LocalContext nopy = TestFunctions.context(dir.resolve("nopy"), b -> b.pythonCommand("/nonexistent/python3"));
    try (ExecutionEngine engine = new ExecutionEngine(nopy, w -> { })) {
      ExecutableFunction fn = python("py-none", "def handler(e, c):\n    return 1\n", "index.handler", 10);
      assertThatThrownBy(() -> engine.invoke(fn, request(fn, "{}")))
          .isInstanceOfSatisfying(AwsError.class, e -> {
            assertThat(e.code()).isEqualTo("InvalidRuntimeException");
            assertThat(e.getMessage()).contains("/nonexistent/python3").contains("Install Python 3");
          });
    } finally {
      TestFunctions.closeContext(nopy);
    }
  }

  /**
   * Whether a runtime process has stopped running, waiting up to 5 s: a killed process stays visible (as a
   * zombie) until its parent reaps it, which a loaded machine may do a little later.
   */
  private static boolean stopped(long pid) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (true) {
      boolean running = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && !zombie(pid);
      if (!running) {
        return true;
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(20);
    }
  }

  private static boolean zombie(long pid) {
    try {
      String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    } catch (java.io.IOException | RuntimeException e) {
      return false;
    }
  }
}
