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
import io.github.lambdasdlc.local.lambda.InvocationResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OS-only runtimes: the function's own bootstrap, a shell script and a JVM on AWS's runtime interface client. */
class ProvidedExecutionTest {
  @TempDir
  static Path dir;

  static LocalContext context;
  static ExecutionEngine engine;

  /** A custom runtime in POSIX shell and curl, as AWS's custom runtime tutorial builds one. */
  static final String SHELL_BOOTSTRAP = String.join("\n",
      "#!/bin/sh",
      "set -eu",
      "API=\"http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime\"",
      "echo \"starting $_HANDLER in $LAMBDA_TASK_ROOT\"",
      "while true; do",
      "  HEADERS=$(mktemp)",
      "  EVENT=$(curl -sS -D \"$HEADERS\" \"$API/invocation/next\")",
      "  ID=$(grep -i Lambda-Runtime-Aws-Request-Id \"$HEADERS\" | tr -d '[:space:]' | cut -d: -f2)",
      "  rm -f \"$HEADERS\"",
      "  echo \"handling $EVENT\"",
      "  case \"$EVENT\" in",
      "    *fail*) curl -sS -o /dev/null -X POST \"$API/invocation/$ID/error\" \\",
      "      -H 'Lambda-Runtime-Function-Error-Type: Function.Failed' \\",
      "      -d '{\"errorMessage\":\"asked to fail\",\"errorType\":\"Function.Failed\"}' ;;",
      "    *sleep*) sleep 5 ;;",
      "    *) curl -sS -o /dev/null -X POST \"$API/invocation/$ID/response\" \\",
      "      -d \"{\\\"handler\\\":\\\"$_HANDLER\\\",\\\"env\\\":\\\"${AWS_EXECUTION_ENV:-unset}\\\",\\\"event\\\":$EVENT}\" ;;",
      "  esac",
      "done",
      "");

  @BeforeAll
  static void start() {
    context = TestFunctions.context(dir.resolve("state"), b -> b);
    engine = new ExecutionEngine(context, w -> { });
  }

  @AfterAll
  static void stop() {
    engine.close();
    TestFunctions.closeContext(context);
  }

  private static ExecutableFunction shell(String name, String runtime, Set<String> executables, int timeout) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("bootstrap", SHELL_BOOTSTRAP.getBytes(StandardCharsets.UTF_8));
    return function(dir, name, runtime, "function.handler", TestFunctions.unixZip(files, executables), timeout,
        Map.of());
  }

  @Test
  void aShellBootstrapServesTheRuntimeApiWithItsEnvironment() {
    ExecutableFunction fn = shell("provided-shell", "provided.al2023", Set.of("bootstrap"), 10);
    InvocationRequest first = request(fn, "{\"n\":1}");
    InvocationResponse cold = engine.invoke(fn, first);
    assertThat(cold.functionError()).isNull();
    JsonNode out = json(cold.payload());
    assertThat(out.path("handler").asText()).isEqualTo("function.handler");
    assertThat(out.path("env").asText()).isEqualTo("unset"); // Lambda sets no AWS_EXECUTION_ENV on OS-only runtimes
    assertThat(out.path("event").path("n").asInt()).isEqualTo(1);
    assertThat(lines(cold.logTail())).anyMatch(l -> l.startsWith("starting function.handler in /"))
        .contains("handling {\"n\":1}");
    assertThat(report(cold.logTail())).contains("Init Duration: ");

    InvocationResponse warm = engine.invoke(fn, request(fn, "{\"n\":2}"));
    assertThat(json(warm.payload()).path("event").path("n").asInt()).isEqualTo(2);
    assertThat(report(warm.logTail())).doesNotContain("Init Duration");

    InvocationResponse failed = engine.invoke(fn, request(fn, "{\"fail\":true}"));
    assertThat(failed.functionError()).isEqualTo("Unhandled");
    assertThat(json(failed.payload()).path("errorType").asText()).isEqualTo("Function.Failed");
  }

  @Test
  void aBootstrapThatTakesTooLongTimesOut() {
    ExecutableFunction fn = shell("provided-slow", "provided.al2023", Set.of("bootstrap"), 1);
    InvocationRequest req = request(fn, "{\"sleep\":true}");
    InvocationResponse r = engine.invoke(fn, req);
    assertThat(json(r.payload()).path("errorType").asText()).isEqualTo("Sandbox.Timedout");
    assertThat(r.logTail()).contains(req.requestId() + " Task timed out after 1.00 seconds");
  }

  @Test
  void aMissingOrNotExecutableBootstrapIsAnInvalidEntrypoint() {
    ExecutableFunction notExecutable = shell("provided-noexec", "provided.al2023", Set.of(), 10);
    InvocationRequest req = request(notExecutable, "{}");
    InvocationResponse r = engine.invoke(notExecutable, req);
    assertThat(r.functionError()).isEqualTo("Unhandled");
    JsonNode error = json(r.payload());
    assertThat(error.path("errorType").asText()).isEqualTo("Runtime.InvalidEntrypoint");
    assertThat(error.path("errorMessage").asText()).startsWith("RequestId: " + req.requestId() + " Error: fork/exec ")
        .endsWith("/bootstrap: permission denied");
    assertThat(r.logTail()).contains("\tPhase: init\tStatus: error\tError Type: Runtime.InvalidEntrypoint");
    assertThat(report(r.logTail())).endsWith("Status: error\tError Type: Runtime.InvalidEntrypoint");

    Map<String, byte[]> noBootstrap = Map.of("main.sh", SHELL_BOOTSTRAP.getBytes(StandardCharsets.UTF_8));
    ExecutableFunction missing = function(dir, "provided-missing", "provided.al2", "function.handler",
        TestFunctions.unixZip(noBootstrap, Set.of("main.sh")), 10, Map.of());
    InvocationRequest req2 = request(missing, "{}");
    JsonNode error2 = json(engine.invoke(missing, req2).payload());
    assertThat(error2.path("errorType").asText()).isEqualTo("Runtime.InvalidEntrypoint");
    assertThat(error2.path("errorMessage").asText()).startsWith("RequestId: " + req2.requestId()
        + " Error: Couldn't find valid bootstrap(s): [/").endsWith("/bootstrap]");
  }

  /** A Java custom runtime: the bootstrap starts a JVM on AWS's runtime interface client, shipped in lib/. */
  @Test
  void aJavaCustomRuntimeRunsItsHandlerThroughTheRuntimeInterfaceClient() throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (ZipInputStream handlers = new ZipInputStream(new ByteArrayInputStream(TestFunctions.javaHandlersZip()))) {
      for (ZipEntry e; (e = handlers.getNextEntry()) != null; ) {
        files.put(e.getName(), handlers.readAllBytes());
      }
    }
    for (Path jar : RicClassPath.locate(getClass().getClassLoader(), dir.resolve("ric")).jars()) {
      files.put("lib/" + jar.getFileName(), Files.readAllBytes(jar));
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    files.put("bootstrap", String.join("\n",
        "#!/bin/sh",
        "exec " + java + " -XX:+UseSerialGC -Xshare:auto -cp \"$LAMBDA_TASK_ROOT:$LAMBDA_TASK_ROOT/lib/*\" \\",
        "  com.amazonaws.services.lambda.runtime.api.client.AWSLambda \"$_HANDLER\"",
        "").getBytes(StandardCharsets.UTF_8));
    ExecutableFunction fn = function(dir, "provided-java", "provided.al2023",
        "io.github.lambdasdlc.local.lambda.execution.handlers.GreetingHandler::handleRequest",
        TestFunctions.unixZip(files, Set.of("bootstrap")), 30, Map.of());
    InvocationRequest req = request(fn, "{\"name\":\"Ada\"}");
    InvocationResponse r = engine.invoke(fn, req);
    assertThat(r.functionError()).isNull();
    assertThat(json(r.payload()).path("message").asText()).isEqualTo("Hello, Ada!");
    assertThat(lines(r.logTail())).contains("greeting Ada");
    assertThat(report(r.logTail())).contains("Init Duration: ");
    assertThat(json(engine.invoke(fn, request(fn, "{\"name\":\"Bo\"}")).payload()).path("message").asText())
        .isEqualTo("Hello, Bo!");
  }
}
