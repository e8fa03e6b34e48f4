package io.github.lambdasdlc.local.lambda.execution;

import io.github.lambdasdlc.local.core.AwsError;
import io.github.lambdasdlc.local.lambda.ExecutableFunction;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

/**
 * A runtime started for a debugger on 127.0.0.1 at one port ({@code lambda-sdlc.debugPort}): the options
 * that make each family's process listen there and wait for a client, and the line that tells the user how
 * to attach. Loopback only: a debugger runs any code it likes in the function's process.
 */
final class Debugger {
  /** How long a port may stay taken (a runtime that was just stopped) before it counts as another program's. */
  private static final long PORT_WAIT_MILLIS = 5_000;

  private final int port;

  /** @param port the port, or 0 for no debugger */
  Debugger(int port) {
    this.port = port;
  }

  boolean enabled() {
    return port > 0;
  }

  int port() {
    return port;
  }

  /** The JVM's JDWP agent, listening on loopback and suspended until a debugger attaches. */
  List<String> jvmOptions() {
    return List.of("-agentlib:jdwp=transport=dt_socket,server=y,suspend=y,address=127.0.0.1:" + port);
  }

  /** The arguments that run a Python script under debugpy, waiting for a client. */
  List<String> debugpyArguments() {
    return List.of("-m", "debugpy", "--listen", "127.0.0.1:" + port, "--wait-for-client");
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
  String javaNotice(ExecutableFunction function) {
    return "Debugger: function " + function.functionName() + " (" + function.runtime() + ") waits for a debugger"
        + " on 127.0.0.1:" + port + " (JDWP, suspended until one attaches; " + lifted(function) + "). Attach with"
        + " IntelliJ IDEA: Run > Edit Configurations > + > Remote JVM Debug, host localhost, port " + port
        + "; VS Code: a launch configuration {\"type\": \"java\", \"request\": \"attach\", \"hostName\": \"127.0.0.1\","
        + " \"port\": " + port + "}; or jdb -attach 127.0.0.1:" + port + ".";
  }

  /** The same for a Python runtime under debugpy. */
  String pythonNotice(ExecutableFunction function) {
    return "Debugger: function " + function.functionName() + " (" + function.runtime() + ") waits for a debugger"
        + " on 127.0.0.1:" + port + " (debugpy, --wait-for-client; " + lifted(function) + "). Attach with VS Code:"
        + " a launch configuration {\"type\": \"debugpy\", \"request\": \"attach\", \"connect\": {\"host\":"
        + " \"127.0.0.1\", \"port\": " + port + "}}, or any client of the Debug Adapter Protocol.";
  }

  /** Why a Python function runs without one. */
  String noDebugpy(ExecutableFunction function, String interpreter) {
    return "Debugger: function " + function.functionName() + " (" + function.runtime() + ") runs without a debugger:"
        + " the Python interpreter " + interpreter + " has no debugpy module. Install it (" + interpreter
        + " -m pip install debugpy) to debug Python functions on 127.0.0.1:" + port + ".";
  }

  private static String lifted(ExecutableFunction function) {
    return "the function's " + function.timeout() + " s timeout is lifted while debugging; one environment at a time,"
        + " other invocations wait for it";
  }
}
