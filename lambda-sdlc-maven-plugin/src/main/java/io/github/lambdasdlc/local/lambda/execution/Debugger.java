package io.github.lambdasdlc.local.lambda.execution;

import io.github.lambdasdlc.local.core.AwsError;
import io.github.lambdasdlc.local.lambda.ExecutableFunction;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A runtime started for a debugger on 127.0.0.1 at one port ({@code lambda-sdlc.debugPort}): each family
 * says which arguments after its interpreter make its process listen there and wait for a client
 * ({@link RuntimeFamily#debugMode}); this adds them to the launch, once the port is free, and tells the user
 * how to attach. Loopback only: a debugger runs any code it likes in the function's process.
 */
final class Debugger {
  /**
   * How a family's runtime waits for a debugger: the arguments that go right after its interpreter, and the
   * line that says where and how to attach; or, when it cannot, null arguments and the line that says why.
   */
  record Mode(List<String> arguments, String notice) {
    static Mode unavailable(String why) {
      return new Mode(null, why);
    }
  }

  /** How long a port may stay taken (a runtime that was just stopped) before it counts as another program's. */
  private static final long PORT_WAIT_MILLIS = 5_000;

  private final int port;
  private final Consumer<String> notices;

  /** @param port the port, or 0 for no debugger */
  Debugger(int port, Consumer<String> notices) {
    this.port = port;
    this.notices = notices;
  }

  /**
   * The launch with the family's debugger arguments after its interpreter, said in one line; the launch as it
   * is, and why, when the family cannot wait for a debugger.
   */
  RuntimeLauncher.Launch apply(RuntimeFamily family, ExecutableFunction function, RuntimeLauncher.Launch launch) {
    Mode mode = family.debugMode(this, function, launch);
    if (mode.arguments() == null) {
      notices.accept(mode.notice());
      return launch;
    }
    awaitPortFree(function);
    List<String> command = new ArrayList<>(launch.command());
    command.addAll(1, mode.arguments());
    notices.accept(mode.notice());
    return new RuntimeLauncher.Launch(command, launch.path(), launch.runtimeDir(), launch.firstInvocation(),
        launch.environment(), launch.invalidEntrypoint(), true);
  }

  boolean enabled() {
    return port > 0;
  }

  int port() {
    return port;
  }

  /** A JVM with JDWP's agent, listening on loopback and suspended until a debugger attaches. */
  Mode jdwp(ExecutableFunction function) {
    return new Mode(List.of("-agentlib:jdwp=transport=dt_socket,server=y,suspend=y,address=127.0.0.1:" + port),
        javaNotice(function));
  }

  /** A Python script under debugpy, waiting for a client. */
  Mode debugpy(ExecutableFunction function) {
    return new Mode(List.of("-m", "debugpy", "--listen", "127.0.0.1:" + port, "--wait-for-client"),
        pythonNotice(function));
  }

  /** A Node.js script under the inspector, stopped before its first line until a client attaches. */
  Mode inspector(ExecutableFunction function) {
    return new Mode(List.of("--inspect-brk=127.0.0.1:" + port), "Debugger: function " + function.functionName()
        + " (" + function.runtime() + ") waits for a debugger on 127.0.0.1:" + port + " (node --inspect-brk; "
        + lifted(function) + "). Attach with VS Code: a launch configuration {\"type\": \"node\", \"request\":"
        + " \"attach\", \"address\": \"127.0.0.1\", \"port\": " + port + "}; Chrome: chrome://inspect, Configure"
        + " 127.0.0.1:" + port + "; IntelliJ IDEA: an Attach to Node.js/Chrome configuration on port " + port
        + "; or node inspect 127.0.0.1:" + port + ".");
  }

  /** Why a runtime runs without a debugger. */
  Mode without(ExecutableFunction function, String why) {
    return Mode.unavailable("Debugger: function " + function.functionName() + " (" + function.runtime() + ") runs"
        + " without a debugger: " + why);
  }

  /**
   * Waits for the port to be free: the previous environment's runtime lets go of it as it exits.
   *
   * @throws AwsError naming the port and the setting when another program keeps it
   */
  void awaitPortFree(ExecutableFunction function) {
    long deadline = System.nanoTime() + PORT_WAIT_MILLIS * 1_000_000;
    while (true) {
      try (ServerSocket probe = new ServerSocket()) {
        probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return;
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw new AwsError(500, "ServiceException", "The local cloud cannot start function "
              + function.functionName() + " for a debugger on 127.0.0.1:" + port + " (lambda-sdlc.debugPort): another"
              + " program holds that port. Stop it (a debugger session still listening, say), or choose another port.",
              false);
        }
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AwsError(500, "ServiceException", "Interrupted while waiting for port " + port, false);
      }
    }
  }

  /** What the user reads when a Java runtime starts: where it waits, and how to attach. */
  private String javaNotice(ExecutableFunction function) {
    return "Debugger: function " + function.functionName() + " (" + function.runtime() + ") waits for a debugger"
        + " on 127.0.0.1:" + port + " (JDWP, suspended until one attaches; " + lifted(function) + "). Attach with"
        + " IntelliJ IDEA: Run > Edit Configurations > + > Remote JVM Debug, host localhost, port " + port
        + "; VS Code: a launch configuration {\"type\": \"java\", \"request\": \"attach\", \"hostName\": \"127.0.0.1\","
        + " \"port\": " + port + "}; or jdb -attach 127.0.0.1:" + port + ".";
  }

  /** The same for a Python runtime under debugpy. */
  private String pythonNotice(ExecutableFunction function) {
    return "Debugger: function " + function.functionName() + " (" + function.runtime() + ") waits for a debugger"
        + " on 127.0.0.1:" + port + " (debugpy, --wait-for-client; " + lifted(function) + "). Attach with VS Code:"
        + " a launch configuration {\"type\": \"debugpy\", \"request\": \"attach\", \"connect\": {\"host\":"
        + " \"127.0.0.1\", \"port\": " + port + "}}, or any client of the Debug Adapter Protocol.";
  }

  /** Why a Python function runs without one. */
  Mode noDebugpy(ExecutableFunction function, String interpreter) {
    return without(function, "the Python interpreter " + interpreter + " has no debugpy module. Install it ("
        + interpreter + " -m pip install debugpy) to debug Python functions on 127.0.0.1:" + port + ".");
  }

  private static String lifted(ExecutableFunction function) {
    return "the function's " + function.timeout() + " s timeout is lifted while debugging; one environment at a time,"
        + " other invocations wait for it";
  }
}
