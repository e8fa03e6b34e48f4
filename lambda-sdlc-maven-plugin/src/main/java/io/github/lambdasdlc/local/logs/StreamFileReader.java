package io.github.lambdasdlc.local.logs;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdasdlc.local.core.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads log stream files ({@code {"timestamp": <ms>, "message": "<line>"}} per line) and keeps what it has
 * parsed, so that a client polling a growing stream (as {@code aws logs tail --follow} does) costs only the
 * bytes written since its last call. Files only grow; a last line without its line break is still being
 * written and is left for a later read. A file that shrank or was replaced is read afresh.
 */
final class StreamFileReader {
  /** The first read size; a longer line doubles it until the line fits. */
  private static final int CHUNK = 1 << 20;

  private final Map<Path, ParsedFile> files = new ConcurrentHashMap<>();

  /** The complete events of a file, oldest first; empty when the file does not exist. */
  List<LogEvent> events(Path file) throws IOException {
    ParsedFile parsed = files.computeIfAbsent(file, f -> new ParsedFile());
    try {
      return parsed.refresh(file);
    } catch (NoSuchFileException e) {
      files.remove(file, parsed);
      return List.of();
    }
  }

  /** Drops what is cached for the files under {@code dir} (a deleted log group). */
  void forget(Path dir) {
    files.keySet().removeIf(p -> p.startsWith(dir));
  }

  /** The parsed prefix of one file. Events only get appended: a snapshot is a prefix of the array. */
  private static final class ParsedFile {
    private Object fileKey;
    private long consumed;
    private LogEvent[] events = new LogEvent[16];
    private int count;

    synchronized List<LogEvent> refresh(Path file) throws IOException {
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
        BasicFileAttributes attributes = java.nio.file.Files.readAttributes(file, BasicFileAttributes.class);
        long size = channel.size();
        if (size < consumed || !Objects.equals(fileKey, attributes.fileKey())) {
          fileKey = attributes.fileKey();
          consumed = 0;
          events = new LogEvent[16];
          count = 0;
        }
        readFrom(channel, size);
      }
      // A new array replaces a full one, so readers holding this view never see it change.
      return Arrays.asList(events).subList(0, count);
    }

    private void readFrom(FileChannel channel, long size) throws IOException {
      int chunk = CHUNK;
      while (consumed < size) {
        int length = (int) Math.min(chunk, size - consumed);
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
          if (channel.read(buffer, consumed + buffer.position()) < 0) {
            break;
          }
        }
        byte[] bytes = buffer.array();
        int filled = buffer.position();
        int lastBreak = lastIndexOf(bytes, filled, (byte) '\n');
        if (lastBreak < 0) {
          if (consumed + filled >= size) {
            return; // the last line is still being written
          }
          chunk = Math.max(chunk, length) * 2; // one line longer than the chunk: read more at once
          continue;
        }
        int start = 0;
        for (int i = 0; i <= lastBreak; i++) {
          if (bytes[i] == '\n') {
            parseLine(bytes, start, i - start);
            start = i + 1;
          }
        }
        consumed += lastBreak + 1;
        chunk = CHUNK;
      }
    }

    private void parseLine(byte[] bytes, int offset, int length) {
      if (length == 0) {
        return;
      }
      JsonNode line;
      try {
        line = Json.MAPPER.readTree(bytes, offset, length);
      } catch (IOException e) {
        return; // not an event: the writer never makes one, so there is nothing to show
      }
      if (line == null || !line.path("timestamp").isIntegralNumber() || !line.path("message").isTextual()) {
        return;
      }
      if (count == events.length) {
        events = Arrays.copyOf(events, count * 2);
      }
      events[count] = new LogEvent(count, line.get("timestamp").longValue(), line.get("message").textValue());
      count++;
    }

    private static int lastIndexOf(byte[] bytes, int length, byte b) {
      for (int i = length - 1; i >= 0; i--) {
        if (bytes[i] == b) {
          return i;
        }
      }
      return -1;
    }
  }
}
