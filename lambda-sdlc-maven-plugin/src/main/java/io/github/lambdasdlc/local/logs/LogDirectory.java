package io.github.lambdasdlc.local.logs;

import io.github.lambdasdlc.local.core.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The log files in the state directory, in the layout the execution engine writes:
 *
 * <pre>
 * logs/&lt;group&gt;/&lt;stream&gt;
 * </pre>
 *
 * each name encoded as one path segment with {@link URLEncoder} in UTF-8 ({@code /} becomes {@code %2F}).
 * A directory is a log group, with or without streams; a regular file in it is a stream. Entries whose
 * names are not such encodings (temporary files, say) are not logs and are left out.
 */
final class LogDirectory {
  private final Path root;
  private final StreamFileReader reader = new StreamFileReader();

  LogDirectory(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  static String encode(String name) {
    return LogNames.encode(name);
  }

  /** The name a segment stands for, or empty when the segment is not an encoded name. */
  static Optional<String> decode(String segment) {
    return LogNames.decode(segment);
  }

  /**
   * The path of a name under {@code dir}, or empty when the name cannot be a single segment there
   * ({@code .} and {@code ..} are left unencoded by URLEncoder and would leave the directory).
   */
  private static Optional<Path> child(Path dir, String name) {
    String segment = encode(name);
    if (name.isEmpty() || segment.equals(".") || segment.equals("..")) {
      return Optional.empty();
    }
    return Optional.of(dir.resolve(segment));
  }

  /** Every log group's name, ASCII-sorted as AWS lists them. */
  List<String> groupNames() {
    return names(root, true);
  }

  /** The directory of an existing group. */
  Optional<Path> group(String name) {
    return child(root, name).filter(Files::isDirectory);
  }

  /** Every stream's name in a group's directory, sorted. */
  List<String> streamNames(Path groupDir) {
    return names(groupDir, false);
  }

  /** The file of an existing stream. */
  Optional<Path> stream(Path groupDir, String name) {
    return child(groupDir, name).filter(Files::isRegularFile);
  }

  /** Creates a group's directory; false when it already existed. */
  boolean createGroup(String name) {
    Path dir = child(root, name).orElseThrow(() -> new IllegalArgumentException("Not a log group name: " + name));
    if (Files.isDirectory(dir)) {
      return false;
    }
    try {
      OwnerOnly.createDirectories(dir);
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the log group directory " + dir, e);
    }
  }

  /** Deletes a group's directory and its streams; false when there was no such group. */
  boolean deleteGroup(String name) {
    Optional<Path> dir = group(name);
    if (dir.isEmpty()) {
      return false;
    }
    try (Stream<Path> walk = Files.walk(dir.get())) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete the log group directory " + dir.get(), e);
    } finally {
      reader.forget(dir.get());
    }
    return true;
  }

  /** The complete events of a stream file, oldest first. */
  List<LogEvent> events(Path streamFile) {
    try {
      return reader.events(streamFile);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the log stream file " + streamFile, e);
    }
  }

  /** A stream as DescribeLogStreams shows it; empty when its file went away meanwhile (its group was deleted). */
  Optional<StreamSummary> summarize(String name, Path file) {
    List<LogEvent> events = events(file);
    Optional<BasicFileAttributes> found = attributes(file);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    BasicFileAttributes attributes = found.get();
    if (events.isEmpty()) {
      return Optional.of(new StreamSummary(name, file, attributes.creationTime().toMillis(), null, null, null));
    }
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (LogEvent e : events) {
      first = Math.min(first, e.timestamp());
      last = Math.max(last, e.timestamp());
    }
    // A stream exists from its first event on; file systems without a birth time report the last change.
    long created = Math.min(attributes.creationTime().toMillis(), first);
    return Optional.of(new StreamSummary(name, file, created, first, last, attributes.lastModifiedTime().toMillis()));
  }

  /** When a group came to be: its directory's birth, or its oldest stream's if that is earlier. */
  long groupCreationTime(Path groupDir) {
    long created = attributes(groupDir).map(a -> a.creationTime().toMillis()).orElse(Long.MAX_VALUE);
    for (String stream : streamNames(groupDir)) {
      Optional<StreamSummary> summary = stream(groupDir, stream).flatMap(file -> summarize(stream, file));
      if (summary.isPresent()) {
        created = Math.min(created, summary.get().creationTime());
      }
    }
    return created == Long.MAX_VALUE ? 0 : created;
  }

  /** The bytes a group's stream files hold. */
  long storedBytes(Path groupDir) {
    long total = 0;
    for (String stream : streamNames(groupDir)) {
      Optional<Path> file = stream(groupDir, stream);
      if (file.isPresent()) {
        try {
          total += Files.size(file.get());
        } catch (IOException e) {
          // deleted meanwhile: nothing stored
        }
      }
    }
    return total;
  }

  private static Optional<BasicFileAttributes> attributes(Path path) {
    try {
      return Optional.of(Files.readAttributes(path, BasicFileAttributes.class));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the attributes of " + path, e);
    }
  }

  private static List<String> names(Path dir, boolean directories) {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        if (directories ? Files.isDirectory(p) : Files.isRegularFile(p)) {
          decode(p.getFileName().toString()).ifPresent(names::add);
        }
      }
    } catch (NoSuchFileException e) {
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + dir, e);
    }
    names.sort(null);
    return names;
  }

  /** What DescribeLogStreams reports of one stream; the event fields are null for a stream without events. */
  record StreamSummary(String name, Path file, long creationTime, Long firstEventTimestamp, Long lastEventTimestamp,
      Long lastIngestionTime) {
    /** The sort key of {@code orderBy=LastEventTime}: streams without events come first. */
    long lastEventTimeOrZero() {
      return lastEventTimestamp == null ? 0 : lastEventTimestamp;
    }
  }
}
