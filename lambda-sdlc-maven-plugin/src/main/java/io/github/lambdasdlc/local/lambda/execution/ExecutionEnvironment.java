package io.github.lambdasdlc.local.lambda.execution;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.local.core.Json;
import io.github.lambdasdlc.local.lambda.ExecutableFunction;
import io.github.lambdasdlc.local.lambda.InvocationRequest;
import io.github.lambdasdlc.local.lambda.InvocationResponse;
import io.github.lambdasdlc.local.logs.LogStreamWriter;
import io.github.lambdasdlc.local.logs.LogStreams;
import io.github.lambdasdlc.runtime.LambdaRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One execution environment: a runtime process, its Runtime API, and its log stream. It initialises on
 * its first invocation (a cold start), then serves one invocation at a time until it is stopped or its
 * runtime dies. Everything the runtime prints goes to the log stream and to the log of the invocation in
 * progress (init output to the first invocation's), between Lambda's START, END and REPORT lines: stdout
 * and stderr line by line, the framed log events of its telemetry pipe event by event, with their own
 * timestamps. An invocation's output ends when its runtime is back in {@code /next}: markers written then
 * into the runtime's pipes ({@link RuntimePipe}) come out after all it wrote (see {@link OutputPump}).
 */
final class ExecutionEnvironment {
  /** Lambda gives a function's initialisation 10 seconds before it counts against the invocation. */
  static final long INIT_LIMIT_MILLIS = 10_000;
  /**
   * How long after its answer a runtime may take to be back in {@code /next} and its output to be read: the
   * bound of a wait that normally takes a fraction of a millisecond (a flood of output takes longer).
   */
  private static final long END_OF_OUTPUT_NANOS = TimeUnit.SECONDS.toNanos(5);

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter STREAM_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

  private final ExecutableFunction function;
  private final RuntimeApiServer api;
  private final ChildProcess process;
  private final LogStreamWriter log;
  private final Clock clock;
  private final long startNanos;
  private final OutputPump stdout;
  private final OutputPump stderr;
  /** The runtime's stdout, stderr and log pipes, or null where named pipes cannot be made. */
  private final RuntimePipe.Set pipes;
  private final OutputPump frames;
  private final CompletableFuture<Integer> exit;
  private volatile List<String> sink;
  private boolean initialized;
  private volatile boolean broken;
  private volatile boolean stopped;
  private final PeakMemory memory;
  private volatile RuntimeLauncher.FirstInvocation firstInvocation;
  /** Waiting for (or held by) a debugger: the function's timeout and the init limit are lifted. */
  private volatile boolean debugging;
  /** Lambda's message when the function's entrypoint (a bootstrap) cannot be started, else null. */
  private volatile String invalidEntrypoint;

  private ExecutionEnvironment(ExecutableFunction function, RuntimeApiServer api, ChildProcess process,
      LogStreamWriter log, Clock clock, long startNanos, List<String> initLog, RuntimePipe.Set pipes) {
    this.function = function;
    this.api = api;
    this.process = process;
    this.memory = new PeakMemory(process);
    this.log = log;
    this.clock = clock;
    this.startNanos = startNanos;
    this.sink = initLog;
    String name = "lambda-" + function.functionName();
    this.pipes = pipes;
    if (pipes == null) {
      this.stdout = OutputPump.start(process.guard().getInputStream(), this::output, name + "-stdout");
      this.stderr = OutputPump.start(process.guard().getErrorStream(), this::output, name + "-stderr");
      this.frames = null;
    } else {
      this.stdout = OutputPump.start(pipes.stdout(), new OutputPump.Lines(this::output), name + "-stdout");
      this.stderr = OutputPump.start(pipes.stderr(), new OutputPump.Lines(this::output), name + "-stderr");
      this.frames = OutputPump.start(pipes.log(), new LogFrameDecoder(this::emit, this::output), name + "-log-frames");
    }
    this.exit = process.guard().onExit().thenApply(Process::exitValue);
    if (pipes != null) {
      // The runtime is gone: its pipes end once what it started lets go of them too.
      exit.thenRun(pipes::closeWriters);
      api.ready().thenRun(pipes::unlink);
    }
  }

  /** Starts the runtime process of a new environment; it initialises while the first invocation waits. */
  static ExecutionEnvironment start(ExecutableFunction function, LambdaRuntime runtime, Path taskRoot,
      RuntimeLauncher launcher, LogStreams logs, String region, Map<String, String> cloudVariables, Clock clock) {
    RuntimeLauncher.Launch launch = launcher.launch(runtime, function, taskRoot);
    String group = "/aws/lambda/" + function.functionName();
    String stream = STREAM_DATE.format(clock.instant()) + "/[" + function.version() + "]"
        + UUID.randomUUID().toString().replace("-", "");
    RuntimeApiServer api;
    try {
      api = RuntimeApiServer.start("lambda-" + function.functionName());
    } catch (IOException e) {
      launch.firstInvocation().never();
      throw new UncheckedIOException("Cannot start a Runtime API for " + function.functionArn(), e);
    }
    ChildProcess process = null;
    RuntimePipe.Set pipes = null;
    try {
      Map<String, String> env = LambdaEnvironmentVariables.build(function, launcher.executionEnv(runtime),
          launch.environment(), cloudVariables, region, api.address(), taskRoot, launch.runtimeDir(), group, stream, launch.path());
      pipes = launcher.outputPipes();
      if (pipes != null) {
        pipes.open();
        env.put(RuntimePipe.VARIABLE, Integer.toString(RuntimePipe.FD));
      }
      Files.createDirectories(launch.runtimeDir());
      long startNanos = System.nanoTime();
      process = pipes == null ? ChildProcess.start(launch.command(), taskRoot, env)
          : ChildProcess.start(launch.command(), taskRoot, env, pipes);
      ExecutionEnvironment environment = new ExecutionEnvironment(function, api, process,
          logs.open(group, stream), clock, startNanos, new ArrayList<>(), pipes);
      environment.firstInvocation = launch.firstInvocation();
      environment.debugging = launch.debugging();
      environment.invalidEntrypoint = launch.invalidEntrypoint();
      return environment;
    } catch (IOException e) {
      abandonStart(process, api, pipes, launch);
      throw new UncheckedIOException("Cannot start the runtime of " + function.functionArn() + ": " + e.getMessage(), e);
    } catch (RuntimeException | Error e) {
      abandonStart(process, api, pipes, launch);
      throw e;
    }
  }

  /** Whatever failed during a start, nothing of the environment stays behind: no runtime, no Runtime API. */
  private static void abandonStart(ChildProcess process, RuntimeApiServer api, RuntimePipe.Set pipes,
      RuntimeLauncher.Launch launch) {
    if (process != null) {
      process.kill();
    }
    api.close();
    if (pipes != null) {
      pipes.release();
    }
    launch.firstInvocation().never();
  }

  ExecutableFunction function() {
    return function;
  }

  String logStreamName() {
    return log.stream();
  }

  /** Whether it can take another invocation. */
  boolean usable() {
    return !broken && !stopped && process.isAlive();
  }

  /**
   * Whether a warm environment can take an invocation now: its runtime is back in {@code /next} within
   * {@code maxMillis}. One whose runtime is on its way out after the last answer is not, and so no
   * invocation is handed to a runtime that is about to die.
   */
  boolean readyForNext(long maxMillis) {
    long deadline = System.nanoTime() + maxMillis * 1_000_000;
    try {
      while (usable()) {
        if (api.awaitNextRequest(20)) {
          return usable();
        }
        if (System.nanoTime() > deadline) {
          return false;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  /** Runs one invocation; never throws for what the function or its runtime did. */
  InvocationResponse invoke(InvocationRequest request) {
    String id = request.requestId();
    List<String> lines = sink != null ? sink : new ArrayList<>();
    sink = lines;
    Double initMillis = null;
    try {
      if (!initialized) {
        initMillis = awaitInit();
        Failure initFailure = initFailure(id, initMillis);
        if (initFailure != null) {
          return finish(lines, id, 0, initMillis, initFailure.payload, initFailure.statusFields);
        }
        initialized = true;
      }
      emit("START RequestId: " + id + " Version: " + function.version());
      long timeoutMillis = function.timeout() * 1000L;
      long startMillis = clock.millis();
      RuntimeApiServer.Invocation invocation = new RuntimeApiServer.Invocation(id,
          request.payload() == null ? new byte[0] : request.payload(),
          request.invokedFunctionArn() != null ? request.invokedFunctionArn() : function.functionArn(),
          startMillis + timeoutMillis, traceId(), decodeClientContext(request.clientContext()));
      long t0 = System.nanoTime();
      api.offer(invocation);
      try {
        CompletableFuture.anyOf(invocation.outcome, exit).get(debugging ? Long.MAX_VALUE : timeoutMillis,
            TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        // handled below
      }
      double millis = (System.nanoTime() - t0) / 1e6;
      api.abandon(invocation);
      if (invocation.outcome.isDone()) {
        awaitEndOfOutput();
        memory.sample();
        RuntimeApiServer.Outcome outcome = invocation.outcome.join();
        firstInvocationAnswered();
        if (outcome instanceof RuntimeApiServer.Success success) {
          return finish(lines, id, millis, initMillis, success.payload(), null, null);
        }
        RuntimeApiServer.Failure failure = (RuntimeApiServer.Failure) outcome;
        return finish(lines, id, millis, initMillis, failure.payload(), "Unhandled", null);
      }
      if (exit.isDone()) {
        broken = true;
        awaitOutputEnd();
        String message = "RequestId: " + id + " Error: Runtime exited with error: "
            + ChildProcess.describeExit(exit.join());
        emit(message);
        emit("Runtime.ExitError");
        return finish(lines, id, millis, initMillis, errorDocument("Runtime.ExitError", message), "Unhandled",
            "Status: error\tError Type: Runtime.ExitError");
      }
      broken = true;
      memory.sample();
      process.kill();
      awaitOutputEnd();
      emit(TIMESTAMP.format(clock.instant()) + " " + id + " Task timed out after "
          + String.format(Locale.ROOT, "%.2f", function.timeout() * 1.0) + " seconds");
      return finish(lines, id, millis, initMillis, errorDocument("Sandbox.Timedout", "RequestId: " + id
          + " Error: Task timed out after " + String.format(Locale.ROOT, "%.2f", function.timeout() * 1.0)
          + " seconds"), "Unhandled", "Status: timeout");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      broken = true;
      throw new IllegalStateException("Interrupted while invoking " + function.functionArn(), e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      sink = null;
      if (broken) {
        stop();
      }
    }
  }

  /** Tells the launch (once) that the runtime answered; it may then make a class-data-sharing archive. */
  private synchronized void firstInvocationAnswered() {
    RuntimeLauncher.FirstInvocation then = firstInvocation;
    if (then != null) {
      firstInvocation = null;
      then.answered();
    }
  }

  /** A failed initialisation's outcome: the payload for the caller and the REPORT's status. */
  private record Failure(byte[] payload, String statusFields) {
  }

  private double awaitInit() throws InterruptedException, ExecutionException {
    long limit = debugging ? Long.MAX_VALUE : INIT_LIMIT_MILLIS + function.timeout() * 1000L;
    try {
      CompletableFuture.anyOf(api.ready(), api.initError(), exit).get(limit, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // handled by the caller
    }
    return (System.nanoTime() - startNanos) / 1e6;
  }

  private Failure initFailure(String id, double initMillis) {
    if (api.ready().isDone() && !api.initError().isDone()) {
      memory.sample();
      return null;
    }
    broken = true;
    String initReport = "INIT_REPORT Init Duration: " + ms(initMillis) + "\tPhase: init\t";
    if (api.initError().isDone()) {
      RuntimeApiServer.Failure failure = api.initError().join();
      // The runtime exits after reporting; its last words belong to this log.
      try {
        exit.get(2, TimeUnit.SECONDS);
      } catch (Exception e) {
        // stopped below
      }
      awaitOutputEnd();
      emit(initReport + "Status: error\tError Type: " + failure.errorType());
      emit("START RequestId: " + id + " Version: " + function.version());
      return new Failure(failure.payload(), "Status: error\tError Type: " + failure.errorType());
    }
    if (exit.isDone()) {
      awaitOutputEnd();
      String type = invalidEntrypoint == null ? "Runtime.ExitError" : "Runtime.InvalidEntrypoint";
      emit(initReport + "Status: error\tError Type: " + type);
      emit("START RequestId: " + id + " Version: " + function.version());
      String message = "RequestId: " + id + " Error: " + (invalidEntrypoint == null
          ? "Runtime exited with error: " + ChildProcess.describeExit(exit.join()) : invalidEntrypoint);
      emit(message);
      emit(type);
      return new Failure(errorDocument(type, message), "Status: error\tError Type: " + type);
    }
    memory.sample();
    process.kill();
    awaitOutputEnd();
    emit(initReport + "Status: timeout");
    emit("START RequestId: " + id + " Version: " + function.version());
    String seconds = String.format(Locale.ROOT, "%.2f", function.timeout() * 1.0);
    emit(TIMESTAMP.format(clock.instant()) + " " + id + " Task timed out after " + seconds + " seconds");
    return new Failure(errorDocument("Sandbox.Timedout", "RequestId: " + id + " Error: Task timed out after "
        + seconds + " seconds"), "Status: timeout");
  }

  private InvocationResponse finish(List<String> lines, String id, double millis, Double initMillis, byte[] payload,
      String statusFields) {
    return finish(lines, id, millis, initMillis, payload, "Unhandled", statusFields);
  }

  private InvocationResponse finish(List<String> lines, String id, double millis, Double initMillis, byte[] payload,
      String functionError, String statusFields) {
    emit("END RequestId: " + id);
    // Since August 2025 Lambda bills a managed runtime's on-demand initialisation too.
    long billed = (long) Math.ceil(millis + (initMillis == null ? 0 : initMillis));
    StringBuilder report = new StringBuilder("REPORT RequestId: ").append(id)
        .append("\tDuration: ").append(ms(millis))
        .append("\tBilled Duration: ").append(Math.max(billed, 1)).append(" ms")
        .append("\tMemory Size: ").append(function.memorySize()).append(" MB")
        .append("\tMax Memory Used: ").append(memory.maxMb()).append(" MB\t");
    if (initMillis != null) {
      report.append("Init Duration: ").append(ms(initMillis)).append('\t');
    }
    if (statusFields != null) {
      report.append(statusFields);
    }
    emit(report.toString());
    String text;
    synchronized (lines) {
      text = String.join("\n", lines) + "\n";
    }
    return new InvocationResponse(payload, functionError, text, function.version());
  }

  /** Milliseconds with two decimals, as the REPORT line gives them (without String.format: it runs per line). */
  static String ms(double millis) {
    long hundredths = Math.round(Math.max(0, millis) * 100);
    long cents = hundredths % 100;
    return (hundredths / 100) + (cents < 10 ? ".0" : ".") + cents + " ms";
  }

  private static byte[] errorDocument(String type, String message) {
    ObjectNode doc = Json.MAPPER.createObjectNode();
    doc.put("errorType", type);
    doc.put("errorMessage", message);
    try {
      return Json.MAPPER.writeValueAsBytes(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A line of the runtime's output. */
  private void output(String line) {
    emit(line);
  }

  private void emit(String line) {
    emit(clock.millis(), line);
  }

  private void emit(long timestamp, String line) {
    log.append(timestamp, line);
    List<String> current = sink;
    if (current != null) {
      synchronized (current) {
        current.add(line);
      }
    }
  }

  /**
   * Waits until all the runtime wrote for the invocation that it answered has been handed on: it is back in
   * {@code /next} (the runtime interface clients log an error after posting it), then a marker through each
   * of its pipes comes out after all it wrote before. Without pipes, or should the runtime not come back,
   * its streams are drained until they are quiet instead.
   */
  private void awaitEndOfOutput() throws InterruptedException {
    long deadline = System.nanoTime() + END_OF_OUTPUT_NANOS;
    if (pipes != null && backInNext(deadline)) {
      long out = stdout.mark();
      long err = stderr.mark();
      long log = frames.mark();
      if (out > 0 && err > 0 && log > 0 && stdout.awaitMark(out, deadline) && stderr.awaitMark(err, deadline)
          && frames.awaitMark(log, deadline)) {
        return;
      }
    }
    if (exit.isDone()) {
      awaitOutputEnd(); // it answered, then exited: all it wrote is before its streams' end
    } else if (frames == null) {
      OutputPump.drainAll(200, stdout, stderr);
    } else {
      OutputPump.drainAll(200, stdout, stderr, frames);
    }
  }

  /** Whether the runtime asks for its next event before {@code deadlineNanos} (false if it exits). */
  private boolean backInNext(long deadlineNanos) throws InterruptedException {
    while (!exit.isDone()) {
      if (api.awaitNextRequest(20)) {
        return true;
      }
      if (System.nanoTime() > deadlineNanos) {
        return false;
      }
    }
    return false;
  }

  /** Waits for the end of the runtime's streams (it exited, or was killed), for at most a second each. */
  private void awaitOutputEnd() {
    if (pipes != null) {
      pipes.closeWriters();
    }
    stdout.awaitEnd(1000);
    stderr.awaitEnd(1000);
    if (frames != null) {
      frames.awaitEnd(1000);
    }
    stdout.flushPartial();
    stderr.flushPartial();
  }

  /** An X-Ray trace header as Lambda passes it to the runtime. */
  private String traceId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    byte[] root = new byte[12];
    byte[] parent = new byte[8];
    r.nextBytes(root);
    r.nextBytes(parent);
    return "Root=1-" + Long.toHexString(clock.millis() / 1000) + "-" + HexFormat.of().formatHex(root) + ";Parent="
        + HexFormat.of().formatHex(parent) + ";Sampled=0";
  }

  /** The caller's client context arrives base64-encoded; the runtime gets the JSON itself. */
  private static String decodeClientContext(String clientContext) {
    if (clientContext == null || clientContext.isEmpty()) {
      return null;
    }
    try {
      return new String(Base64.getDecoder().decode(clientContext), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null; // the control plane checked it; never a raw header value for the runtime
    }
  }

  /** Stops the runtime and its Runtime API; the log stream keeps what was written. */
  synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    RuntimeLauncher.FirstInvocation unanswered = firstInvocation;
    firstInvocation = null;
    if (unanswered != null) {
      unanswered.never();
    }
    // The runtime goes first: were its Runtime API closed under it, it would log a failed "next" call with a
    // stack trace into the function's log stream, which Lambda's own shutdown never does.
    process.kill();
    api.close();
    if (pipes != null) {
      pipes.release();
    }
    awaitOutputEnd();
    log.close();
  }
}
