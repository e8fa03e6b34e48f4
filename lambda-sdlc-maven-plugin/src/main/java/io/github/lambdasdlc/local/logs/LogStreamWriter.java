package io.github.lambdasdlc.local.logs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.local.core.Json;
import io.github.lambdasdlc.local.core.OwnerOnly;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One CloudWatch Logs stream being written (opened with {@link LogStreams#open}), as a file in the state
 * directory. The layout, for the CloudWatch Logs read API to serve:
 *
 * <pre>
 * logs/&lt;group&gt;/&lt;stream&gt;
 * </pre>
 *
 * where {@code <group>} and {@code <stream>} are the log group and stream names (such as
 * {@code /aws/lambda/my-fn} and {@code 2026/01/31/[$LATEST]0123...}) each encoded as one path segment with
 * {@link java.net.URLEncoder} in UTF-8 (so {@code /} becomes {@code %2F}), as {@link LogNames} does. Each
 * file holds one JSON object per line, in the order the events happened:
 *
 * <pre>
 * {"timestamp":1767225600123,"message":"START RequestId: ... Version: $LATEST"}
 * </pre>
 *
 * {@code timestamp} is the event's time in epoch milliseconds; {@code message} is the line without its
 * line break. Files only grow; a reader may read them while they are written (a last line without its
 * line break is still being written).
 */
public final class LogStreamWriter implements AutoCloseable {
  private final Path file;
  private final String group;
  private final String stream;
  private BufferedWriter writer;
  private boolean closed;

  LogStreamWriter(Path file, String group, String stream) {
    this.file = file;
    this.group = group;
    this.stream = stream;
  }

  public String group() {
    return group;
  }

  public String stream() {
    return stream;
  }

  /** Appends one event; written through at once so that a reader sees it. */
  public synchronized void append(long timestamp, String message) {
    if (closed) {
      return;
    }
    try {
      if (writer == null) {
        OwnerOnly.createDirectories(file.getParent());
        OwnerOnly.createFile(file);
        writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      }
      ObjectNode event = Json.MAPPER.createObjectNode();
      event.put("timestamp", timestamp);
      event.put("message", message);
      writer.write(Json.MAPPER.writeValueAsString(event));
      writer.write('\n');
      writer.flush();
    } catch (IOException e) {
      // Losing a log line must not fail the invocation; the invocation's own log still has it.
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (writer != null) {
      try {
        writer.close();
      } catch (IOException e) {
        // nothing more to write
      }
      writer = null;
    }
  }
}
