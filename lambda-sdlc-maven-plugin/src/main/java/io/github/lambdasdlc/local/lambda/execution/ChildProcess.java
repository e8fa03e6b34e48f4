package io.github.lambdasdlc.local.lambda.execution;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A runtime process that cannot outlive the local cloud. The command runs under a small POSIX shell
 * guard whose standard input is a pipe held by this JVM: when this JVM ends for any reason (even
 * SIGKILL) the pipe closes, the guard reads end-of-file and kills the runtime. The guard exits with the
 * runtime's exit status, so the runtime's own exit is seen as the guard's.
 *
 * <p>The child starts with exactly the environment given: nothing of this JVM's environment leaks in.
 */
final class ChildProcess {
  /**
   * Runs "$@" with stdin from /dev/null, and a watcher reading the guard's stdin (saved as fd 4, because
   * a background job's stdin is otherwise /dev/null) that kills the runtime at end-of-file. $1, $2 and $3
   * are named pipes for the runtime's framed log events, stdout and stderr, opened as its fds 3, 1 and 2
   * (see {@link RuntimePipe}; read-write, so that opening never waits for the reader), or empty for the
   * guard's own (none for fd 3). The guard runs with the function's
   * own environment, whose PATH may hold anything (Lambda lets a function set PATH): it uses shell
   * built-ins only ({@code read}, {@code kill}, {@code [}), never a command looked up through PATH.
   */
  static final String GUARD = String.join("\n",
      // the shell's own variables are not the runtime's
      "unset PWD OLDPWD SHLVL",
      "exec 4<&0",
      "if [ -n \"$1\" ]; then exec 3<>\"$1\"; fi",
      "if [ -n \"$2\" ]; then exec 1<>\"$2\"; fi",
      "if [ -n \"$3\" ]; then exec 2<>\"$3\"; fi",
      "shift 3",
      "\"$@\" </dev/null 4<&- &",
      "child=$!",
      "exec 3>&-",
      "{ while read -r _; do :; done; kill -9 \"$child\"; } <&4 >/dev/null 2>&1 &",
      "exec 4<&-",
      "wait \"$child\"",
      "exit $?");

  private final Process guard;
  private final OutputStream lifeline;

  private ChildProcess(Process guard) {
    this.guard = guard;
    this.lifeline = guard.getOutputStream();
  }

  /** Starts {@code command} in {@code workDir} with exactly {@code environment}. */
  static ChildProcess start(List<String> command, Path workDir, Map<String, String> environment) throws IOException {
    return start(command, workDir, environment, (Path) null);
  }

  /**
   * Starts {@code command} in {@code workDir} with exactly {@code environment}, and {@code logPipe} (a
   * named pipe, or null) open as its descriptor {@value RuntimePipe#FD}.
   */
  static ChildProcess start(List<String> command, Path workDir, Map<String, String> environment, Path logPipe)
      throws IOException {
    return start(command, workDir, environment, logPipe, null, null);
  }

  /**
   * Starts {@code command} in {@code workDir} with exactly {@code environment}, with {@code pipes}' named
   * pipes open as its stdout, stderr and descriptor {@value RuntimePipe#FD}.
   */
  static ChildProcess start(List<String> command, Path workDir, Map<String, String> environment, RuntimePipe.Set pipes)
      throws IOException {
    return start(command, workDir, environment, pipes.log().path(), pipes.stdout().path(), pipes.stderr().path());
  }

  private static ChildProcess start(List<String> command, Path workDir, Map<String, String> environment,
      Path logPipe, Path stdoutPipe, Path stderrPipe) throws IOException {
    List<String> full = new ArrayList<>();
    full.add(shell());
    full.add("-c");
    full.add(GUARD);
    full.add("lambda-runtime");
    full.add(logPipe == null ? "" : logPipe.toString());
    full.add(stdoutPipe == null ? "" : stdoutPipe.toString());
    full.add(stderrPipe == null ? "" : stderrPipe.toString());
    full.addAll(command);
    checkEnvironment(environment);
    ProcessBuilder pb = new ProcessBuilder(full).directory(workDir.toFile());
    pb.environment().clear();
    pb.environment().putAll(environment);
    if (stdoutPipe != null) {
      pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    }
    if (stderrPipe != null) {
      pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    }
    return new ChildProcess(pb.start());
  }

  /**
   * Refuses what no process environment can hold, naming the variable but never its value: the JDK's own
   * refusal quotes the value, which may be a secret.
   */
  private static void checkEnvironment(Map<String, String> environment) throws IOException {
    for (Map.Entry<String, String> e : environment.entrySet()) {
      String key = e.getKey();
      boolean badKey = key.isEmpty() || key.indexOf('=') >= 0 || key.indexOf('\0') >= 0;
      if (badKey || e.getValue() == null || e.getValue().indexOf('\0') >= 0) {
        String name = key.matches("[A-Za-z0-9_]+") ? key : "with an invalid name";
        throw new IOException("The environment variable " + name + " cannot be passed to a process: "
            + (badKey ? "its name is empty or holds '=' or NUL" : "its value holds a NUL character"));
      }
    }
  }

  private static String shell() {
    return Files.isExecutable(Path.of("/bin/sh")) ? "/bin/sh" : "sh";
  }

  Process guard() {
    return guard;
  }

  /** The runtime process itself (the guard's child), once it has started. */
  Optional<ProcessHandle> runtime() {
    // The guard's other child is the watcher, a forked copy of the shell itself.
    Optional<String> shell = guard.info().command();
    return guard.toHandle().children().filter(p -> !p.info().command().equals(shell)).findFirst();
  }

  boolean isAlive() {
    return guard.isAlive();
  }

  /** Kills the runtime and everything it started, and waits briefly for the guard to go. */
  void kill() {
    List<ProcessHandle> all = guard.toHandle().descendants().toList();
    all.forEach(ProcessHandle::destroyForcibly);
    guard.destroyForcibly();
    closeLifeline();
    try {
      guard.waitFor(5, TimeUnit.SECONDS);
      // Gone, not merely signalled: callers go on as if the runtime no longer exists. The runtime is the
      // guard's child, not ours: the JDK watches such a process by sleeping 300 ms and more between looks
      // (ProcessHandle.onExit), and a killed process whose parent died too stays a zombie until init reaps
      // it, which some inits do only every second or two. A zombie has exited and let go of its memory and
      // files, so it counts as gone; polling for that made a stop take milliseconds instead of 1-2 s.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      for (ProcessHandle p : all) {
        while (!exited(p) && System.nanoTime() < deadline) {
          Thread.sleep(1);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // a process that will not die within seconds of SIGKILL is beyond our reach
  }

  /** Whether a process has exited: it is gone, or a zombie waiting to be reaped (state Z or X in /proc). */
  static boolean exited(ProcessHandle p) {
    if (!p.isAlive()) {
      return true;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
      // pid (comm) state ...: comm may hold spaces and parentheses, so the state follows the last ')'.
      int close = stat.lastIndexOf(')');
      char state = close >= 0 && close + 2 < stat.length() ? stat.charAt(close + 2) : '?';
      return state == 'Z' || state == 'X';
    } catch (IOException | RuntimeException e) {
      return !p.isAlive(); // no /proc (not Linux), or it just went
    }
  }

  /** Lets the guard's watcher end (it kills the runtime if that is still running). */
  void closeLifeline() {
    try {
      lifeline.close();
    } catch (IOException e) {
      // already closed
    }
  }

  /**
   * How a runtime's end reads in Lambda's messages ("exit status 1", "signal: killed"): a shell reports
   * death by signal N as status 128+N.
   */
  static String describeExit(int status) {
    if (status > 128 && status < 160) {
      String name = switch (status - 128) {
        case 1 -> "hangup";
        case 2 -> "interrupt";
        case 3 -> "quit";
        case 4 -> "illegal instruction";
        case 6 -> "aborted";
        case 7 -> "bus error";
        case 8 -> "floating point exception";
        case 9 -> "killed";
        case 11 -> "segmentation fault";
        case 13 -> "broken pipe";
        case 15 -> "terminated";
        default -> null;
      };
      if (name != null) {
        return "signal: " + name;
      }
    }
    return "exit status " + status;
  }
}
