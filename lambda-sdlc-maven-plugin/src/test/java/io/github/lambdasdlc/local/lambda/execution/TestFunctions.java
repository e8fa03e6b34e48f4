package io.github.lambdasdlc.local.lambda.execution;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdasdlc.local.core.Json;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import io.github.lambdasdlc.local.core.LocalContext;
import io.github.lambdasdlc.local.core.StateStore;
import io.github.lambdasdlc.local.lambda.ExecutableFunction;
import io.github.lambdasdlc.local.lambda.InvocationRequest;
import io.github.lambdasdlc.local.lambda.code.CodeArchive;
import io.github.lambdasdlc.local.lambda.execution.handlers.GreetingHandler;
import io.github.lambdasdlc.local.logs.LogNames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds what the engine's tests need: a context, deployment packages, function snapshots, requests. */
final class TestFunctions {
  static final String ACCOUNT = "000000000000";

  private TestFunctions() {
  }

  static LocalContext context(Path dir, java.util.function.UnaryOperator<LocalCloudConfig.Builder> settings) {
    LocalCloudConfig config = settings.apply(LocalCloudConfig.builder(dir)).build();
    return new LocalContext(config, StateStore.open(dir, "execution test"),
        Executors.newSingleThreadScheduledExecutor(), Clock.systemUTC());
  }

  /** A zip of the compiled test handlers (target/test-classes/.../handlers). */
  static byte[] javaHandlersZip() {
    try {
      Path classes = Path.of(GreetingHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      String pkg = GreetingHandler.class.getPackageName().replace('.', '/');
      Map<String, byte[]> files = new LinkedHashMap<>();
      try (Stream<Path> walk = Files.walk(classes.resolve(pkg))) {
        for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
          files.put(classes.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
        }
      }
      return zip(files);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] zip(Map<String, byte[]> files) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        zip.putNextEntry(new ZipEntry(f.getKey()));
        zip.write(f.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** A zip whose {@code executables} are marked executable, as {@code zip} marks a file of mode 0755. */
  static byte[] unixZip(Map<String, byte[]> files, java.util.Set<String> executables) {
    return io.github.lambdasdlc.code.ZipUnixModes.markExecutable(zip(files), executables);
  }

  static byte[] pythonZip(String fileName, String source) {
    return zip(Map.of(fileName, source.getBytes(StandardCharsets.UTF_8)));
  }

  static ExecutableFunction function(Path dir, String name, String runtime, String handler, byte[] zip,
      int timeout, Map<String, String> environment) {
    try {
      Files.createDirectories(dir.resolve("uploads"));
      Path file = dir.resolve("uploads").resolve(UUID.randomUUID() + ".zip");
      Files.write(file, zip);
      return new ExecutableFunction(name, "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:" + name, "$LATEST",
          runtime, handler, 256, timeout, environment, file, CodeArchive.sha256Base64(zip), "x86_64",
          UUID.randomUUID().toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static InvocationRequest request(ExecutableFunction function, String payload) {
    return new InvocationRequest(UUID.randomUUID().toString(), function.functionArn(),
        payload.getBytes(StandardCharsets.UTF_8), "RequestResponse", true, null);
  }

  static JsonNode json(byte[] payload) {
    try {
      return Json.MAPPER.readTree(payload);
    } catch (IOException e) {
      throw new AssertionError("Not JSON: " + new String(payload, StandardCharsets.UTF_8), e);
    }
  }

  static List<String> lines(String log) {
    return List.of(log.split("\n"));
  }

  /** The REPORT line of an invocation's log. */
  static String report(String log) {
    return lines(log).stream().filter(l -> l.startsWith("REPORT RequestId: ")).findFirst()
        .orElseThrow(() -> new AssertionError("No REPORT line in:\n" + log));
  }

  /** The events of every stream of a function's log group, as the engine stored them. */
  static List<JsonNode> storedEvents(ExecutionEngine engine, String functionName) throws IOException {
    Path groupDir = LogNames.streamFile(engine.logsDirectory(), "/aws/lambda/" + functionName, "any").getParent();
    List<JsonNode> events = new java.util.ArrayList<>();
    try (Stream<Path> streams = Files.list(groupDir)) {
      for (Path stream : streams.sorted().toList()) {
        for (String line : Files.readAllLines(stream)) {
          events.add(json(line.getBytes(StandardCharsets.UTF_8)));
        }
      }
    }
    return events;
  }

  static void closeContext(LocalContext context) {
    context.scheduler().shutdownNow();
    context.store().close();
  }
}
