package io.github.lambdasdlc.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lambdasdlc.workflow.fixtures.BuildLabelHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;

/**
 * The watch on a real local cloud: a change to the build output is pushed once it is quiet, one line a push,
 * and the next invocation runs the new code; a change that leaves the package as it was pushes nothing.
 */
class CodeWatchWorkflowTest {
  @TempDir
  Path dir;
  WorkflowTestSupport local;

  @BeforeEach
  void start() {
    local = new WorkflowTestSupport(dir);
  }

  @AfterEach
  void stop() {
    local.close();
  }

  @Test
  void aCompileIsPushedOnceQuietAndTheNextInvocationRunsItAnUnchangedOneIsNot() throws Exception {
    StackConvergence.Result stack = new StackConvergence(local.clients, local.events).converge(
        new StackConvergence.Request("my-app", StackTemplate.builtIn(), Map.of(), Map.of(), false, null));
    String fn = stack.functionName();
    new FunctionPreparation(local.clients, local.events).prepare(new FunctionPreparation.Request(fn, "java21",
        JavaHandler.parse(BuildLabelHandler.class.getName(), "h"), null, 30, null, null, null));
    // The build output a compile leaves: the fixtures' classes and build.txt "one".
    WorkflowTestSupport.fixturePackage(dir, "one");
    Path classes = dir.resolve("classes-one");
    AtomicInteger builds = new AtomicInteger();
    CodeWatch.Request request = new CodeWatch.Request(fn, classes, () -> {
      builds.incrementAndGet();
      return DeploymentZip.build(classes, List.of(new DeploymentZip.Library("aws-lambda-java-core.jar",
          WorkflowTestSupport.location(com.amazonaws.services.lambda.runtime.RequestHandler.class))), null,
          dir.resolve("watched-lambda.zip"));
    }, Duration.ofMillis(300));

    AtomicBoolean keepGoing = new AtomicBoolean(true);
    local.events.clear();
    CompletableFuture<CodeWatch.Result> watching = CompletableFuture.supplyAsync(
        () -> new CodeWatch(local.clients, local.events).watch(request, keepGoing::get));
    // At start the function runs the Python stub: the current classes are pushed.
    awaitLine("Pushed ", 1);
    assertThat(invoke(fn)).isEqualTo("\"one\"");

    // A compile writes several files in a burst: one push, once it is quiet.
    Files.writeString(classes.resolve("build.txt"), "two");
    Files.createDirectories(classes.resolve("io/github/lambdasdlc/extra"));
    Files.writeString(classes.resolve("io/github/lambdasdlc/extra/notes.txt"), "a new package");
    awaitLine("Pushed ", 2);
    assertThat(invoke(fn)).isEqualTo("\"two\"");
    String pushLine = List.copyOf(local.events.lines).stream().filter(l -> l.contains("Pushed ")).reduce((a, b) -> b).orElseThrow();
    assertThat(pushLine).matches("INFO Pushed [\\d.]+ KiB to function " + fn + " in [\\d.]+ s \\(\\d+ changes? in "
        + java.util.regex.Pattern.quote(classes.toString()) + "; CodeSha256 \\S+\\)\\.");
    // The deploy step's own lines are details now: one line a push.
    assertThat(local.events.lines).noneMatch(l -> l.startsWith("INFO Uploading") || l.startsWith("INFO Deployed"));

    // The same content written again: the package is the function's already, nothing is pushed.
    int before = builds.get();
    long pushedBefore = pushed();
    Files.writeString(classes.resolve("build.txt"), "two");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (builds.get() == before && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    keepGoing.set(false);
    CodeWatch.Result result = watching.get(60, TimeUnit.SECONDS);
    assertThat(pushed()).isEqualTo(pushedBefore).isEqualTo(result.pushes());
    assertThat(result.unchanged()).isPositive();
    assertThat(local.events.text()).contains("already runs this package");
  }

  private long pushed() {
    synchronized (local.events) {
      return local.events.lines.stream().filter(l -> l.contains("Pushed ")).count();
    }
  }

  private String invoke(String fn) {
    return local.clients.lambda().invoke(b -> b.functionName(fn).payload(SdkBytes.fromUtf8String("{}"))).payload()
        .asUtf8String();
  }

  private void awaitLine(String text, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      synchronized (local.events) {
        if (local.events.lines.stream().filter(l -> l.contains(text)).count() >= count) {
          return;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no " + count + " lines with '" + text + "' in:\n" + local.events.text());
  }
}
