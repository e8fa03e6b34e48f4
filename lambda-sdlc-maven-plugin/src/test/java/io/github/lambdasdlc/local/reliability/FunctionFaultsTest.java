package io.github.lambdasdlc.local.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdasdlc.local.core.Json;
import io.github.lambdasdlc.local.LocalCloud;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import io.github.lambdasdlc.local.reliability.handlers.FaultyHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

/**
 * Functions that misbehave (Java through AWS's runtime interface client, Python through the bootstrap),
 * invoked with the SDK: each misdeed gives the error AWS gives, a broken environment is replaced, and the
 * next invocation succeeds.
 */
class FunctionFaultsTest {
  static final String JAVA = "java-faulty";
  static final String PYTHON = "py-faulty";
  static final int TIMEOUT = 4;

  static final String PYTHON_SOURCE = """
      import sys

      def recurse(n):
          return recurse(n + 1) + 1

      def handler(event, context):
          fault = event.get("fault")
          if fault == "loop":
              while True:
                  pass
          if fault == "exit":
              sys.exit(7)
          if fault == "oom":
              return len(bytearray(1 << 46))
          if fault == "stack":
              return recurse(0)
          if fault == "big":
              return "x" * (7 * 1024 * 1024)
          if fault == "flood":
              line = "flood " * 170
              for i in range(event.get("megabytes", 50) * 1024):
                  print(i, line)
              print("flood done")
              return "flooded"
          return "echo " + str(event.get("value"))
      """;

  @TempDir
  static Path dir;
  static LocalCloud cloud;
  static LambdaClient lambda;

  @BeforeAll
  static void start() throws Exception {
    cloud = LocalCloud.start(LocalCloudConfig.builder(dir.resolve("cloud")).maxConcurrency(4)
        .lambdaUpdateDelay(Duration.ofMillis(20)).build());
    lambda = LambdaClient.builder().endpointOverride(cloud.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofMinutes(2)).build()).build();
    byte[] javaZip = handlerZip();
    lambda.createFunction(b -> b.functionName(JAVA).runtime("java21").role(ReliabilityClients.ROLE).memorySize(256)
        .timeout(TIMEOUT).handler(FaultyHandler.class.getName() + "::handleRequest")
        .code(c -> c.zipFile(SdkBytes.fromByteArray(javaZip))));
    lambda.createFunction(b -> b.functionName(PYTHON).runtime("python3.12").role(ReliabilityClients.ROLE)
        .memorySize(256).timeout(TIMEOUT).handler("index.handler")
        .code(c -> c.zipFile(SdkBytes.fromByteArray(zip("index.py", PYTHON_SOURCE.getBytes(StandardCharsets.UTF_8))))));
    for (String fn : List.of(JAVA, PYTHON)) {
      lambda.waiter().waitUntilFunctionActiveV2(
          software.amazon.awssdk.services.lambda.model.GetFunctionRequest.builder().functionName(fn).build(),
          ReliabilityClients.FAST_WAIT);
    }
  }

  @AfterAll
  static void stop() {
    lambda.close();
    cloud.close();
  }

  static byte[] handlerZip() throws IOException {
    String name = FaultyHandler.class.getName().replace('.', '/') + ".class";
    try (var in = FaultyHandler.class.getClassLoader().getResourceAsStream(name)) {
      return zip(name, in.readAllBytes());
    }
  }

  static byte[] zip(String name, byte[] content) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry(name));
      zip.write(content);
      zip.closeEntry();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static InvokeResponse invoke(String function, String event) {
    return lambda.invoke(b -> b.functionName(function).logType(LogType.TAIL).payload(SdkBytes.fromUtf8String(event)));
  }

  static String log(InvokeResponse r) {
    return new String(Base64.getDecoder().decode(r.logResult()), StandardCharsets.UTF_8);
  }

  static JsonNode error(InvokeResponse r) throws IOException {
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.functionError()).isEqualTo("Unhandled");
    return Json.MAPPER.readTree(r.payload().asByteArray());
  }

  /** The next invocation answers; {@code cold} says whether it had to start a new environment. */
  static void nextInvocationSucceeds(String function, boolean cold) {
    InvokeResponse next = invoke(function, "{\"value\": 42}");
    assertThat(next.functionError()).as("%s\n%s", next.payload().asUtf8String(), log(next)).isNull();
    assertThat(next.payload().asUtf8String()).isEqualTo("\"echo 42\"");
    String report = log(next).lines().filter(l -> l.startsWith("REPORT ")).findFirst().orElseThrow();
    if (cold) {
      assertThat(report).as("a new environment").contains("Init Duration");
    } else {
      assertThat(report).as("the same environment").doesNotContain("Init Duration");
    }
  }

  /** Makes sure the function has a warm environment, so that "cold" after a fault means it was replaced. */
  static void warm(String function) {
    invoke(function, "{\"value\": 0}");
  }

  @ParameterizedTest
  @ValueSource(strings = {JAVA, PYTHON})
  void anInfiniteLoopTimesOut(String function) throws IOException {
    warm(function);
    InvokeResponse r = invoke(function, "{\"fault\": \"loop\"}");
    String id = r.responseMetadata().requestId();
    JsonNode error = error(r);
    assertThat(error.path("errorType").asText()).isEqualTo("Sandbox.Timedout");
    assertThat(error.path("errorMessage").asText())
        .isEqualTo("RequestId: " + id + " Error: Task timed out after " + TIMEOUT + ".00 seconds");
    assertThat(log(r)).contains(id + " Task timed out after " + TIMEOUT + ".00 seconds").contains("Status: timeout");
    nextInvocationSucceeds(function, true);
  }

  @ParameterizedTest
  @ValueSource(strings = {JAVA, PYTHON})
  void exitingTheProcessIsRuntimeExitError(String function) throws IOException {
    warm(function);
    InvokeResponse r = invoke(function, "{\"fault\": \"exit\"}");
    String id = r.responseMetadata().requestId();
    JsonNode error = error(r);
    assertThat(error.path("errorType").asText()).isEqualTo("Runtime.ExitError");
    assertThat(error.path("errorMessage").asText())
        .isEqualTo("RequestId: " + id + " Error: Runtime exited with error: exit status 7");
    assertThat(log(r)).contains("Runtime.ExitError");
    nextInvocationSucceeds(function, true);
  }

  @Test
  void javaRunningOutOfHeapIsOutOfMemoryErrorAndTheRuntimeExits() throws IOException {
    warm(JAVA);
    InvokeResponse r = invoke(JAVA, "{\"fault\": \"oom\"}");
    JsonNode error = error(r);
    // The heap is 85% of MemorySize: the JVM runs out of it long before the sandbox would be OOM-killed,
    // and the runtime interface client reports the error, then ends the runtime (a VirtualMachineError is fatal).
    assertThat(error.path("errorType").asText()).isEqualTo("java.lang.OutOfMemoryError");
    assertThat(error.path("errorMessage").asText()).isEqualTo("Java heap space");
    nextInvocationSucceeds(JAVA, true);
  }

  @Test
  void pythonAskingForMoreMemoryThanExistsIsMemoryError() throws IOException {
    warm(PYTHON);
    InvokeResponse r = invoke(PYTHON, "{\"fault\": \"oom\"}");
    JsonNode error = error(r);
    assertThat(error.path("errorType").asText()).isEqualTo("MemoryError");
    nextInvocationSucceeds(PYTHON, false);
  }

  @Test
  void javaStackOverflowIsStackOverflowError() throws IOException {
    warm(JAVA);
    InvokeResponse r = invoke(JAVA, "{\"fault\": \"stack\"}");
    JsonNode error = error(r);
    assertThat(error.path("errorType").asText()).isEqualTo("java.lang.StackOverflowError");
    // Like OutOfMemoryError, a VirtualMachineError: the runtime interface client ends the runtime.
    nextInvocationSucceeds(JAVA, true);
  }

  @Test
  void pythonStackOverflowIsRecursionError() throws IOException {
    warm(PYTHON);
    InvokeResponse r = invoke(PYTHON, "{\"fault\": \"stack\"}");
    JsonNode error = error(r);
    assertThat(error.path("errorType").asText()).isEqualTo("RecursionError");
    assertThat(error.path("errorMessage").asText()).startsWith("maximum recursion depth exceeded");
    nextInvocationSucceeds(PYTHON, false);
  }

  @ParameterizedTest
  @ValueSource(strings = {JAVA, PYTHON})
  void aResponseOverSixMegabytesIsResponseSizeTooLarge(String function) throws IOException {
    warm(function);
    InvokeResponse r = invoke(function, "{\"fault\": \"big\"}");
    JsonNode error = error(r);
    assertThat(error.path("errorType").asText()).isEqualTo("Function.ResponseSizeTooLarge");
    assertThat(error.path("errorMessage").asText())
        .isEqualTo("Response payload size exceeded maximum allowed payload size (6291556 bytes).");
    // The Java runtime interface client ends its JVM when the Runtime API refuses its response (413); Python's
    // bootstrap carries on.
    nextInvocationSucceeds(function, function.equals(JAVA));
  }

  @ParameterizedTest
  @ValueSource(strings = {JAVA, PYTHON})
  void aFloodOfOutputStillAnswersWithTheLastFourKilobytesOfLog(String function) throws Exception {
    warm(function);
    System.gc();
    long heapBefore = usedHeap();
    long start = System.nanoTime();
    InvokeResponse r = invoke(function, "{\"fault\": \"flood\", \"megabytes\": 50}");
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(r.functionError()).isNull();
    assertThat(r.payload().asUtf8String()).isEqualTo("\"flooded\"");
    byte[] tail = Base64.getDecoder().decode(r.logResult());
    assertThat(tail.length).isLessThanOrEqualTo(4096);
    String text = new String(tail, StandardCharsets.UTF_8);
    List<String> lines = text.lines().toList();
    assertThat(lines.get(lines.size() - 1)).startsWith("REPORT RequestId: " + r.responseMetadata().requestId());
    assertThat(lines).contains("flood done", "END RequestId: " + r.responseMetadata().requestId());
    assertThat(lines).anyMatch(l -> l.startsWith((50 * 1024 - 1) + " flood flood"));
    System.gc();
    long heapAfter = usedHeap();
    long logBytes;
    try (var files = Files.walk(dir.resolve("cloud/logs"))) {
      logBytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
    System.out.printf("Flood of 50 MiB from %s: answered in %d ms, heap %d -> %d MiB, log files %d MiB%n", function,
        millis, heapBefore >> 20, heapAfter >> 20, logBytes >> 20);
    nextInvocationSucceeds(function, false);
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }
}
