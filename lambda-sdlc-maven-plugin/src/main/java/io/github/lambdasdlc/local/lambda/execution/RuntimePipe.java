package io.github.lambdasdlc.local.lambda.execution;

import io.github.lambdasdlc.local.core.OwnerOnly;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A named pipe through which a runtime hands output to the local cloud: its stdout, its stderr, or its
 * framed log events. Lambda gives a runtime a file descriptor for the latter and names it in
 * {@code _LAMBDA_TELEMETRY_LOG_FD}; a Java {@link ProcessBuilder} cannot give a child any descriptor
 * beyond 0, 1 and 2, nor keep the writing end of a child's stdout, so the guard shell of
 * {@link ChildProcess} opens these pipes as the runtime's descriptors 1, 2 and {@value #FD}, and a pump
 * of the environment reads each ({@link OutputPump}). The local cloud keeps a writing end of its own: a
 * marker it writes once the runtime is back in {@code /next} arrives after everything the runtime wrote
 * for the invocation, which tells exactly where an invocation's output ends. The pipe's name is removed once
 * the runtime is up ({@link #unlink}): only the runtime (and what it starts with the descriptor) and the
 * local cloud can write to it then; its end of the stream comes when the runtime's ends and the local
 * cloud's ({@link #closeWriter}) are closed.
 */
final class RuntimePipe {
  /** The runtime's descriptor for framed log events: the one Lambda's own supervisors use. */
  static final int FD = 3;
  static final String VARIABLE = "_LAMBDA_TELEMETRY_LOG_FD";

  /** A runtime's pipes: stdout, stderr and framed log events. */
  record Set(RuntimePipe stdout, RuntimePipe stderr, RuntimePipe log) {
    /** Makes the three with one {@code mkfifo}. */
    static Set create(Path dir) throws IOException {
      List<RuntimePipe> pipes = RuntimePipe.create(dir, 3);
      return new Set(pipes.get(0), pipes.get(1), pipes.get(2));
    }

    /** Opens the local cloud's ends of all three (see {@link RuntimePipe#open}). */
    void open() throws IOException {
      stdout.open();
      stderr.open();
      log.open();
    }

    void unlink() {
      stdout.unlink();
      stderr.unlink();
      log.unlink();
    }

    void release() {
      stdout.release();
      stderr.release();
      log.release();
    }

    void closeWriters() {
      stdout.closeWriter();
      stderr.closeWriter();
      log.closeWriter();
    }
  }

  private final Path path;
  private FileInputStream reader;
  private RandomAccessFile writer;
  private boolean writerClosed;

  private RuntimePipe(Path path) {
    this.path = path;
  }

  /**
   * Makes a new pipe in {@code dir} (readable and writable by its owner only) with the system's
   * {@code mkfifo}; Java has no call for it.
   *
   * @throws IOException when it cannot be made (no {@code mkfifo}, a file system without named pipes)
   */
  static RuntimePipe create(Path dir) throws IOException {
    return create(dir, 1).get(0);
  }

  /** Makes {@code count} new pipes in {@code dir} with one {@code mkfifo} (a process start costs milliseconds). */
  static List<RuntimePipe> create(Path dir, int count) throws IOException {
    OwnerOnly.createDirectories(dir);
    List<String> command = new ArrayList<>(List.of(mkfifo(), "-m", "600"));
    List<RuntimePipe> pipes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Path path = dir.resolve("log-" + UUID.randomUUID());
      command.add(path.toString());
      pipes.add(new RuntimePipe(path));
    }
    Process mkfifo = new ProcessBuilder(command).redirectErrorStream(true).start();
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
    if (mkfifo.exitValue() != 0 || !pipes.stream().allMatch(p -> Files.exists(p.path))) {
      for (RuntimePipe p : pipes) {
        Files.deleteIfExists(p.path);
      }
      throw new IOException("mkfifo failed with exit status " + mkfifo.exitValue() + (output.isEmpty() ? "" : ": " + output));
    }
    return pipes;
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
   * Opens the local cloud's ends, never waiting: first its writing end (read-write, which Linux opens at
   * once), then the reading end, which needs a writer. Called before the runtime starts, so that nothing the
   * runtime writes is ever lost (a pipe without open ends drops what it holds, and a runtime may write and
   * exit before a pump's thread runs); later calls return the same stream.
   */
  synchronized InputStream open() throws IOException {
    if (reader == null) {
      if (writerClosed) {
        throw new IOException("The pipe " + path + " is released");
      }
      RandomAccessFile ownEnd = new RandomAccessFile(path.toFile(), "rw");
      try {
        reader = new FileInputStream(path.toFile());
      } catch (IOException e) {
        ownEnd.close();
        throw e;
      }
      writer = ownEnd;
    }
    return reader;
  }

  /** Removes the pipe's name once the runtime has opened its ends: nothing else can open the pipe then. */
  void unlink() {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // a leftover name is only clutter, removed when the next local cloud starts
    }
  }

  /**
   * Writes {@code bytes} after what the runtime has written so far; false when it cannot (not open, or its
   * writing end closed). Writes of up to 4 KiB to a pipe are never interleaved with another writer's.
   */
  boolean write(byte[] bytes) {
    RandomAccessFile out;
    synchronized (this) {
      out = writer;
    }
    if (out == null) {
      return false;
    }
    try {
      out.write(bytes);
      return true;
    } catch (IOException e) {
      return false; // closed meanwhile: the runtime is gone
    }
  }

  /** Closes the local cloud's writing end: the stream ends when the runtime's ends are closed too. */
  void closeWriter() {
    RandomAccessFile out;
    synchronized (this) {
      writerClosed = true;
      out = writer;
      writer = null;
    }
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        // already gone
      }
    }
  }

  /** The pipe is no longer needed: closes the local cloud's writing end (its reader then meets the end) and removes the name. */
  void release() {
    closeWriter();
    unlink();
  }
}
