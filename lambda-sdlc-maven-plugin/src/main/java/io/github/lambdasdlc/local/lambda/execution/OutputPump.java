package io.github.lambdasdlc.local.lambda.execution;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads one output stream of a runtime and hands on what it holds: lines (stdout, stderr) or framed log
 * events ({@link LogFrameDecoder}). A runtime writes its output before it posts its response, so after the
 * response {@link #drainAll} waits until the pump has handed on what it read and sat blocked in a read for
 * a moment (the pipe's own buffer cannot be asked from another thread: the process stream locks it while
 * reading), which puts every event in the invocation that wrote it.
 */
final class OutputPump implements Runnable {
  /** Turns the bytes of a stream into events. Called by the pump's thread, or under the pump's lock. */
  interface Decoder {
    void accept(byte[] buffer, int length);

    /** The invocation's output is drained: hand on what is pending if it stands on its own (a line). */
    void flush();

    /** The stream ended: hand on whatever is left. */
    default void end() {
      flush();
    }
  }

  /** Opens the stream to pump; called on the pump's own thread (opening a named pipe may wait for its writer). */
  interface Source {
    InputStream open() throws IOException;
  }

  private final Source source;
  private final Decoder decoder;
  /** The settle time: a pump blocked this long in a read has handed on all that was written before. */
  private static final long QUIET_NANOS = 10_000_000;

  private volatile boolean reading;
  private volatile boolean ended;
  private volatile long lastActivity = System.nanoTime();

  OutputPump(Source source, Decoder decoder) {
    this.source = source;
    this.decoder = decoder;
  }

  /** Pumps {@code in} line by line to {@code lines}. */
  static OutputPump start(InputStream in, Consumer<String> lines, String name) {
    return start(() -> in, new Lines(lines), name);
  }

  static OutputPump start(Source source, Decoder decoder, String name) {
    OutputPump pump = new OutputPump(source, decoder);
    Thread t = new Thread(pump, name);
    t.setDaemon(true);
    t.start();
    return pump;
  }

  @Override
  public void run() {
    byte[] buffer = new byte[8192];
    // Waiting to open counts as waiting to read: nothing is written before the stream is open.
    reading = true;
    try (InputStream in = source.open()) {
      while (true) {
        reading = true;
        int n = in.read(buffer);
        reading = false;
        lastActivity = System.nanoTime();
        if (n < 0) {
          break;
        }
        synchronized (this) {
          decoder.accept(buffer, n);
        }
        lastActivity = System.nanoTime();
      }
    } catch (IOException e) {
      // the process is gone
    } finally {
      reading = false;
      synchronized (this) {
        decoder.end();
        ended = true;
        notifyAll();
      }
    }
  }

  /** Hands on what the runtime has not finished, if it stands on its own (a line without its newline). */
  synchronized void flushPartial() {
    decoder.flush();
  }

  /** Whether the stream has ended (its writers closed it, or it could not be opened). */
  boolean ended() {
    return ended;
  }

  /** Splits a stream into lines, without their line breaks ({@code \n} or {@code \r\n}). */
  static final class Lines implements Decoder {
    private final Consumer<String> lines;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    Lines(Consumer<String> lines) {
      this.lines = lines;
    }

    @Override
    public void accept(byte[] buffer, int length) {
      int from = 0;
      for (int i = 0; i < length; i++) {
        if (buffer[i] == '\n') {
          partial.write(buffer, from, i - from);
          emit();
          from = i + 1;
        }
      }
      partial.write(buffer, from, length - from);
    }

    @Override
    public void flush() {
      if (partial.size() > 0) {
        emit();
      }
    }

    private void emit() {
      String line = partial.toString(StandardCharsets.UTF_8);
      partial.reset();
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      lines.accept(line);
    }
  }

  /**
   * Waits until what the runtime wrote so far to each pump's stream has been handed on (each pump has
   * been blocked in a read for the settle time, or its stream has ended), for at most {@code maxMillis}.
   * The pumps settle together, so stdout and stderr cost one settle time per invocation, not two.
   */
  static void drainAll(long maxMillis, OutputPump... pumps) {
    long begin = System.nanoTime();
    long end = begin + maxMillis * 1_000_000;
    while (System.nanoTime() < end) {
      boolean settled = true;
      for (OutputPump pump : pumps) {
        settled &= pump.settledSince(begin);
      }
      if (settled) {
        break;
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    for (OutputPump pump : pumps) {
      pump.flushPartial();
    }
  }

  /**
   * Ended, or blocked in a read and quiet for the settle time, counted from {@code begin} too: a pump
   * blocked since long ago may not have woken up yet for what was just written.
   */
  private boolean settledSince(long begin) {
    return ended || (reading && System.nanoTime() - Math.max(lastActivity, begin) >= QUIET_NANOS);
  }

  /** Waits for the stream's end (the process exited), for at most {@code maxMillis}. */
  synchronized void awaitEnd(long maxMillis) {
    long end = System.currentTimeMillis() + maxMillis;
    while (!ended) {
      long left = end - System.currentTimeMillis();
      if (left <= 0) {
        return;
      }
      try {
        wait(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
