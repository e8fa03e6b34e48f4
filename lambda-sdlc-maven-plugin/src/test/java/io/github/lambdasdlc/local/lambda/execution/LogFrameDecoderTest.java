package io.github.lambdasdlc.local.lambda.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The telemetry frames of AWS's runtime clients, however the pipe cuts them. */
class LogFrameDecoderTest {
  private final List<String> events = new ArrayList<>();
  private final List<String> lines = new ArrayList<>();
  private final LogFrameDecoder decoder = new LogFrameDecoder((millis, message) -> events.add(millis + " " + message),
      lines::add);

  /** A frame as the Java runtime client writes it: text, no level (0xA55A0003). */
  static byte[] frame(int type, long micros, String message) {
    byte[] body = message.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(16 + body.length).putInt(type).putInt(body.length).putLong(micros).put(body).array();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  @Test
  void eachFrameIsOneEventWithItsOwnTimestampWhateverItsLineBreaks() {
    byte[] bytes = concat(frame(0xA55A0003, 1_767_225_600_123_456L, "{\"lines\":[]}"),
        frame(0xA55A0003, 1_767_225_600_124_000L, "second"),
        frame(0xA55A0017, 1_767_225_600_125_999L, "failed: java.lang.IllegalStateException\n\tat x.Y(Y.java:1)\n\n"),
        frame(0xA55A000E, 1_767_225_600_126_000L, "{\"message\":\"json\"}\n"));
    decoder.accept(bytes, bytes.length);
    decoder.flush();
    assertThat(events).containsExactly("1767225600123 {\"lines\":[]}", "1767225600124 second",
        "1767225600125 failed: java.lang.IllegalStateException\n\tat x.Y(Y.java:1)", "1767225600126 {\"message\":\"json\"}");
    assertThat(lines).isEmpty();
  }

  @Test
  void framesCutAnywhereByThePipeComeOutWhole() {
    byte[] bytes = concat(frame(0xA55A0003, 1_000_000L, "héllo wörld"), frame(0xA55A0003, 2_000_000L, "again"));
    for (int i = 0; i < bytes.length; i++) {
      decoder.accept(new byte[] {bytes[i]}, 1);
      decoder.flush(); // an invocation may end between any two reads: a frame is never cut short
    }
    assertThat(events).containsExactly("1000 héllo wörld", "2000 again");
  }

  @Test
  void anEmptyFrameIsNoEvent() {
    byte[] bytes = concat(frame(0xA55A0003, 1_000_000L, ""), frame(0xA55A0003, 2_000_000L, "x"));
    decoder.accept(bytes, bytes.length);
    assertThat(events).containsExactly("2000 x");
  }

  @Test
  void bytesThatAreNotFramesAreKeptAsLines() {
    byte[] bytes = concat(frame(0xA55A0003, 1_000_000L, "framed"),
        "written to the descriptor by hand\nand more".getBytes(StandardCharsets.UTF_8));
    decoder.accept(bytes, bytes.length);
    decoder.flush();
    assertThat(events).containsExactly("1000 framed");
    assertThat(lines).containsExactly("written to the descriptor by hand", "and more");
  }

  @Test
  void aRuntimeThatDiesMidFrameKeepsWhatItWrote() {
    byte[] whole = frame(0xA55A0003, 1_000_000L, "cut short here");
    decoder.accept(whole, whole.length - 5);
    decoder.flush();
    assertThat(events).isEmpty();
    decoder.end();
    assertThat(events).containsExactly("1000 cut short");
  }
}
