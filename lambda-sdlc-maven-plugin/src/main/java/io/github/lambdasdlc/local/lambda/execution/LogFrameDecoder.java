package io.github.lambdasdlc.local.lambda.execution;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the log frames a runtime writes to the descriptor named by {@code _LAMBDA_TELEMETRY_LOG_FD}, as
 * Lambda does: each frame is one log event, whatever line breaks its message holds or lacks. A frame is a
 * 16-byte big-endian header, then the message in UTF-8:
 *
 * <pre>
 * u32 type      0xA55A0000 | level &lt;&lt; 2 | 0x2 (timestamp present) | format (1 text, 0 JSON)
 * u32 length    of the message, in bytes
 * u64 timestamp microseconds since the epoch, when the runtime wrote it
 * </pre>
 *
 * The event keeps the frame's timestamp. Its message loses its trailing line breaks, as every event of a
 * log stream here does (see {@link io.github.lambdasdlc.local.logs.LogStreamWriter}); line breaks inside stay; an empty frame is no event. Bytes that are not a frame
 * (something else wrote to the descriptor) are not lost: from there on the stream is read as lines.
 */
final class LogFrameDecoder implements OutputPump.Decoder {
  /** Where a decoded event goes: its time in epoch milliseconds and its message. */
  interface Events {
    void accept(long epochMillis, String message);
  }

  static final int MAGIC = 0xA55A0000;
  private static final int MAGIC_MASK = 0xFFFF0000;
  static final int HEADER_BYTES = 16;

  private final Events events;
  private final OutputPump.Lines notFrames;
  private final byte[] header = new byte[HEADER_BYTES];
  private int headerFill;
  private final ByteArrayOutputStream message = new ByteArrayOutputStream();
  private long messageLeft = -1;
  private long micros;
  private boolean corrupt;

  /**
   * @param events where frames go
   * @param lines where bytes that are not frames go, line by line
   */
  LogFrameDecoder(Events events, java.util.function.Consumer<String> lines) {
    this.events = events;
    this.notFrames = new OutputPump.Lines(lines);
  }

  @Override
  public void accept(byte[] buffer, int offset, int count) {
    int i = offset;
    int length = offset + count;
    while (i < length) {
      if (corrupt) {
        notFrames.accept(buffer, i, length - i);
        return;
      }
      if (messageLeft < 0) {
        int take = Math.min(HEADER_BYTES - headerFill, length - i);
        System.arraycopy(buffer, i, header, headerFill, take);
        headerFill += take;
        i += take;
        if (headerFill == HEADER_BYTES) {
          startFrame();
        }
      } else {
        int take = (int) Math.min(messageLeft, length - i);
        message.write(buffer, i, take);
        messageLeft -= take;
        i += take;
      }
      if (messageLeft == 0) {
        emit();
      }
    }
  }

  private void startFrame() {
    int type = readInt(0);
    if ((type & MAGIC_MASK) != MAGIC) {
      corrupt = true;
      notFrames.accept(header, headerFill);
      headerFill = 0;
      return;
    }
    messageLeft = readInt(4) & 0xFFFFFFFFL;
    micros = ((long) readInt(8) << 32) | (readInt(12) & 0xFFFFFFFFL);
    headerFill = 0;
  }

  private void emit() {
    boolean empty = message.size() == 0;
    String text = message.toString(StandardCharsets.UTF_8);
    message.reset();
    messageLeft = -1;
    if (empty) {
      return; // an event needs a message: CloudWatch Logs takes none without
    }
    int end = text.length();
    while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
      end--;
    }
    text = text.substring(0, end);
    events.accept(micros / 1000, text);
  }

  /** A frame is never cut short: the rest of it follows, into the next invocation's log if need be. */
  @Override
  public void flush() {
    if (corrupt) {
      notFrames.flush();
    }
  }

  /** The runtime died writing: what there is of its last message is still its message. */
  @Override
  public void end() {
    if (messageLeft > 0 && message.size() > 0) {
      emit();
    } else if (headerFill > 0) {
      notFrames.accept(header, headerFill);
    }
    notFrames.flush();
  }

  private int readInt(int offset) {
    return ((header[offset] & 0xFF) << 24) | ((header[offset + 1] & 0xFF) << 16) | ((header[offset + 2] & 0xFF) << 8)
        | (header[offset + 3] & 0xFF);
  }
}
