package io.github.lambdasdlc.local.lambda;

import static io.github.lambdasdlc.local.lambda.LambdaTestSupport.create;
import static io.github.lambdasdlc.local.lambda.LambdaTestSupport.waitActive;
import static io.github.lambdasdlc.local.lambda.LambdaTestSupport.zip;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.lambdasdlc.local.LocalCloud;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Asynchronous (Event) invocations through the SDK run a real Python function that leaves a marker file per
 * attempt ({@code <request id>.<attempt>}): they are queued, retried and never dropped silently (issue 12,
 * item 7: of 30 Event invocations of a 2 s handler only 10 ran, the others were throttled and lost).
 */
class LambdaAsyncInvokeTest {
  private static final String HANDLER = """
      import os, time
      def handler(event, context):
          out = os.environ["OUT_DIR"]
          tries = len([f for f in os.listdir(out) if f.startswith(context.aws_request_id)])
          with open(os.path.join(out, "%s.%d" % (context.aws_request_id, tries + 1)), "w") as marker:
              marker.write(os.environ.get("TAG", ""))
          time.sleep(event.get("sleep", 0))
          if event.get("fail"):
              raise Exception("failing on purpose")
          return "done"
      """;

  @TempDir
  Path dir;
  @TempDir
  Path out;
  LocalCloud cloud;
  LambdaClient lambda;
  final List<String> logged = new CopyOnWriteArrayList<>();
  final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
        logged.add(record.getMessage());
      }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };

  void start(UnaryOperator<LocalCloudConfig.Builder> settings) {
    Logger.getLogger(EventQueue.class.getName()).addHandler(capture);
    cloud = LocalCloud.start(settings.apply(LocalCloudConfig.builder(dir).lambdaUpdateDelay(Duration.ofMillis(50)))
        .build());
    lambda = LambdaTestSupport.client(cloud);
    lambda.createFunction(create("worker", zip(Map.of("index.py", HANDLER))).timeout(60)
        .environment(e -> e.variables(Map.of("OUT_DIR", out.toString()))).build());
    waitActive(lambda, "worker");
  }

  @AfterEach
  void stop() {
    Logger.getLogger(EventQueue.class.getName()).removeHandler(capture);
    if (lambda != null) {
      lambda.close();
      cloud.close();
    }
  }

  private InvokeResponse event(String payload) {
    return lambda.invoke(b -> b.functionName("worker").invocationType(InvocationType.EVENT)
        .payload(SdkBytes.fromUtf8String(payload)));
  }

  /** Marker files: request id to attempts seen. */
  private Map<String, Long> attempts() throws IOException {
    try (Stream<Path> files = Files.list(out)) {
      return files.map(p -> p.getFileName().toString()).collect(
          Collectors.groupingBy(n -> n.substring(0, n.lastIndexOf('.')), Collectors.counting()));
    }
  }

  private Map<String, Long> awaitAttempts(int requests, long attemptsEach) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (true) {
      Map<String, Long> seen = attempts();
      if (seen.size() >= requests && seen.values().stream().allMatch(n -> n >= attemptsEach)) {
        return seen;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Expected " + requests + " requests with " + attemptsEach + " attempts each, saw "
            + seen);
      }
      Thread.sleep(100);
    }
  }

  @Test
  void thirtyEventInvocationsOfASlowHandlerAllRunOnce() throws Exception {
    start(b -> b); // 10 at once, as by default
    Set<String> ids = new java.util.HashSet<>();
    for (int i = 0; i < 30; i++) {
      InvokeResponse accepted = event("{\"sleep\": 2}");
      assertThat(accepted.statusCode()).isEqualTo(202);
      ids.add(accepted.responseMetadata().requestId());
    }
    Map<String, Long> ran = awaitAttempts(30, 1);
    assertThat(ran.keySet()).isEqualTo(ids); // the runtime saw the request ids the caller was given
    assertThat(ran.values()).containsOnly(1L);
    assertThat(logged).isEmpty();
    assertThat(lambda.invoke(b -> b.functionName("worker").payload(SdkBytes.fromUtf8String("{}"))).payload()
        .asUtf8String()).isEqualTo("\"done\"");
  }

  @Test
  void aFailingEventIsRetriedTwiceWithTheSameRequestIdThenDroppedAndLogged() throws Exception {
    start(b -> b.asyncRetryDelay(Duration.ofMillis(300)));
    String id = event("{\"fail\": true}").responseMetadata().requestId();
    assertThat(awaitAttempts(1, 3)).containsExactly(Map.entry(id, 3L));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (logged.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(logged).singleElement().asString().startsWith("Dropped the asynchronous invocation " + id)
        .contains("after 3 attempt(s)");
    Thread.sleep(1000); // no fourth attempt
    assertThat(attempts()).containsExactly(Map.entry(id, 3L));
  }

  @Test
  void maximumRetryAttemptsOfTheEventInvokeConfigApplies() throws Exception {
    start(b -> b.asyncRetryDelay(Duration.ofMillis(200)));
    lambda.putFunctionEventInvokeConfig(b -> b.functionName("worker").maximumRetryAttempts(0));
    String id = event("{\"fail\": true}").responseMetadata().requestId();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (logged.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(logged).singleElement().asString().contains(id).contains("MaximumRetryAttempts 0");
    Thread.sleep(1000); // no retry
    assertThat(attempts()).containsExactly(Map.entry(id, 1L));
  }

  @Test
  void anEventThrottledByASynchronousInvocationRunsOnceTheConcurrencyFreesWithTheCurrentConfiguration()
      throws Exception {
    start(b -> b.maxConcurrency(1));
    CompletableFuture<InvokeResponse> busy = CompletableFuture.supplyAsync(() -> lambda.invoke(b -> b
        .functionName("worker").payload(SdkBytes.fromUtf8String("{\"sleep\": 4}"))));
    awaitAttempts(1, 1); // the synchronous invocation holds the only slot
    String id = event("{}").responseMetadata().requestId();
    // Changed while the event waits: it runs what the function is when its turn comes, as on AWS.
    lambda.updateFunctionConfiguration(b -> b.functionName("worker")
        .environment(e -> e.variables(Map.of("OUT_DIR", out.toString(), "TAG", "updated"))));
    assertThat(busy.get(120, TimeUnit.SECONDS).payload().asUtf8String()).isEqualTo("\"done\"");
    assertThat(awaitAttempts(2, 1)).containsEntry(id, 1L);
    assertThat(out.resolve(id + ".1")).hasContent("updated");
    assertThat(logged).isEmpty();
  }
}
