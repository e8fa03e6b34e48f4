package io.github.lambdasdlc.local.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A main class of the test class path run in a child JVM, its output in a file. */
final class ChildJvm implements AutoCloseable {
  private final Process process;
  private final Path output;

  private ChildJvm(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  static ChildJvm start(Class<?> main, Path output, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // A child that only serves a few seconds: start fast rather than run fast.
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx256m",
        "-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    return new ChildJvm(p, output);
  }

  /** Waits for the child's {@code READY <endpoint>} line and returns the endpoint. */
  String awaitReady(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : Files.readAllLines(output)) {
        if (line.startsWith("READY ")) {
          return line.substring(6).trim();
        }
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("The child JVM ended before it was ready:\n" + Files.readString(output));
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("The child JVM was not ready within " + timeout + ":\n" + Files.readString(output));
  }

  /** SIGKILL on Unix: no shutdown hook, no close, no flush. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  Process process() {
    return process;
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
