package io.github.lambdasdlc.local.lambda.execution;

import static io.github.lambdasdlc.local.lambda.execution.TestFunctions.function;
import static io.github.lambdasdlc.local.lambda.execution.TestFunctions.json;
import static io.github.lambdasdlc.local.lambda.execution.TestFunctions.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.lambdasdlc.local.core.LocalContext;
import io.github.lambdasdlc.local.lambda.ExecutableFunction;
import io.github.lambdasdlc.local.lambda.InvocationResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The class-data-sharing archive of the runtime client: learned from the first Java environment, used after. */
class ClassDataSharingTest {
  @TempDir
  Path dir;

  private static final String HANDLER = "io.github.lambdasdlc.local.lambda.execution.handlers.GreetingHandler::handleRequest";

  @Test
  void firstEnvironmentTeachesAnArchiveThatLaterEnvironmentsStartWith() throws Exception {
    LocalContext context = TestFunctions.context(dir.resolve("state"), b -> b);
    ExecutionEngine engine = new ExecutionEngine(context, w -> { });
    try {
      byte[] zip = TestFunctions.javaHandlersZip();
      ExecutableFunction first = function(dir, "first", "java21", HANDLER, zip, 30, Map.of());
      assertThat(runtimeArguments()).noneMatch(a -> a.startsWith("-XX:SharedArchiveFile="));
      InvocationResponse answer = engine.invoke(first, request(first, "{\"name\":\"Ada\"}"));
      assertThat(json(answer.payload()).path("message").asText()).isEqualTo("Hello, Ada!");

      Path cds = context.store().path("execution").resolve("runtime/java/cds");
      Path archive = awaitArchive(cds);
      assertThat(archive.getFileName().toString()).startsWith("ric-").endsWith(".jsa");

      // Another function: a new environment, started with the archive, answers as before.
      ExecutableFunction second = function(dir, "second", "java21", HANDLER, zip, 30, Map.of());
      InvocationResponse again = engine.invoke(second, request(second, "{\"name\":\"Grace\"}"));
      assertThat(json(again.payload()).path("message").asText()).isEqualTo("Hello, Grace!");
      assertThat(again.functionError()).isNull();
      assertThat(runtimeArguments()).contains("-XX:SharedArchiveFile=" + archive);
      // The class list was turned into the archive and removed.
      try (Stream<Path> files = Files.list(cds)) {
        assertThat(files.map(p -> p.getFileName().toString())).allMatch(n -> n.endsWith(".jsa"));
      }
    } finally {
      engine.close();
      TestFunctions.closeContext(context);
    }
  }

  @Test
  void switchedOffNoArchiveIsLearnedOrUsed() {
    LocalContext context = TestFunctions.context(dir.resolve("state"), b -> b.javaClassDataSharing(false));
    ExecutionEngine engine = new ExecutionEngine(context, w -> { });
    try {
      ExecutableFunction fn = function(dir, "plain", "java21", HANDLER, TestFunctions.javaHandlersZip(), 30, Map.of());
      InvocationResponse answer = engine.invoke(fn, request(fn, "{\"name\":\"Ada\"}"));
      assertThat(json(answer.payload()).path("message").asText()).isEqualTo("Hello, Ada!");
      assertThat(runtimeArguments()).noneMatch(a -> a.startsWith("-XX:SharedArchiveFile=")
          || a.startsWith("-XX:DumpLoadedClassList="));
      assertThat(context.store().path("execution").resolve("runtime/java/cds")).doesNotExist();
    } finally {
      engine.close();
      TestFunctions.closeContext(context);
    }
  }

  @Test
  void keyChangesWithTheJdkOrTheRuntimeClientJars() throws Exception {
    Path home = Files.createDirectories(dir.resolve("jdk"));
    Files.writeString(home.resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");
    Path jar = Files.writeString(dir.resolve("ric.jar"), "classes");
    JdkLocator.Jdk jdk = new JdkLocator.Jdk(home, 17);
    String key = ClassDataSharing.key(jdk, List.of(jar));

    assertThat(ClassDataSharing.key(jdk, List.of(jar))).isEqualTo(key);
    assertThat(ClassDataSharing.key(new JdkLocator.Jdk(home, 21), List.of(jar))).isNotEqualTo(key);
    Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));
    assertThat(ClassDataSharing.key(jdk, List.of(jar))).isNotEqualTo(key);
    Files.writeString(home.resolve("release"), "JAVA_VERSION=\"17.0.16\"\n");
    assertThat(ClassDataSharing.key(jdk, List.of(jar))).startsWith("17-").isNotEqualTo(key);
  }

  private static Path awaitArchive(Path cds) throws Exception {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (Files.isDirectory(cds)) {
        try (Stream<Path> files = Files.list(cds)) {
          List<Path> archives = files.filter(p -> p.getFileName().toString().endsWith(".jsa")).toList();
          if (!archives.isEmpty()) {
            return archives.get(0);
          }
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("No class-data-sharing archive appeared in " + cds);
  }

  /** The arguments of the runtime JVMs this test's engine started. */
  private static List<String> runtimeArguments() {
    List<String> out = new ArrayList<>();
    ProcessHandle.current().descendants().forEach(p -> p.info().arguments().ifPresent(a -> out.addAll(List.of(a))));
    return out;
  }
}
