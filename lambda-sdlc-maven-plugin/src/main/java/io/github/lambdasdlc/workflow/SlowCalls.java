package io.github.lambdasdlc.workflow;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;

/**
 * Says so while a single call takes longer than a few seconds (an Invoke of a slow function, an upload, an
 * endpoint that does not answer): a line after {@link WaitProgress#FIRST}, then one each interval, until the
 * call ends. One daemon timer thread per {@link AwsClients}, started with its first slow call.
 */
final class SlowCalls implements ExecutionInterceptor {
  private static final ExecutionAttribute<ScheduledFuture<?>> TICKER = new ExecutionAttribute<>("lambda-sdlc.slowCall");

  private final Target target;
  private final WorkflowListener listener;
  private final Duration every;
  private ScheduledExecutorService timer;

  SlowCalls(Target target, WorkflowListener listener, Duration every) {
    this.target = target;
    this.listener = listener;
    this.every = every;
  }

  Duration every() {
    return every;
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    String what = context.request() instanceof InvokeRequest invoke
        ? "function " + invoke.functionName() + " to answer (Invoke on " + target.describe() + ")"
        : operation + " on " + target.describe();
    long start = System.nanoTime();
    long first = Math.min(WaitProgress.FIRST.toMillis(), every.toMillis());
    ScheduledFuture<?> ticker = timer().scheduleAtFixedRate(
        () -> listener.info("Still waiting for " + what + ": " + WaitProgress.seconds(System.nanoTime() - start)
            + " so far"), first, every.toMillis(), TimeUnit.MILLISECONDS);
    attributes.putAttribute(TICKER, ticker);
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    stop(attributes);
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    stop(attributes);
  }

  private static void stop(ExecutionAttributes attributes) {
    ScheduledFuture<?> ticker = attributes.getAttribute(TICKER);
    if (ticker != null) {
      ticker.cancel(false);
    }
  }

  private synchronized ScheduledExecutorService timer() {
    if (timer == null) {
      timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lambda-sdlc-slow-calls");
        t.setDaemon(true);
        return t;
      });
    }
    return timer;
  }

  synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
