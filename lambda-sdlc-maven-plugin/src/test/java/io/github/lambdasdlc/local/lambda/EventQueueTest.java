package io.github.lambdasdlc.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdasdlc.local.core.AwsError;
import io.github.lambdasdlc.local.lambda.execution.ThrottlingError;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The queue of asynchronous invocations on its own, with runners that fail as told (the end-to-end behaviour
 * through the SDK is in {@link LambdaAsyncInvokeTest}).
 */
class EventQueueTest {
  static final ExecutableFunction FUNCTION = new ExecutableFunction("fn", "arn:aws:lambda:us-east-1:000000000000:function:fn",
      "$LATEST", "python3.12", "index.handler", 128, 3, Map.of(), Path.of("code.zip"), "sha", "x86_64", "rev");
  static final EventQueue.RetryPolicy DEFAULTS = new EventQueue.RetryPolicy(2, Duration.ofHours(6));

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
  EventQueue queue;

  @BeforeEach
  void listen() {
    Logger.getLogger(EventQueue.class.getName()).addHandler(capture);
  }

  @AfterEach
  void stop() {
    if (queue != null) {
      queue.close();
    }
    Logger.getLogger(EventQueue.class.getName()).removeHandler(capture);
  }

  static InvocationRequest event(String payload) {
    return new InvocationRequest(UUID.randomUUID().toString(), FUNCTION.functionArn(),
        payload.getBytes(StandardCharsets.UTF_8), "Event", false, null);
  }

  /** A runner that answers with {@code outcome(request id, attempt)}. */
  static final class Runner implements FunctionInvoker {
    final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    final java.util.function.BiFunction<InvocationRequest, Integer, InvocationResponse> outcome;

    Runner(java.util.function.BiFunction<InvocationRequest, Integer, InvocationResponse> outcome) {
      this.outcome = outcome;
    }

    @Override
    public InvocationResponse invoke(ExecutableFunction function, InvocationRequest request) {
      int attempt = attempts.computeIfAbsent(request.requestId(), k -> new AtomicInteger()).incrementAndGet();
      return outcome.apply(request, attempt);
    }

    int total() {
      return attempts.values().stream().mapToInt(AtomicInteger::get).sum();
    }
  }

  static InvocationResponse ok() {
    return new InvocationResponse("null".getBytes(StandardCharsets.UTF_8), null, "", "$LATEST");
  }

  static InvocationResponse failed() {
    return new InvocationResponse("{}".getBytes(StandardCharsets.UTF_8), "Unhandled", "", "$LATEST");
  }

  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  @Test
  void throttledEventsGoBackToTheQueueAndRun() throws Exception {
    queue = new EventQueue(2, Duration.ofMillis(50));
    Runner runner = new Runner((request, attempt) -> {
      if (attempt <= 2) {
        throw new ThrottlingError(ThrottlingError.CONCURRENT_INVOCATION_LIMIT_EXCEEDED);
      }
      return ok();
    });
    for (int i = 0; i < 5; i++) {
      queue.submit(runner, FUNCTION, () -> FUNCTION, event("{}"), DEFAULTS);
    }
    await(() -> queue.size() == 0, "the throttled events to run");
    assertThat(runner.attempts).hasSize(5).allSatisfy((id, n) -> assertThat(n.get()).isEqualTo(3));
    assertThat(logged).isEmpty();
  }

  @Test
  void functionErrorsAreRetriedUpToMaximumRetryAttemptsThenDroppedAndLoggedWithoutThePayload() throws Exception {
    queue = new EventQueue(2, Duration.ofMillis(50));
    Runner runner = new Runner((request, attempt) -> failed());
    InvocationRequest event = event("{\"card\":\"4111-SECRET\"}");
    queue.submit(runner, FUNCTION, () -> FUNCTION, event, DEFAULTS);
    InvocationRequest once = event("{}");
    queue.submit(runner, FUNCTION, () -> FUNCTION, once, new EventQueue.RetryPolicy(0, Duration.ofHours(6)));
    await(() -> queue.size() == 0, "the failing events to be dropped");
    assertThat(runner.attempts.get(event.requestId())).hasValue(3);
    assertThat(runner.attempts.get(once.requestId())).hasValue(1);
    assertThat(logged).hasSize(2).allMatch(l -> l.startsWith("Dropped the asynchronous invocation "))
        .noneMatch(l -> l.contains("4111-SECRET"));
    assertThat(logged).anyMatch(l -> l.contains(event.requestId()) && l.contains("after 3 attempt(s)")
        && l.contains("the function failed on every attempt"));
  }

  @Test
  void eventsThatOutliveTheirMaximumAgeAreDropped() throws Exception {
    queue = new EventQueue(1, Duration.ofMillis(50));
    Runner runner = new Runner((request, attempt) -> {
      throw new ThrottlingError(ThrottlingError.CONCURRENT_INVOCATION_LIMIT_EXCEEDED);
    });
    queue.submit(runner, FUNCTION, () -> FUNCTION, event("{}"), new EventQueue.RetryPolicy(2, Duration.ofMillis(1500)));
    await(() -> queue.size() == 0, "the event to expire");
    assertThat(runner.total()).isEqualTo(2); // at once, then after 1 s; a 2 s wait would outlive it
    assertThat(logged).singleElement().asString().contains("maximum event age").contains("TooManyRequestsException");
  }

  @Test
  void eventsOfADeletedFunctionAreDropped() throws Exception {
    queue = new EventQueue(1, Duration.ofMillis(50));
    Runner runner = new Runner((request, attempt) -> ok());
    queue.submit(runner, FUNCTION, () -> null, event("{}"), DEFAULTS);
    await(() -> queue.size() == 0, "the event to be dropped");
    assertThat(runner.total()).isZero();
    assertThat(logged).singleElement().asString().contains("its function was deleted");
  }

  @Test
  void aFullQueueAnswersTooManyRequestsAndTakesEventsAgainOnceItDrains() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    queue = new EventQueue(1, 2, 1024, Duration.ofMillis(50));
    Runner runner = new Runner((request, attempt) -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return ok();
    });
    queue.submit(runner, FUNCTION, () -> FUNCTION, event("{}"), DEFAULTS);
    queue.submit(runner, FUNCTION, () -> FUNCTION, event("{}"), DEFAULTS);
    assertThatThrownBy(() -> queue.submit(runner, FUNCTION, () -> FUNCTION, event("{}"), DEFAULTS))
        .isInstanceOfSatisfying(AwsError.class, e -> {
          assertThat(e.status()).isEqualTo(429);
          assertThat(e.code()).isEqualTo("TooManyRequestsException");
        });
    release.countDown();
    await(() -> queue.size() == 0, "the queue to drain");
    queue.submit(runner, FUNCTION, () -> FUNCTION, event("x".repeat(1000)), DEFAULTS);
    await(() -> queue.size() == 0, "the queue to drain again");
    assertThat(runner.total()).isEqualTo(3);
  }

  @Test
  void closeStopsTheWorkersAndSaysWhatWasDiscarded() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    AtomicInteger started = new AtomicInteger();
    queue = new EventQueue(2, Duration.ofMillis(50));
    Runner runner = new Runner((request, attempt) -> {
      started.incrementAndGet();
      try {
        never.await();
      } catch (InterruptedException e) {
        throw new IllegalStateException("interrupted");
      }
      return ok();
    });
    for (int i = 0; i < 3; i++) {
      queue.submit(runner, FUNCTION, () -> FUNCTION, event("{}"), DEFAULTS);
    }
    await(() -> started.get() == 2, "two events to run");
    queue.close();
    await(() -> Thread.getAllStackTraces().keySet().stream()
        .noneMatch(t -> t.isAlive() && t.getName().startsWith("lambda-event-")), "the queue's threads to end");
    assertThat(logged).containsExactly("Discarded 3 asynchronous invocation(s) still queued or running as the local"
        + " cloud stopped: its queue is kept in memory only.");
    assertThatThrownBy(() -> queue.submit(runner, FUNCTION, () -> FUNCTION, event("{}"), DEFAULTS))
        .isInstanceOfSatisfying(AwsError.class, e -> assertThat(e.status()).isEqualTo(500));
    queue = null;
  }
}
