package io.github.lambdasdlc.local.lambda.execution;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads one output stream of a runtime and hands on what it holds: lines (stdout, stderr) or framed log
 * events ({@link LogFrameDecoder}). A runtime has written all of an invocation's output once it is back in
 * {@code /next}. Where the stream is a {@link RuntimePipe}, {@link #mark} then writes a marker into it, and
 * {@link #awaitMark} returns once the pump has read that marker, and with it everything written before:
 * that puts every event in the invocation that wrote it, without waiting for silence. The marker (random,
 * starting with a byte UTF-8 never holds) is taken out of the stream; the decoder never sees it. Where there
 * is no pipe (named pipes cannot be made), {@link #drainAll} waits until each pump has handed on what it
 * read and sat blocked in a read for a moment instead.
 */
final class OutputPump implements Runnable {
  /** Turns the bytes of a stream into events. Called by the pump's thread, or under the pump's lock. */
  interface Decoder {
    void accept(byte[] buffer, int offset, int length);

    default void accept(byte[] buffer, int length) {
      accept(buffer, 0, length);
    }

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
  /** Where markers are written, or null: the stream is not a pipe of the local cloud. */
  private final RuntimePipe pipe;
  private final byte[] marker;
  /** How many bytes of a marker the last bytes read were. */
  private int matched;
  private final Object markLock = new Object();
  private long marksWritten;
  private long marksSeen;
  /** The settle time: a pump blocked this long in a read has handed on all that was written before. */
  private static final long QUIET_NANOS = 10_000_000;

  private volatile boolean reading;
  private volatile boolean ended;
  private volatile long lastActivity = System.nanoTime();

  OutputPump(Source source, Decoder decoder) {
    this(source, decoder, null);
  }

  private OutputPump(Source source, Decoder decoder, RuntimePipe pipe) {
    this.source = source;
    this.decoder = decoder;
    this.pipe = pipe;
    this.marker = pipe == null ? null : newMarker();
  }

  /** 0xFF (never in UTF-8 text, and nowhere else in the marker), a name, and 128 random bits in hex. */
  private static byte[] newMarker() {
    byte[] random = new byte[16];
    java.util.concurrent.ThreadLocalRandom.current().nextBytes(random);
    byte[] text = ("lambda-sdlc-end-of-output-" + java.util.HexFormat.of().formatHex(random))
        .getBytes(StandardCharsets.US_ASCII);
    byte[] marker = new byte[text.length + 1];
    marker[0] = (byte) 0xFF;
    System.arraycopy(text, 0, marker, 1, text.length);
    return marker;
  }

  /** Pumps {@code in} line by line to {@code lines}. */
  static OutputPump start(InputStream in, Consumer<String> lines, String name) {
    return start(() -> in, new Lines(lines), name);
  }

  /** Pumps a pipe of the local cloud, which takes markers ({@link #mark}). */
  static OutputPump start(RuntimePipe pipe, Decoder decoder, String name) {
    return start(new OutputPump(pipe::open, decoder, pipe), name);
  }

  static OutputPump start(Source source, Decoder decoder, String name) {
    return start(new OutputPump(source, decoder), name);
  }

  private static OutputPump start(OutputPump pump, String name) {
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
          handOn(buffer, n);
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

  /** Hands on what was read, but the markers: each says that all before it has been handed on. */
  private void handOn(byte[] buffer, int length) {
    if (marker == null) {
      decoder.accept(buffer, 0, length);
      return;
    }
    int from = 0;
    for (int i = 0; i < length; i++) {
      byte b = buffer[i];
      if (matched > 0) {
        if (b == marker[matched]) {
          if (++matched == marker.length) {
            matched = 0;
            from = i + 1;
            decoder.flush();
            marksSeen++;
            notifyAll();
          }
          continue;
        }
        decoder.accept(marker, 0, matched); // what looked like the start of a marker was output
        matched = 0;
        from = i;
      }
      if (b == marker[0]) {
        decoder.accept(buffer, from, i - from);
        matched = 1;
        from = i + 1;
      }
    }
    if (matched == 0) {
      decoder.accept(buffer, from, length - from);
    }
  }

  /**
   * Writes a marker into the stream after what the runtime wrote so far; {@link #awaitMark} waits for it
   * to be read. Returns the marker's number, or -1 when none could be written (no pipe, or it is closed).
   */
  long mark() {
    if (pipe == null) {
      return -1;
    }
    synchronized (markLock) {
      if (!pipe.write(marker)) {
        return -1;
      }
      synchronized (this) {
        return ++marksWritten;
      }
    }
  }

  /**
   * Waits until the pump has read marker {@code number} and handed on all that came before it (a line
   * without its newline too), or the stream ended; at most until {@code deadlineNanos}. Returns whether it did.
   */
  synchronized boolean awaitMark(long number, long deadlineNanos) {
    try {
      while (marksSeen < number && !ended) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    return true;
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
    public void accept(byte[] buffer, int offset, int length) {
      int from = offset;
      int end = offset + length;
      for (int i = offset; i < end; i++) {
        if (buffer[i] == '\n') {
          partial.write(buffer, from, i - from);
          emit();
          from = i + 1;
        }
      }
      partial.write(buffer, from, end - from);
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
