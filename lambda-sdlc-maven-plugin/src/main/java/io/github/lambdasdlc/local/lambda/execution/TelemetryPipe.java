package io.github.lambdasdlc.local.lambda.execution;

import io.github.lambdasdlc.local.core.OwnerOnly;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The named pipe through which a runtime hands its framed log events to the local cloud. Lambda gives a
 * runtime a file descriptor for them and names it in {@code _LAMBDA_TELEMETRY_LOG_FD}; a Java
 * {@link ProcessBuilder} cannot give a child any descriptor beyond 0, 1 and 2, so the guard shell of
 * {@link ChildProcess} opens this pipe as the runtime's descriptor {@value #FD}, and a pump of the
 * environment reads it ({@link LogFrameDecoder}). The pipe's name is removed as soon as both ends are
 * open: only the runtime (and what it starts with the descriptor) can write to it, and its end closes the
 * pipe.
 */
final class TelemetryPipe {
  /** The runtime's descriptor for framed log events: the one Lambda's own supervisors use. */
  static final int FD = 3;
  static final String VARIABLE = "_LAMBDA_TELEMETRY_LOG_FD";

  private final Path path;
  private volatile boolean opened;

  private TelemetryPipe(Path path) {
    this.path = path;
  }

  /**
   * Makes a new pipe in {@code dir} (readable and writable by its owner only) with the system's
   * {@code mkfifo}; Java has no call for it.
   *
   * @throws IOException when it cannot be made (no {@code mkfifo}, a file system without named pipes)
   */
  static TelemetryPipe create(Path dir) throws IOException {
    OwnerOnly.createDirectories(dir);
    Path path = dir.resolve("log-" + UUID.randomUUID());
    Process mkfifo = new ProcessBuilder(mkfifo(), "-m", "600", path.toString()).redirectErrorStream(true).start();
    mkfifo.getOutputStream().close();
    String output = new String(mkfifo.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    try {
      if (!mkfifo.waitFor(20, TimeUnit.SECONDS)) {
        mkfifo.destroyForcibly();
        throw new IOException("mkfifo did not finish within 20 seconds");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while making a named pipe", e);
    }
    if (mkfifo.exitValue() != 0 || !Files.exists(path)) {
      throw new IOException("mkfifo failed with exit status " + mkfifo.exitValue() + (output.isEmpty() ? "" : ": " + output));
    }
    return new TelemetryPipe(path);
  }

  /**
   * Removes the pipes of runtimes of a local cloud that was killed before it could (the state directory's
   * lock makes this cloud its only user, so every pipe found when it starts is a leftover).
   */
  static void removeLeftovers(Path dir) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (java.util.stream.Stream<Path> pipes = Files.list(dir)) {
      for (Path p : pipes.filter(p -> p.getFileName().toString().startsWith("log-")).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a leftover pipe is only clutter
    }
  }

  private static String mkfifo() {
    for (String candidate : new String[] {"/usr/bin/mkfifo", "/bin/mkfifo"}) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    return "mkfifo";
  }

  Path path() {
    return path;
  }

  /**
   * Opens the reading end. It waits until the guard shell has opened the writing end (which it does
   * before it starts the runtime), then removes the pipe's name.
   */
  InputStream open() throws IOException {
    FileInputStream in = new FileInputStream(path.toFile());
    opened = true;
    Files.deleteIfExists(path);
    return in;
  }

  /**
   * Lets a reader still waiting in {@link #open} go (the guard shell died before it opened the pipe): a
   * moment's writer lets the open return, and its close is the end of the stream. Then removes the name.
   */
  void release() {
    try {
      if (!opened && Files.exists(path)) {
        // Opening a pipe for reading and writing never waits (Linux): this is the writer the reader waits for.
        try (RandomAccessFile writer = new RandomAccessFile(path.toFile(), "rw")) {
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
          while (!opened && System.nanoTime() < deadline) {
            Thread.sleep(1);
          }
        }
      }
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // nothing is waiting on a pipe that cannot be opened
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
