package io.github.lambdasdlc.local.logs;

import java.nio.charset.StandardCharsets;

/**
 * One event of a log stream: its position among the stream's events (0 for the first line of the file),
 * its time in epoch milliseconds and its message.
 */
record LogEvent(int index, long timestamp, String message) {
  /** What AWS counts for an event against a response's 1 MB: its UTF-8 message plus 26 bytes. */
  int size() {
    return message.getBytes(StandardCharsets.UTF_8).length + 26;
  }
}
