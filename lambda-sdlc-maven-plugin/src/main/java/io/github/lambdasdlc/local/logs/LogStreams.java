package io.github.lambdasdlc.local.logs;

import io.github.lambdasdlc.local.core.StateStore;
import java.nio.file.Path;

/**
 * The write side of the local cloud's CloudWatch Logs, for the services that produce log events (the
 * execution engine): a stream is opened by its group and stream names and takes events in order. Where and
 * how they are kept ({@link LogNames}, {@link LogStreamWriter}) is this package's business; its read API
 * ({@link LogsService}) serves them.
 */
public final class LogStreams {
  private static final String DIRECTORY = "logs";

  private final Path root;

  private LogStreams(Path root) {
    this.root = root;
  }

  /** The log streams of the local cloud whose state is in {@code store}. */
  public static LogStreams of(StateStore store) {
    return new LogStreams(directory(store));
  }

  static Path directory(StateStore store) {
    return store.path(DIRECTORY);
  }

  /** A stream to append events to; its group and file are created with its first event. */
  public LogStreamWriter open(String group, String stream) {
    return new LogStreamWriter(LogNames.streamFile(root, group, stream), group, stream);
  }

  /** The directory the streams are kept in ({@code <state>/logs}), for tests that read the stored events. */
  public Path directory() {
    return root;
  }
}
