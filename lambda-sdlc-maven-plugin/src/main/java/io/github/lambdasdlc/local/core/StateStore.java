package io.github.lambdasdlc.local.core;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The local cloud's state directory. Every write goes to a temporary file that is synced and then moved
 * over its target in one atomic step, so that a process killed at any point leaves each file either as
 * it was or as it became, never half-written. A format number guards against reading a directory written
 * by an incompatible version, and an exclusive file lock keeps two local clouds off one directory.
 *
 * <p>Paths given to this class are relative to the state directory and use {@code /} as separator.
 */
public final class StateStore implements AutoCloseable {

  /** The layout of the directory. Bump it when a change makes old directories unreadable. */
  public static final int FORMAT = 1;

  private static final String FORMAT_FILE = "format.json";
  private static final String LOCK_FILE = ".lock";
  private static final String OWNER_FILE = "owner.json";
  private static final String TMP_MARK = ".tmp-";

  private final Path root;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private StateStore(Path root, FileChannel lockChannel, FileLock lock) {
    this.root = root;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Opens (creating it if needed) the state directory and takes its lock.
   *
   * @param owner a description of this process (its endpoint, say) recorded for whoever finds it locked
   * @throws StateStoreException when the directory is unusable, locked by another process, or of another format
   */
  public static StateStore open(Path dir, String owner) {
    return open(dir, owner, Duration.ZERO);
  }

  /**
   * Opens the state directory as {@link #open(Path, String)} does, waiting up to {@code lockWait} for
   * its lock when another process (or another local cloud in this one) holds it.
   *
   * @throws StateStoreException when the directory is unusable, of another format, or still locked after
   *     the wait (the message names the holder)
   */
  public static StateStore open(Path dir, String owner, Duration lockWait) {
    Path root = dir.toAbsolutePath().normalize();
    try {
      OwnerOnly.createDirectories(root);
      OwnerOnly.restrict(root);
    } catch (IOException e) {
      throw new StateStoreException("Cannot create the local cloud's state directory " + root + " (readable by its"
          + " owner only): " + e.getMessage() + ". Choose a directory of your own with lambda-sdlc.local.dir.", e);
    }
    FileChannel channel;
    FileLock lock;
    try {
      channel = FileChannel.open(root.resolve(LOCK_FILE),
          java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), OwnerOnly.file());
      lock = tryLock(channel, lockWait);
    } catch (IOException e) {
      throw new StateStoreException("Cannot lock the local cloud's state directory " + root + ": " + e.getMessage(), e);
    }
    if (lock == null) {
      String holder = readOwner(root).orElse("another process");
      closeQuietly(channel);
      String waited = lockWait.isZero() ? "" : " (waited " + lockWait.toMillis() + " ms for it)";
      throw new StateStoreException("The local cloud's state directory " + root + " is in use by " + holder
          + waited + ". Stop that local cloud, point this build at it with its endpoint URL, or use another"
          + " lambda-sdlc.local.dir.", null);
    }
    StateStore store = new StateStore(root, channel, lock);
    try {
      store.checkFormat();
      store.removeLeftoverTemporaries(root);
      ObjectNode ownerDoc = Json.MAPPER.createObjectNode();
      ownerDoc.put("owner", owner);
      ownerDoc.put("pid", ProcessHandle.current().pid());
      ownerDoc.put("since", Instant.now().toString());
      store.writeJson(OWNER_FILE, ownerDoc);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  /** Tries the lock until it is free or {@code wait} has passed; null when it stayed held. */
  private static FileLock tryLock(FileChannel channel, Duration wait) throws IOException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      try {
        FileLock lock = channel.tryLock();
        if (lock != null) {
          return lock;
        }
      } catch (OverlappingFileLockException e) {
        // Held by another channel of this JVM: the same as held by another process.
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      try {
        Thread.sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 50));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
  }

  private static Optional<String> readOwner(Path root) {
    try {
      JsonNode doc = Json.MAPPER.readTree(root.resolve(OWNER_FILE).toFile());
      return Optional.of(doc.path("owner").asText("?") + " (pid " + doc.path("pid").asText("?") + ", since "
          + doc.path("since").asText("?") + ")");
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private void checkFormat() {
    Path file = root.resolve(FORMAT_FILE);
    if (Files.exists(file)) {
      int found;
      try {
        found = Json.MAPPER.readTree(file.toFile()).path("format").asInt(-1);
      } catch (IOException e) {
        found = -1;
      }
      if (found != FORMAT) {
        throw new StateStoreException("The local cloud's state directory " + root + " holds state of format "
            + (found < 0 ? "unknown" : String.valueOf(found)) + ", but this lambda-sdlc reads format " + FORMAT
            + ". Delete that directory (its stacks and functions are lost) or use another lambda-sdlc.local.dir.",
            null);
      }
      return;
    }
    try (Stream<Path> entries = Files.list(root)) {
      boolean foreign = entries.map(p -> p.getFileName().toString())
          .anyMatch(n -> !n.equals(LOCK_FILE) && !n.equals(OWNER_FILE) && !n.contains(TMP_MARK));
      if (foreign) {
        throw new StateStoreException("The directory " + root + " is not empty and is not a local cloud's state"
            + " directory. Use an empty or new directory for lambda-sdlc.local.dir.", null);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ObjectNode doc = Json.MAPPER.createObjectNode();
    doc.put("format", FORMAT);
    writeJson(FORMAT_FILE, doc);
  }

  private void removeLeftoverTemporaries(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (Files.isRegularFile(p) && p.getFileName().toString().contains(TMP_MARK)) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The state directory itself. */
  public Path root() {
    return root;
  }

  /** The absolute path of a file or directory in the store. */
  public Path path(String relative) {
    Path p = root.resolve(relative).normalize();
    if (!p.startsWith(root)) {
      throw new IllegalArgumentException("Path escapes the state directory: " + relative);
    }
    return p;
  }

  public void writeJson(String relative, Object value) {
    try {
      writeBytes(relative, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(value));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public <T> Optional<T> readJson(String relative, Class<T> type) {
    return readBytes(relative).map(bytes -> parse(relative, bytes, Json.MAPPER, type));
  }

  public <T> Optional<T> readJson(String relative, TypeReference<T> type) {
    return readBytes(relative).map(bytes -> {
      try {
        return Json.MAPPER.readValue(bytes, type);
      } catch (IOException e) {
        throw corrupt(relative, e);
      }
    });
  }

  private <T> T parse(String relative, byte[] bytes, ObjectMapper mapper, Class<T> type) {
    try {
      return mapper.readValue(bytes, type);
    } catch (IOException e) {
      throw corrupt(relative, e);
    }
  }

  private StateStoreException corrupt(String relative, IOException e) {
    return new StateStoreException("The local cloud's state file " + path(relative) + " cannot be read: "
        + e.getMessage() + ". Delete the state directory " + root + " to start afresh.", e);
  }

  /** Writes a file atomically: readers see the old content or the new, never a part. */
  public void writeBytes(String relative, byte[] bytes) {
    Path target = path(relative);
    try {
      OwnerOnly.createDirectories(target.getParent());
      Path tmp = target.resolveSibling(target.getFileName() + TMP_MARK + UUID.randomUUID());
      try (FileChannel ch = FileChannel.open(tmp,
          java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), OwnerOnly.file())) {
        ch.write(java.nio.ByteBuffer.wrap(bytes));
        ch.force(true);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + target, e);
    }
  }

  public Optional<byte[]> readBytes(String relative) {
    try {
      return Optional.of(Files.readAllBytes(path(relative)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public boolean exists(String relative) {
    return Files.exists(path(relative));
  }

  /** Deletes a file, or a directory with everything in it. */
  public void delete(String relative) {
    Path target = path(relative);
    if (!Files.exists(target)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(target)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The names of the entries of a directory in the store, sorted; empty when it does not exist. */
  public List<String> list(String relativeDir) {
    Path dir = path(relativeDir);
    List<String> names = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return names;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        String name = p.getFileName().toString();
        if (!name.contains(TMP_MARK)) {
          names.add(name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    names.sort(null);
    return names;
  }

  @Override
  public void close() {
    try {
      if (lock != null && lock.isValid()) {
        Files.deleteIfExists(root.resolve(OWNER_FILE));
        lock.release();
      }
    } catch (IOException e) {
      // The lock goes with the channel anyway.
    }
    closeQuietly(lockChannel);
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing to do
    }
  }
}
