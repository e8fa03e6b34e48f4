package io.github.lambdasdlc.local.lambda.execution;

import static io.github.lambdasdlc.local.lambda.execution.TestFunctions.function;
import static io.github.lambdasdlc.local.lambda.execution.TestFunctions.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdasdlc.local.core.AwsError;
import io.github.lambdasdlc.local.core.LocalContext;
import io.github.lambdasdlc.local.lambda.ExecutableFunction;
import io.github.lambdasdlc.local.lambda.InvocationResponse;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A debug port: the function's JVM listens with JDWP on loopback, suspended until a debugger attaches; a
 * JDWP client (the handshake and a VirtualMachine.Resume command, a few bytes) attaches, and the invocation
 * completes, its timeout lifted; one environment at a time; the port is freed when the environment stops.
 */
class DebuggerTest {
  private static final String HANDLERS = "io.github.lambdasdlc.local.lambda.execution.handlers.";

  @TempDir
  Path dir;

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void aJdwpClientAttachesResumesAndTheInvocationCompletesPastItsTimeout() throws Exception {
    int port = freePort();
    List<String> notices = new CopyOnWriteArrayList<>();
    LocalContext context = TestFunctions.context(dir.resolve("state"), b -> b.debugPort(port).notices(notices::add));
    ExecutionEngine engine = new ExecutionEngine(context, w -> { });
    try {
      // Timeout 1 s, and the handler sleeps 3 s: only a lifted timeout lets it answer.
      ExecutableFunction fn = function(dir, "debugged", "java21", HANDLERS + "SleepingHandler::handleRequest",
          TestFunctions.javaHandlersZip(), 1, Map.of());
      CompletableFuture<InvocationResponse> first = CompletableFuture.supplyAsync(
          () -> engine.invoke(fn, request(fn, "{\"millis\": 3000}")));
      CompletableFuture<InvocationResponse> second = CompletableFuture.supplyAsync(
          () -> engine.invoke(fn, request(fn, "{\"millis\": 10}")));

      try (Socket jdwp = attach(port)) {
        resume(jdwp);
        InvocationResponse answered = first.get(120, TimeUnit.SECONDS);
        assertThat(answered.functionError()).isNull();
        assertThat(new String(answered.payload(), StandardCharsets.UTF_8)).isEqualTo("\"awake\"");
        // The second invocation waited for the one environment, and ran in it.
        assertThat(second.get(120, TimeUnit.SECONDS).functionError()).isNull();
      }
      assertThat(notices).hasSize(1);
      assertThat(notices.get(0)).startsWith("Debugger: function debugged (java21) waits for a debugger on 127.0.0.1:"
          + port + " (JDWP, suspended until one attaches; the function's 1 s timeout is lifted while debugging; one"
          + " environment at a time, other invocations wait for it)")
          .contains("Remote JVM Debug, host localhost, port " + port).contains("\"request\": \"attach\"")
          .contains("jdb -attach 127.0.0.1:" + port);
    } finally {
      engine.close();
      TestFunctions.closeContext(context);
    }
    // The environment stopped with the engine, and its JVM let go of the port.
    try (ServerSocket again = new ServerSocket()) {
      again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }
  }

  @Test
  void aPortHeldByAnotherProgramIsNamedWithItsSetting() throws Exception {
    try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = held.getLocalPort();
      LocalContext context = TestFunctions.context(dir.resolve("state"), b -> b.debugPort(port));
      ExecutionEngine engine = new ExecutionEngine(context, w -> { });
      try {
        ExecutableFunction fn = function(dir, "blocked", "java21", HANDLERS + "GreetingHandler::handleRequest",
            TestFunctions.javaHandlersZip(), 30, Map.of());
        assertThatThrownBy(() -> engine.invoke(fn, request(fn, "{\"name\": \"Ada\"}")))
            .isInstanceOf(AwsError.class)
            .hasMessageContaining("for a debugger on 127.0.0.1:" + port + " (lambda-sdlc.debugPort): another program"
                + " holds that port");
      } finally {
        engine.close();
        TestFunctions.closeContext(context);
      }
    }
  }

  @Test
  void aPythonFunctionRunsUnderDebugpyAndGoesOnWhenAClientAttaches() throws Exception {
    // Debian's python3-debugpy; the test needs an interpreter that has it.
    String python = "/usr/bin/python3";
    Assumptions.assumeTrue(new ProcessBuilder(python, "-c", "import debugpy").start().waitFor() == 0,
        python + " has no debugpy");
    int port = freePort();
    List<String> notices = new CopyOnWriteArrayList<>();
    LocalContext context = TestFunctions.context(dir.resolve("state"),
        b -> b.debugPort(port).notices(notices::add).pythonCommand(python));
    ExecutionEngine engine = new ExecutionEngine(context, w -> { });
    try {
      ExecutableFunction fn = function(dir, "py-debugged", "python3.11", "index.handler", TestFunctions.pythonZip(
          "index.py", "import time\ndef handler(event, context):\n    time.sleep(2)\n    return 'awake'\n"), 1, Map.of());
      CompletableFuture<InvocationResponse> invoked = CompletableFuture.supplyAsync(
          () -> engine.invoke(fn, request(fn, "{}")));
      try (Socket dap = connect(port)) {
        attachDebugAdapter(dap);
        InvocationResponse answered = invoked.get(120, TimeUnit.SECONDS);
        assertThat(answered.functionError()).isNull();
        assertThat(new String(answered.payload(), StandardCharsets.UTF_8)).isEqualTo("\"awake\"");
      }
      assertThat(notices).singleElement().asString().startsWith("Debugger: function py-debugged (python3.11) waits"
          + " for a debugger on 127.0.0.1:" + port + " (debugpy, --wait-for-client; the function's 1 s timeout is"
          + " lifted while debugging");
    } finally {
      engine.close();
      TestFunctions.closeContext(context);
    }
  }

  @Test
  void aPythonWithoutDebugpyRunsTheFunctionAndSaysWhy() throws Exception {
    String python = "python3";
    Assumptions.assumeTrue(new ProcessBuilder(python, "-c", "import debugpy").start().waitFor() != 0,
        python + " has debugpy");
    List<String> notices = new CopyOnWriteArrayList<>();
    LocalContext context = TestFunctions.context(dir.resolve("state"), b -> b.debugPort(5005).notices(notices::add));
    ExecutionEngine engine = new ExecutionEngine(context, w -> { });
    try {
      ExecutableFunction fn = function(dir, "py-plain", "python3.12", "index.handler", TestFunctions.pythonZip(
          "index.py", "def handler(event, context):\n    return 'plain'\n"), 30, Map.of());
      InvocationResponse answered = engine.invoke(fn, request(fn, "{}"));
      assertThat(new String(answered.payload(), StandardCharsets.UTF_8)).isEqualTo("\"plain\"");
      assertThat(notices).singleElement().asString().startsWith("Debugger: function py-plain (python3.12) runs"
          + " without a debugger: the Python interpreter ").contains("has no debugpy module. Install it (")
          .contains("-m pip install debugpy)");
    } finally {
      engine.close();
      TestFunctions.closeContext(context);
    }
  }

  /** A client of the Debug Adapter Protocol, as far as debugpy needs one to let the program run. */
  private static void attachDebugAdapter(Socket socket) throws IOException {
    sendDap(socket, 1, "initialize", "{\"adapterID\": \"test\", \"clientID\": \"test\"}");
    awaitDap(socket, "\"command\": \"initialize\"");
    // debugpy answers attach only once configuration is done: send both.
    sendDap(socket, 2, "attach", "{}");
    sendDap(socket, 3, "configurationDone", "{}");
  }

  private static void sendDap(Socket socket, int seq, String command, String arguments) throws IOException {
    byte[] body = ("{\"seq\": " + seq + ", \"type\": \"request\", \"command\": \"" + command + "\", \"arguments\": "
        + arguments + "}").getBytes(StandardCharsets.UTF_8);
    socket.getOutputStream().write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().write(body);
    socket.getOutputStream().flush();
  }

  /** Reads DAP messages until one contains {@code text}. */
  private static void awaitDap(Socket socket, String text) throws IOException {
    DataInputStream in = new DataInputStream(socket.getInputStream());
    while (true) {
      int length = -1;
      StringBuilder line = new StringBuilder();
      while (true) {
        int c = in.read();
        if (c < 0) {
          throw new IOException("the debug adapter closed the connection before sending " + text);
        }
        if (c == '\n') {
          String header = line.toString().trim();
          if (header.isEmpty()) {
            break;
          }
          if (header.startsWith("Content-Length:")) {
            length = Integer.parseInt(header.substring("Content-Length:".length()).trim());
          }
          line.setLength(0);
        } else {
          line.append((char) c);
        }
      }
      String body = new String(in.readNBytes(length), StandardCharsets.UTF_8).replace("\":\"", "\": \"");
      if (body.contains(text)) {
        return;
      }
    }
  }

  /** Connects once the runtime listens. */
  private static Socket connect(int port) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (true) {
      Socket socket = new Socket();
      try {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        socket.setSoTimeout(60_000);
        return socket;
      } catch (IOException e) {
        socket.close();
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  /** Connects once the JVM listens, and does JDWP's handshake: both sides send the same 14 bytes. */
  private static Socket attach(int port) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (true) {
      Socket socket = new Socket();
      try {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        socket.setSoTimeout(60_000);
        byte[] handshake = "JDWP-Handshake".getBytes(StandardCharsets.US_ASCII);
        socket.getOutputStream().write(handshake);
        byte[] back = new DataInputStream(socket.getInputStream()).readNBytes(handshake.length);
        assertThat(new String(back, StandardCharsets.US_ASCII)).isEqualTo("JDWP-Handshake");
        return socket;
      } catch (IOException e) {
        socket.close();
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  /**
   * Sends VirtualMachine.Resume (command set 1, command 9) and reads packets until its reply: the VM may send
   * its VM_START event first.
   */
  private static void resume(Socket socket) throws IOException {
    DataOutputStream out = new DataOutputStream(socket.getOutputStream());
    out.writeInt(11);
    out.writeInt(1);
    out.writeByte(0);
    out.writeByte(1);
    out.writeByte(9);
    out.flush();
    DataInputStream in = new DataInputStream(socket.getInputStream());
    while (true) {
      int length = in.readInt();
      int id = in.readInt();
      int flags = in.readUnsignedByte();
      byte[] rest = in.readNBytes(length - 9);
      if ((flags & 0x80) != 0 && id == 1) {
        int errorCode = ((rest[0] & 0xff) << 8) | (rest[1] & 0xff);
        assertThat(errorCode).as("the reply's error code").isZero();
        return;
      }
    }
  }
}
