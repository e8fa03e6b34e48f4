package io.github.lambdasdlc.local.lambda.execution;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads one output stream of a runtime and hands it on line by line. A runtime writes its output before
 * it posts its response, so after the response {@link #drainAll} waits until the pump has handed on what
 * it read and sat blocked in a read for a moment (the pipe's own buffer cannot be asked from another
 * thread: the process stream locks it while reading), which puts every line in the invocation that wrote it.
 */
final class OutputPump implements Runnable {
  private final InputStream in;
  private final Consumer<String> lines;
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
  /** The settle time: a pump blocked this long in a read has handed on all that was written before. */
  private static final long QUIET_NANOS = 10_000_000;

  private volatile boolean reading;
  private volatile boolean ended;
  private volatile long lastActivity = System.nanoTime();

  OutputPump(InputStream in, Consumer<String> lines) {
    this.in = in;
    this.lines = lines;
  }

  static OutputPump start(InputStream in, Consumer<String> lines, String name) {
    OutputPump pump = new OutputPump(in, lines);
    Thread t = new Thread(pump, name);
    t.setDaemon(true);
    t.start();
    return pump;
  }

  @Override
  public void run() {
    byte[] buffer = new byte[8192];
    try {
      while (true) {
        reading = true;
        int n = in.read(buffer);
        reading = false;
        lastActivity = System.nanoTime();
        if (n < 0) {
          break;
        }
        synchronized (this) {
          for (int i = 0; i < n; i++) {
            if (buffer[i] == '\n') {
              emit();
            } else {
              partial.write(buffer[i]);
            }
          }
        }
        lastActivity = System.nanoTime();
      }
    } catch (IOException e) {
      // the process is gone
    } finally {
      reading = false;
      synchronized (this) {
        flushPartial();
        ended = true;
        notifyAll();
      }
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

  /** Hands on a line the runtime has not finished (no newline yet). */
  synchronized void flushPartial() {
    if (partial.size() > 0) {
      emit();
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
