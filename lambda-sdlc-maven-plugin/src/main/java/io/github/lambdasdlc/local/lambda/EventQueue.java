package io.github.lambdasdlc.local.lambda;

import io.github.lambdasdlc.local.core.AwsError;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Lambda's queue for asynchronous ({@code Event}) invocations, in memory. Invoke answers 202 once an event
 * is queued; as many workers as the local cloud's concurrency take events in turn and run them, so a burst
 * waits here instead of being throttled. What happens next is what Lambda documents:
 * <ul>
 *   <li>a function error (the function threw, timed out, its runtime died): retried up to the event's
 *       {@code MaximumRetryAttempts} (2 by default), the first retry after
 *       {@link io.github.lambdasdlc.local.core.LocalCloudConfig#asyncRetryDelay()} (AWS: about a minute), the
 *       second twice as late;</li>
 *   <li>throttling (429) or a failure of the local cloud (5xx): back to the queue with a backoff from 1 s
 *       doubling to 5 minutes, for as long as the event is younger than its {@code MaximumEventAgeInSeconds}
 *       (6 hours by default);</li>
 *   <li>an event that runs out of attempts or age, or whose function was deleted, is dropped and logged
 *       (its request id and function, never its payload): the local cloud has no dead-letter queues or
 *       destinations to send it to.</li>
 * </ul>
 * The queue holds at most {@link #MAX_EVENTS} events and {@link #MAX_BYTES} of payloads, waiting or running;
 * past that Invoke answers 429 {@code TooManyRequestsException} and the caller's SDK retries, so nothing is
 * lost silently. Events still queued when the local cloud stops are discarded (and counted in the log), as
 * the queue keeps nothing on disk.
 */
final class EventQueue implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(EventQueue.class.getName());
  /** Events waiting or running at most. */
  static final int MAX_EVENTS = 10_000;
  /** Their payloads at most (an event may have 1 MB). */
  static final long MAX_BYTES = 128L * 1024 * 1024;
  private static final long FIRST_BACKOFF_MILLIS = 1000;
  private static final long MAX_BACKOFF_MILLIS = Duration.ofMinutes(5).toMillis();

  /** How one event is retried: Lambda's {@code MaximumRetryAttempts} and {@code MaximumEventAgeInSeconds}. */
  record RetryPolicy(int maxRetryAttempts, Duration maxEventAge) {
  }

  /** One queued event and how it has fared. */
  private static final class Event {
    final FunctionInvoker runner;
    final ExecutableFunction function;
    final Supplier<ExecutableFunction> current;
    final InvocationRequest request;
    final RetryPolicy policy;
    final long queuedNanos = System.nanoTime();
    int attempts;
    int functionErrors;
    int backoffs;

    Event(FunctionInvoker runner, ExecutableFunction function, Supplier<ExecutableFunction> current,
        InvocationRequest request, RetryPolicy policy) {
      this.runner = runner;
      this.function = function;
      this.current = current;
      this.request = request;
      this.policy = policy;
    }

    long ageMillis() {
      return (System.nanoTime() - queuedNanos) / 1_000_000;
    }
  }

  private final ExecutorService workers;
  private final ScheduledExecutorService timer;
  private final Duration retryDelay;
  private final int maxEvents;
  private final long maxBytes;
  private int queued;
  private long queuedBytes;
  private volatile boolean closed;

  /**
   * @param workers how many events run at once
   * @param retryDelay the first retry after a function error (the second waits twice as long)
   */
  EventQueue(int workers, Duration retryDelay) {
    this(workers, MAX_EVENTS, MAX_BYTES, retryDelay);
  }

  EventQueue(int workers, int maxEvents, long maxBytes, Duration retryDelay) {
    this.maxEvents = maxEvents;
    this.maxBytes = maxBytes;
    this.workers = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
        daemons("lambda-event-invoke-"));
    ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, daemons("lambda-event-retry-"));
    scheduler.setRemoveOnCancelPolicy(true);
    this.timer = scheduler;
    this.retryDelay = retryDelay;
  }

  /**
   * Queues an event.
   *
   * @param function the function as it was resolved when the event was accepted
   * @param current the function as it is when an attempt starts (its code or configuration may have changed,
   *     an alias may route elsewhere), or null once it is deleted
   * @throws AwsError 429 TooManyRequestsException when the queue is full, 500 when the local cloud is stopping
   */
  void submit(FunctionInvoker runner, ExecutableFunction function, Supplier<ExecutableFunction> current,
      InvocationRequest request, RetryPolicy policy) {
    long size = request.payload().length;
    synchronized (this) {
      if (closed) {
        throw LambdaErrors.service("The local cloud is shutting down.");
      }
      if (queued >= maxEvents || queuedBytes + size > maxBytes) {
        LOG.warning("The local cloud's queue of asynchronous invocations is full (" + queued + " events, "
            + queuedBytes + " bytes): Invoke of " + function.functionArn() + " answered TooManyRequestsException.");
        throw new QueueFull();
      }
      queued++;
      queuedBytes += size;
    }
    dispatch(new Event(runner, function, current, request, policy), 0);
  }

  /** Events waiting or running. */
  synchronized int size() {
    return queued;
  }

  private void dispatch(Event event, long delayMillis) {
    try {
      if (delayMillis <= 0) {
        workers.execute(() -> attempt(event));
      } else {
        timer.schedule(() -> dispatch(event, 0), delayMillis, TimeUnit.MILLISECONDS);
      }
    } catch (RejectedExecutionException e) {
      // closing: counted among the discarded events
    }
  }

  private void attempt(Event event) {
    if (closed) {
      return;
    }
    if (event.ageMillis() > event.policy.maxEventAge().toMillis()) {
      drop(event, "it is older than its maximum event age of " + seconds(event.policy.maxEventAge()));
      return;
    }
    ExecutableFunction function = event.current.get();
    if (function == null) {
      drop(event, "its function was deleted");
      return;
    }
    event.attempts++;
    InvocationResponse response;
    try {
      response = event.runner.invoke(function, event.request);
    } catch (AwsError e) {
      if (closed) {
        return;
      }
      if (e.status() == 429 || e.status() >= 500) {
        backOff(event, e.code());
      } else {
        drop(event, "Lambda refused to run it (" + e.code() + ")");
      }
      return;
    } catch (RuntimeException e) {
      if (closed) {
        return;
      }
      // The class only: an exception's text may quote the function's configuration.
      LOG.fine("Asynchronous invocation " + event.request.requestId() + " failed in the local cloud: "
          + e.getClass().getName());
      backOff(event, "an internal error of the local cloud");
      return;
    }
    if (response.functionError() == null) {
      finished(event);
      return;
    }
    if (event.functionErrors >= event.policy.maxRetryAttempts()) {
      drop(event, "the function failed on every attempt (" + event.attempts + ", MaximumRetryAttempts "
          + event.policy.maxRetryAttempts() + ")");
      return;
    }
    event.functionErrors++;
    long delay = retryDelay.toMillis() * event.functionErrors;
    LOG.fine("Asynchronous invocation " + event.request.requestId() + " of " + event.function.functionArn()
        + " failed; retry " + event.functionErrors + " in " + delay + " ms");
    dispatch(event, delay);
  }

  /** Throttled or failed before the function ran: back to the queue, unless that outlives the event. */
  private void backOff(Event event, String why) {
    long delay = Math.min(MAX_BACKOFF_MILLIS, FIRST_BACKOFF_MILLIS << Math.min(event.backoffs, 20));
    event.backoffs++;
    if (event.ageMillis() + delay > event.policy.maxEventAge().toMillis()) {
      drop(event, "it would outlive its maximum event age of " + seconds(event.policy.maxEventAge())
          + " waiting for a retry (last answer: " + why + ")");
      return;
    }
    LOG.fine("Asynchronous invocation " + event.request.requestId() + " of " + event.function.functionArn()
        + " back in the queue for " + delay + " ms: " + why);
    dispatch(event, delay);
  }

  private void drop(Event event, String why) {
    LOG.warning("Dropped the asynchronous invocation " + event.request.requestId() + " of "
        + event.function.functionArn() + " after " + event.attempts + " attempt(s) in " + event.ageMillis() / 1000
        + " s: " + why + ". The local cloud has no dead-letter queues or destinations to send it to.");
    finished(event);
  }

  private synchronized void finished(Event event) {
    queued--;
    queuedBytes -= event.request.payload().length;
  }

  /** Stops the workers (an event running ends as its environment is stopped) and discards the queue. */
  @Override
  public void close() {
    int left;
    synchronized (this) {
      closed = true;
      left = queued;
    }
    timer.shutdownNow();
    workers.shutdownNow();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (left > 0) {
      LOG.warning("Discarded " + left + " asynchronous invocation(s) still queued or running as the local cloud"
          + " stopped: its queue is kept in memory only.");
    }
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format(java.util.Locale.ROOT, "%.1f s",
        d.toMillis() / 1000.0);
  }

  private static ThreadFactory daemons(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Lambda's throttling answer, here for a full queue; the SDKs retry it with backoff. */
  static final class QueueFull extends AwsError {
    QueueFull() {
      super(429, "TooManyRequestsException", "Rate Exceeded.");
    }

    @Override
    public java.util.Map<String, String> details() {
      return java.util.Map.of("Reason", "ConcurrentInvocationLimitExceeded");
    }
  }
}
