package io.github.lambdasdlc.local.lambda.execution;

import io.github.lambdasdlc.local.logs.LogStreamWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Where an execution environment's output goes: everything its runtime prints goes to the log stream and
 * to the log of the invocation in progress (init output to the first invocation's). Stdout and stderr come
 * line by line, the framed log events of its telemetry pipe event by event, with their own timestamps. An
 * invocation's output ends when its runtime is back in {@code /next}: markers written then into the
 * runtime's pipes ({@link RuntimePipe}) come out after all it wrote (see {@link OutputPump}).
 */
final class RuntimeOutput {
  /**
   * How long after its answer a runtime may take to be back in {@code /next} and its output to be read: the
   * bound of a wait that normally takes a fraction of a millisecond (a flood of output takes longer).
   */
  private static final long END_OF_OUTPUT_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final RuntimeApiServer api;
  private final LogStreamWriter log;
  private final Clock clock;
  private final CompletableFuture<Integer> exit;
  private final OutputPump stdout;
  private final OutputPump stderr;
  /** The runtime's stdout, stderr and log pipes, or null where named pipes cannot be made. */
  private final RuntimePipe.Set pipes;
  private final OutputPump frames;
  /** The log lines of the invocation in progress (or of the init before it), else null. */
  private volatile List<String> sink = new ArrayList<>();

  RuntimeOutput(String name, ChildProcess process, RuntimeApiServer api, LogStreamWriter log, Clock clock,
      RuntimePipe.Set pipes) {
    this.api = api;
    this.log = log;
    this.clock = clock;
    this.pipes = pipes;
    if (pipes == null) {
      this.stdout = OutputPump.start(process.guard().getInputStream(), this::emit, name + "-stdout");
      this.stderr = OutputPump.start(process.guard().getErrorStream(), this::emit, name + "-stderr");
      this.frames = null;
    } else {
      this.stdout = OutputPump.start(pipes.stdout(), new OutputPump.Lines(this::emit), name + "-stdout");
      this.stderr = OutputPump.start(pipes.stderr(), new OutputPump.Lines(this::emit), name + "-stderr");
      this.frames = OutputPump.start(pipes.log(), new LogFrameDecoder(this::emit, this::emit), name + "-log-frames");
    }
    this.exit = process.guard().onExit().thenApply(Process::exitValue);
    if (pipes != null) {
      // The runtime is gone: its pipes end once what it started lets go of them too.
      exit.thenRun(pipes::closeWriters);
      api.ready().thenRun(pipes::unlink);
    }
  }

  /** The runtime's exit code, once it has exited. */
  CompletableFuture<Integer> exit() {
    return exit;
  }

  String logStreamName() {
    return log.stream();
  }

  /** Starts collecting an invocation's log lines; the init's output collected so far comes first. */
  List<String> beginInvocation() {
    List<String> lines = sink != null ? sink : new ArrayList<>();
    sink = lines;
    return lines;
  }

  /** Stops collecting the invocation's log lines; the log stream still gets all. */
  void endInvocation() {
    sink = null;
  }

  void emit(String line) {
    emit(clock.millis(), line);
  }

  void emit(long timestamp, String line) {
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
  void awaitEndOfOutput() throws InterruptedException {
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
  void awaitOutputEnd() {
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

  /** Once the runtime is stopped: its pipes go, the rest of its output is read, the log stream closes. */
  void close() {
    if (pipes != null) {
      pipes.release();
    }
    awaitOutputEnd();
    log.close();
  }
}
