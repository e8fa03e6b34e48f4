package io.github.lambdasdlc.local.lambda.execution;

import io.github.lambdasdlc.local.core.AwsError;
import io.github.lambdasdlc.local.core.LocalContext;
import io.github.lambdasdlc.local.lambda.ExecutableFunction;
import io.github.lambdasdlc.local.lambda.FunctionInvoker;
import io.github.lambdasdlc.local.lambda.InvocationRequest;
import io.github.lambdasdlc.local.lambda.InvocationResponse;
import io.github.lambdasdlc.local.logs.LogStreams;
import io.github.lambdasdlc.runtime.LambdaRuntime;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs Lambda functions locally the way Lambda does: each invocation runs in an execution environment
 * (a runtime process with its own Runtime API); the first invocation of an environment starts it (a cold
 * start), later ones reuse it while it is idle (warm); concurrent invocations get an environment each, up
 * to {@link io.github.lambdasdlc.local.core.LocalCloudConfig#maxConcurrency()} at once across all functions,
 * beyond which Invoke is throttled. A different {@link ExecutableFunction} for the same version (new code,
 * new configuration) gets new environments and the old ones are stopped.
 *
 * <p>State under the state directory: {@code execution/code/<sha>} (unpacked code, reused),
 * {@code execution/runtime/} (the runtime files children use), {@code logs/} (written through {@link LogStreams}).
 *
 * <p>Warnings (a Java runtime running on another JDK, a Python or Node.js version that differs) go to
 * {@code java.util.logging} under this class's name, or to the listener given.
 */
public final class ExecutionEngine implements FunctionInvoker {
  private static final Logger LOG = Logger.getLogger(ExecutionEngine.class.getName());
  /** How long a warm runtime may take to come back for its next event before it counts as gone. */
  private static final long WARM_READY_MILLIS = 2000;

  private final LocalContext context;
  private final Semaphore concurrency;
  /** With a debug port, one environment at a time: it holds the port, and invocations wait for it. */
  private final boolean debugging;
  private final RuntimeLauncher launcher;
  private final CodeCache code;
  private final LogStreams logs;
  private volatile Map<String, String> cloudVariables;
  private final Map<String, Pool> pools = new HashMap<>();
  private final Set<ExecutionEnvironment> environments = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /** The environments of one function version, for one snapshot of it. */
  private static final class Pool {
    ExecutableFunction function;
    final Deque<ExecutionEnvironment> idle = new ArrayDeque<>();

    Pool(ExecutableFunction function) {
      this.function = function;
    }
  }

  public ExecutionEngine(LocalContext context) {
    this(context, LOG::warning);
  }

  /** An engine that reports its warnings to {@code warnings} (once per cause). */
  public ExecutionEngine(LocalContext context, Consumer<String> warnings) {
    this.context = context;
    this.debugging = context.config().debugPort() > 0;
    this.concurrency = debugging ? new Semaphore(1, true) : new Semaphore(context.config().maxConcurrency());
    Path root = context.store().path("execution");
    Consumer<String> notices = context.config().notices() != null ? context.config().notices() : LOG::info;
    this.launcher = new RuntimeLauncher(root.resolve("runtime"), context.config(), warnings, notices);
    this.code = new CodeCache(root.resolve("code"));
    this.logs = LogStreams.of(context.store());
    this.cloudVariables = context.config().serviceEndpoints().variables();
  }

  /**
   * Points the AWS SDKs inside functions at the local cloud, now that it listens at {@code endpoint}: every new
   * environment gets {@code AWS_ENDPOINT_URL} (Lambda, CloudFormation and CloudWatch Logs are served there)
   * next to the {@code AWS_ENDPOINT_URL_<SERVICE>} of {@code serviceEndpoints}, which win for their services.
   */
  public void serveAt(URI endpoint) {
    Map<String, String> variables = new HashMap<>(context.config().serviceEndpoints().variables());
    variables.put("AWS_ENDPOINT_URL", endpoint.toString());
    this.cloudVariables = Map.copyOf(variables);
  }

  /** Where the functions' log streams are kept (the logs service's {@link LogStreams#directory()}). */
  public Path logsDirectory() {
    return logs.directory();
  }

  @Override
  public InvocationResponse invoke(ExecutableFunction function, InvocationRequest request) {
    if (closed) {
      throw new AwsError(500, "ServiceException", "The local cloud is shutting down.", false);
    }
    LambdaRuntime runtime = launcher.runtime(function.runtime());
    if (debugging) {
      try {
        concurrency.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AwsError(500, "ServiceException", "Interrupted while waiting for the environment being debugged.",
            false);
      }
    } else if (!concurrency.tryAcquire()) {
      throw new ThrottlingError(ThrottlingError.CONCURRENT_INVOCATION_LIMIT_EXCEEDED);
    }
    try {
      ExecutionEnvironment environment = checkOut(function, runtime);
      try {
        return environment.invoke(request);
      } finally {
        checkIn(environment);
      }
    } finally {
      concurrency.release();
    }
  }

  private ExecutionEnvironment checkOut(ExecutableFunction function, LambdaRuntime runtime) {
    List<ExecutionEnvironment> stale = new ArrayList<>();
    try {
      while (true) {
        ExecutionEnvironment warm = null;
        synchronized (pools) {
          Pool pool = pools.computeIfAbsent(key(function), k -> new Pool(function));
          if (!pool.function.equals(function)) {
            stale.addAll(pool.idle);
            pool.idle.clear();
            pool.function = function;
          }
          if (!pool.idle.isEmpty()) {
            warm = pool.idle.pop();
          }
        }
        if (warm == null) {
          break;
        }
        // Outside the lock: a runtime that has just answered may take a moment to ask for the next event.
        if (warm.readyForNext(WARM_READY_MILLIS)) {
          return warm;
        }
        stale.add(warm);
      }
      if (debugging) {
        // The idle environments of other functions and versions hold the debug port: free it.
        synchronized (pools) {
          pools.values().forEach(p -> {
            stale.addAll(p.idle);
            p.idle.clear();
          });
        }
      }
    } finally {
      stale.forEach(this::stop);
    }
    try {
      ExecutionEnvironment cold = ExecutionEnvironment.start(function, runtime, code.taskRoot(function), launcher,
          logs, context.region(), cloudVariables, context.clock());
      environments.add(cold);
      if (closed) {
        stop(cold);
        throw new AwsError(500, "ServiceException", "The local cloud is shutting down.", false);
      }
      return cold;
    } catch (UncheckedIOException e) {
      // The cause goes to the log only: a response never carries an exception's text.
      LOG.log(Level.WARNING, "Cannot start an execution environment for " + function.functionArn(), e);
      throw new AwsError(500, "ServiceException", "The local cloud cannot start an execution environment for "
          + function.functionArn() + ": the cause is in the local cloud's log.", false);
    }
  }

  private void checkIn(ExecutionEnvironment environment) {
    synchronized (pools) {
      Pool pool = pools.get(key(environment.function()));
      if (!closed && environment.usable() && pool != null && pool.function.equals(environment.function())) {
        pool.idle.push(environment);
        return;
      }
    }
    stop(environment);
  }

  @Override
  public void functionDeleted(String functionArn) {
    List<ExecutionEnvironment> gone = new ArrayList<>();
    synchronized (pools) {
      for (Iterator<Map.Entry<String, Pool>> it = pools.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<String, Pool> entry = it.next();
        if (entry.getValue().function.functionArn().equals(functionArn)) {
          gone.addAll(entry.getValue().idle);
          it.remove();
        }
      }
    }
    gone.forEach(this::stop);
  }

  /** Stops every environment, idle or busy; a busy invocation ends as its runtime is stopped. */
  @Override
  public void close() {
    closed = true;
    launcher.close();
    synchronized (pools) {
      pools.clear();
    }
    for (ExecutionEnvironment environment : List.copyOf(environments)) {
      stop(environment);
    }
  }

  private void stop(ExecutionEnvironment environment) {
    environments.remove(environment);
    environment.stop();
  }

  private static String key(ExecutableFunction function) {
    return function.functionArn() + ":" + function.version();
  }
}
