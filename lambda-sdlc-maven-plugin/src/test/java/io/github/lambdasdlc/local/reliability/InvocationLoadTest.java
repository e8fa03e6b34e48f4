package io.github.lambdasdlc.local.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lambdasdlc.local.LocalCloud;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import io.github.lambdasdlc.local.reliability.handlers.FaultyHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/**
 * Many invocations at once over four functions (two Python, two Java) with a concurrency limit: every one
 * is answered correctly or throttled with Lambda's 429, and closing the cloud leaves no threads, file
 * descriptors or child processes behind.
 */
class InvocationLoadTest {
  static final List<String> FUNCTIONS = List.of("py-a", "py-b", "java-a", "java-b");
  static final int MAX_CONCURRENCY = 10;

  @TempDir
  Path dir;

  /** Invocations and their outcomes. */
  record Tally(long ok, long throttled, List<String> wrong) {
  }

  private static LambdaClient client(LocalCloud cloud) {
    // No retries: the test wants to see every 429 itself rather than the SDK absorbing them.
    return LambdaClient.builder().endpointOverride(cloud.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()))
        .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofMinutes(2)).build()).build();
  }

  private static void createFunctions(LambdaClient lambda) throws Exception {
    byte[] javaZip = FunctionFaultsTest.handlerZip();
    byte[] pyZip = FunctionFaultsTest.zip("index.py", FunctionFaultsTest.PYTHON_SOURCE.getBytes(StandardCharsets.UTF_8));
    for (String fn : FUNCTIONS) {
      boolean java = fn.startsWith("java");
      lambda.createFunction(b -> b.functionName(fn).role(ReliabilityClients.ROLE).timeout(60).memorySize(256)
          .runtime(java ? "java21" : "python3.12")
          .handler(java ? FaultyHandler.class.getName() + "::handleRequest" : "index.handler")
          .code(c -> c.zipFile(SdkBytes.fromByteArray(java ? javaZip : pyZip))));
      lambda.waiter().waitUntilFunctionActiveV2(GetFunctionRequest.builder().functionName(fn).build(),
          ReliabilityClients.FAST_WAIT);
    }
  }

  /** {@code count} invocations from {@code threads} callers released at once, round robin over the functions. */
  private static Tally invokeAll(LambdaClient lambda, int count, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    AtomicLong ok = new AtomicLong();
    AtomicLong throttled = new AtomicLong();
    List<String> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        int n = i;
        futures.add(pool.submit(() -> {
          go.await();
          String fn = FUNCTIONS.get(n % FUNCTIONS.size());
          try {
            InvokeResponse r = lambda.invoke(b -> b.functionName(fn)
                .payload(SdkBytes.fromUtf8String("{\"value\": " + n + "}")));
            String body = r.payload().asUtf8String();
            if (r.functionError() == null && body.equals("\"echo " + n + "\"")) {
              ok.incrementAndGet();
            } else {
              wrong.add(fn + " #" + n + ": " + r.functionError() + " " + body);
            }
          } catch (TooManyRequestsException e) {
            if (e.statusCode() == 429 && "ConcurrentInvocationLimitExceeded".equals(e.reasonAsString())) {
              throttled.incrementAndGet();
            } else {
              wrong.add(fn + " #" + n + ": " + e.getMessage());
            }
          } catch (RuntimeException e) {
            wrong.add(fn + " #" + n + ": " + e);
          }
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return new Tally(ok.get(), throttled.get(), wrong);
  }

  /**
   * Live threads, but for the JDK's own "process reaper" threads, which it keeps in a cached pool for a
   * minute after the processes they waited for ended.
   */
  private static long threads() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> !t.getName().equals("process reaper")).count();
  }

  private static long openFiles() throws Exception {
    try (var fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }

  private static boolean within(Duration limit, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(100);
    }
    return condition.getAsBoolean();
  }

  @Test
  void twoHundredConcurrentInvocationsAreAnsweredOrThrottledAndNothingLeaks() throws Exception {
    // Warm up what the JVM creates once (the SDK's and the HTTP client's shared threads, class loading).
    LocalCloud warmup = LocalCloud.start(LocalCloudConfig.builder(dir.resolve("warmup")).build());
    try (LambdaClient lambda = client(warmup)) {
      lambda.listFunctions();
    }
    warmup.close();
    System.gc();
    long threadsBefore = threads();
    long filesBefore = openFiles();

    LocalCloud cloud = LocalCloud.start(LocalCloudConfig.builder(dir.resolve("cloud")).maxConcurrency(MAX_CONCURRENCY)
        .lambdaUpdateDelay(Duration.ofMillis(20)).build());
    Tally first;
    Tally second;
    long start = System.nanoTime();
    try (LambdaClient lambda = client(cloud)) {
      createFunctions(lambda);
      first = invokeAll(lambda, 200, 200);
      // Again, warm: the environments of the first round are reused.
      second = invokeAll(lambda, 200, 200);
    } finally {
      cloud.close();
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("Load: 2 x 200 concurrent invocations over 4 functions (limit %d) in %d ms: first %d answered,"
        + " %d throttled; second %d answered, %d throttled%n", MAX_CONCURRENCY, millis, first.ok(), first.throttled(),
        second.ok(), second.throttled());
    for (Tally t : List.of(first, second)) {
      assertThat(t.wrong()).isEmpty();
      assertThat(t.ok() + t.throttled()).isEqualTo(200);
      assertThat(t.ok()).isGreaterThanOrEqualTo(MAX_CONCURRENCY);
    }

    assertThat(within(Duration.ofSeconds(10), () -> ProcessHandle.current().descendants().findAny().isEmpty()))
        .as("no runtime process outlives the cloud: %s", ProcessHandle.current().descendants()
            .map(p -> p.pid() + " " + p.info().command().orElse("?")).toList())
        .isTrue();
    assertThat(within(Duration.ofSeconds(10), () -> threads() <= threadsBefore + 3))
        .as("threads before %d, after %d: %s", threadsBefore, threads(), Thread.getAllStackTraces().keySet().stream()
            .map(Thread::getName).sorted().toList())
        .isTrue();
    long filesAfter = openFiles();
    assertThat(within(Duration.ofSeconds(10), () -> {
      try {
        return openFiles() <= filesBefore + 5;
      } catch (Exception e) {
        return false;
      }
    })).as("file descriptors before %d, after %d", filesBefore, filesAfter).isTrue();
  }

  /**
   * {@code -Dreliability.slow=true}: 10,000 invocations (in waves of 100 concurrent callers) over the four
   * functions; the local cloud's heap after a full GC stays bounded.
   */
  @Test
  @Tag("slow")
  @EnabledIfSystemProperty(named = "reliability.slow", matches = "true")
  void tenThousandInvocationsKeepMemoryBounded() throws Exception {
    int total = Integer.getInteger("load.invocations", 10_000);
    LocalCloud cloud = LocalCloud.start(LocalCloudConfig.builder(dir.resolve("cloud")).maxConcurrency(MAX_CONCURRENCY)
        .lambdaUpdateDelay(Duration.ofMillis(20)).build());
    Map<Integer, Long> heapAt = new ConcurrentHashMap<>();
    long ok = 0;
    long throttled = 0;
    long start = System.nanoTime();
    try (LambdaClient lambda = client(cloud)) {
      createFunctions(lambda);
      for (int done = 0; done < total; done += 100) {
        Tally t = invokeAll(lambda, 100, 20);
        assertThat(t.wrong()).isEmpty();
        ok += t.ok();
        throttled += t.throttled();
        if (done % 2000 == 0) {
          System.gc();
          Runtime rt = Runtime.getRuntime();
          heapAt.put(done, (rt.totalMemory() - rt.freeMemory()) >> 20);
        }
      }
    } finally {
      cloud.close();
    }
    long seconds = (System.nanoTime() - start) / 1_000_000_000;
    System.out.printf("Soak: %d invocations in %d s: %d answered, %d throttled; heap after GC (MiB) by invocation: %s%n",
        total, seconds, ok, throttled, new java.util.TreeMap<>(heapAt));
    long early = heapAt.get(2000);
    long late = heapAt.entrySet().stream().max(Map.Entry.comparingByKey()).orElseThrow().getValue();
    assertThat(late).as("heap after GC, MiB").isLessThanOrEqualTo(early + 64);
  }
}
