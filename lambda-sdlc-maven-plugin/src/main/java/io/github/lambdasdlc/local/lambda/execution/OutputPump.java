package io.github.lambdasdlc.local.lambda.execution;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads one output stream of a runtime and hands it on line by line. It reads raw bytes (no buffered
 * reader hiding data) so that {@link #drain} can tell when everything the runtime wrote so far has
 * been handed on: a runtime writes its output before it posts its response, so after the response a
 * short drain puts every line in the invocation that wrote it.
 */
final class OutputPump implements Runnable {
  private final InputStream in;
  private final Consumer<String> lines;
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
  private volatile boolean reading;
  private volatile boolean ended;

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
   * Waits until all the bytes written so far have been handed on (the pump is blocked in a read with
   * nothing pending), or the stream has ended, for at most {@code maxMillis}.
   */
  void drain(long maxMillis) {
    long end = System.nanoTime() + maxMillis * 1_000_000;
    while (System.nanoTime() < end) {
      try {
        if (ended || (reading && in.available() == 0)) {
          // settle once more: the pump may have just returned from a read
          Thread.sleep(2);
          if (ended || (reading && in.available() == 0)) {
            break;
          }
        }
        Thread.sleep(2);
      } catch (IOException e) {
        break;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    flushPartial();
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
