package io.github.lambdasdlc.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdasdlc.local.core.Json;
import io.github.lambdasdlc.local.core.StateStore;
import io.github.lambdasdlc.local.core.StateStoreException;
import io.github.lambdasdlc.local.logs.LogNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a local cloud keeps on disk, for wiping it when a cloud is not running on it: what is left of a
 * deleted stack (its records, its functions' logs) together with unpacked code that no function uses any
 * more, or the whole state directory. A stack's deletion leaves these behind on purpose (CloudFormation
 * lists a deleted stack for 90 days, and Lambda's log groups outlive their functions), so only an explicit
 * wipe removes them.
 *
 * <p>A wipe touches only a directory a local cloud made (it has the state store's format file) and holds
 * the directory's lock while it works, so it refuses while a local cloud, in this process or another, runs
 * on it. Running it twice removes nothing the second time.
 */
public final class LocalState {
  private static final String FORMAT_FILE = "format.json";
  private static final String LOCK_FILE = ".lock";
  private static final String OWNER_FILE = "owner.json";
  private static final String STACKS = "cloudformation/stacks";
  private static final String FUNCTIONS = "lambda/functions";
  private static final String CODE = "lambda/code";
  private static final String UNPACKED = "execution/code";
  private static final String LOGS = "logs";
  /** The top-level entries a local cloud writes; anything else is someone else's, and a full wipe refuses it. */
  private static final Set<String> LAYOUT = Set.of(FORMAT_FILE, LOCK_FILE, OWNER_FILE, "cloudformation", "lambda",
      "execution", LOGS);

  /** One thing removed: what it was, and how many bytes its files held. */
  public record Removal(String what, long bytes) {
  }

  /**
   * What a wipe removed from {@code dir}, and the stacks that were still live among it (a full wipe only).
   */
  public record Wipe(Path dir, List<Removal> removed, List<String> liveStacks) {
    public long bytes() {
      return removed.stream().mapToLong(Removal::bytes).sum();
    }

    public boolean nothingRemoved() {
      return removed.isEmpty();
    }
  }

  private final Path dir;

  private LocalState(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  /** The state at {@code dir}; nothing is read until a wipe. */
  public static LocalState at(Path dir) {
    return new LocalState(dir);
  }

  public Path dir() {
    return dir;
  }

  /**
   * Removes what is left of the deleted stacks named {@code stackName}: their records, their log groups and
   * the log groups {@code /aws/lambda/<function>} of their functions, and every unpacked package that no
   * remaining function uses. What the stack retained ({@code DeletionPolicy: Retain}) keeps its logs.
   *
   * @throws StateStoreException when the directory is not a local cloud's state directory of this format,
   *     when a local cloud runs on it, or when a stack of that name is still live
   */
  public Wipe wipeStack(String stackName) {
    if (!exists()) {
      return new Wipe(dir, List.of(), List.of());
    }
    int format = checkIsStateDirectory();
    if (format != StateStore.FORMAT) {
      throw new StateStoreException("The local cloud's state directory " + dir + " holds state of format " + format
          + ", which this lambda-sdlc cannot read stack by stack. Wipe it entirely instead.", null);
    }
    try (Held lock = lock()) {
      List<Path> records = new ArrayList<>();
      Set<String> functions = new LinkedHashSet<>();
      Set<String> groups = new LinkedHashSet<>();
      for (Path file : list(dir.resolve(STACKS))) {
        JsonNode stack = readJson(file);
        if (stack == null || !stackName.equals(stack.path("stackName").asText(null))) {
          continue;
        }
        String status = stack.path("status").asText("");
        if (!status.equals("DELETE_COMPLETE")) {
          throw new StateStoreException("Stack " + stackName + " still exists on the local cloud in " + dir + " ("
              + status + "). Delete it first (mvn lambda-sdlc:destroy with lambda-sdlc.endpoint=local), then wipe"
              + " what it leaves behind.", null);
        }
        records.add(file);
        stack.path("resources").forEach(r -> {
          String type = r.path("type").asText();
          if (!r.path("physicalId").isTextual() || "Retain".equals(r.path("deletionPolicy").asText(null))) {
            return; // never created, or kept on purpose
          }
          if (type.equals("AWS::Lambda::Function")) {
            functions.add(r.path("physicalId").asText());
          } else if (type.equals("AWS::Logs::LogGroup")) {
            groups.add(r.path("physicalId").asText());
          }
        });
      }
      List<Removal> removed = new ArrayList<>();
      Set<String> remaining = functionNames();
      for (String function : functions) {
        if (!remaining.contains(function)) { // a function of that name made since keeps its logs
          groups.add("/aws/lambda/" + function);
        }
      }
      for (String group : groups) {
        String segment = LogNames.encode(group);
        Path groupDir = dir.resolve(LOGS).resolve(segment);
        // "." and ".." stay as they are when encoded, and would leave the logs directory.
        if (!segment.equals(".") && !segment.equals("..") && groupDir.getParent().equals(dir.resolve(LOGS))
            && Files.isDirectory(groupDir, LinkOption.NOFOLLOW_LINKS)) {
          removed.add(new Removal("log group " + group, delete(groupDir)));
        }
      }
      if (!records.isEmpty()) {
        long bytes = 0;
        for (Path record : records) {
          bytes += delete(record);
        }
        removed.add(new Removal(records.size() == 1 ? "the record of deleted stack " + stackName
            : "the records of " + records.size() + " deleted stacks named " + stackName, bytes));
      }
      removeUnusedCode(removed);
      return new Wipe(dir, List.copyOf(removed), List.of());
    }
  }

  /**
   * Removes the whole state directory: every stack (live ones too, which the result names), function,
   * package, log, and the caches of unpacked code and runtimes.
   *
   * @throws StateStoreException when the directory is not a local cloud's state directory, holds files a
   *     local cloud does not write, or a local cloud runs on it
   */
  public Wipe wipeAll() {
    if (!exists()) {
      return new Wipe(dir, List.of(), List.of());
    }
    checkIsStateDirectory();
    Set<String> foreign = new TreeSet<>();
    for (Path entry : list(dir)) {
      String name = entry.getFileName().toString();
      if (!LAYOUT.contains(name) && !name.contains(".tmp-")) {
        foreign.add(name);
      }
    }
    if (!foreign.isEmpty()) {
      throw new StateStoreException("The local cloud's state directory " + dir + " also holds " + String.join(", ", foreign)
          + ", which no local cloud writes. Move " + (foreign.size() == 1 ? "it" : "them") + " elsewhere first;"
          + " nothing was removed.", null);
    }
    List<Removal> removed = new ArrayList<>();
    List<String> live = new ArrayList<>();
    try (Held lock = lock()) {
      int stacks = 0;
      for (Path file : list(dir.resolve(STACKS))) {
        JsonNode stack = readJson(file);
        if (stack != null) {
          stacks++;
          if (!"DELETE_COMPLETE".equals(stack.path("status").asText(""))) {
            live.add(stack.path("stackName").asText("?"));
          }
        }
      }
      live.sort(null);
      int functions = functionNames().size();
      removeIfPresent(removed, "cloudformation", stacks == 1 ? "1 stack" : stacks + " stacks");
      removeIfPresent(removed, "lambda", functions == 1 ? "1 function with its packages"
          : functions + " functions with their packages");
      removeIfPresent(removed, UNPACKED, "unpacked code");
      removeIfPresent(removed, "execution", "runtime caches");
      removeIfPresent(removed, LOGS, "logs");
      for (Path entry : list(dir)) {
        String name = entry.getFileName().toString();
        if (!name.equals(LOCK_FILE)) {
          delete(entry); // format, owner and temporary files: not worth a line of their own
        }
      }
    }
    try {
      Files.deleteIfExists(dir.resolve(LOCK_FILE));
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // A directory left empty (or with a new lock someone just took) is harmless.
    }
    return new Wipe(dir, List.copyOf(removed), List.copyOf(live));
  }

  /** Unpacked packages and stored zips that no version of any remaining function uses. */
  private void removeUnusedCode(List<Removal> removed) {
    Set<String> inUse = new HashSet<>();
    for (Path file : list(dir.resolve(FUNCTIONS))) {
      JsonNode record = readJson(file);
      if (record != null) {
        record.findValues("codeSha256").forEach(v -> inUse.add(hex(v.asText())));
      }
    }
    int count = 0;
    long bytes = 0;
    for (Path unpacked : list(dir.resolve(UNPACKED))) {
      String name = unpacked.getFileName().toString();
      if (name.matches("[0-9a-f]{64}") && !inUse.contains(name)) {
        bytes += delete(unpacked);
        count++;
      }
    }
    for (Path zip : list(dir.resolve(CODE))) {
      String name = zip.getFileName().toString();
      if (name.matches("[0-9a-f]{64}\\.zip") && !inUse.contains(name.substring(0, 64))) {
        bytes += delete(zip);
        count++;
      }
    }
    if (count > 0) {
      removed.add(new Removal((count == 1 ? "1 package" : count + " packages") + " of code no function uses", bytes));
    }
  }

  /** Deletes a part of the directory; it is worth a line of the report when it held any file or link. */
  private void removeIfPresent(List<Removal> removed, String relative, String what) {
    Path p = dir.resolve(relative);
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    boolean content;
    try (Stream<Path> walk = Files.walk(p)) {
      content = walk.anyMatch(f -> !Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + p, e);
    }
    long bytes = delete(p);
    if (content) {
      removed.add(new Removal(what, bytes));
    }
  }

  private static String hex(String codeSha256) {
    try {
      return java.util.HexFormat.of().formatHex(java.util.Base64.getDecoder().decode(codeSha256));
    } catch (IllegalArgumentException e) {
      return codeSha256.toLowerCase(Locale.ROOT);
    }
  }

  private boolean exists() {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    // A directory holding only a lock (and an owner note) is what a full wipe may leave: nothing to remove.
    return list(dir).stream().map(p -> p.getFileName().toString())
        .anyMatch(n -> !n.equals(LOCK_FILE) && !n.equals(OWNER_FILE));
  }

  /** The format of the directory's state; refuses any directory a local cloud did not make. */
  private int checkIsStateDirectory() {
    JsonNode format = readJson(dir.resolve(FORMAT_FILE));
    if (format == null || !format.path("format").isInt()) {
      throw new StateStoreException("The directory " + dir + " is not a local cloud's state directory (it has no "
          + FORMAT_FILE + "), so it is left alone. Check lambda-sdlc.local.dir.", null);
    }
    return format.path("format").asInt();
  }

  /** The directory's lock, which a running local cloud holds. */
  private Held lock() {
    FileChannel channel;
    try {
      channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new StateStoreException("Cannot lock the local cloud's state directory " + dir + ": " + e.getMessage(), e);
    }
    FileLock lock = null;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      // a local cloud of this process holds it
    } catch (IOException e) {
      closeQuietly(channel);
      throw new StateStoreException("Cannot lock the local cloud's state directory " + dir + ": " + e.getMessage(), e);
    }
    if (lock == null) {
      closeQuietly(channel);
      JsonNode owner = readJson(dir.resolve(OWNER_FILE));
      String holder = owner == null ? "a running local cloud" : owner.path("owner").asText("a running local cloud")
          + " (pid " + owner.path("pid").asText("?") + ")";
      throw new StateStoreException("The local cloud's state directory " + dir + " is in use by " + holder
          + ". Stop that local cloud first (Ctrl-C where mvn lambda-sdlc:local runs, or let the build end);"
          + " nothing was removed.", null);
    }
    return new Held(channel, lock);
  }

  /** A held lock, released on close. */
  private record Held(FileChannel channel, FileLock lock) implements AutoCloseable {
    @Override
    public void close() {
      try {
        lock.release();
      } catch (IOException e) {
        // closing the channel releases it too
      }
      closeQuietly(channel);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing more to release
    }
  }

  private Set<String> functionNames() {
    Set<String> names = new HashSet<>();
    for (Path file : list(dir.resolve(FUNCTIONS))) {
      JsonNode record = readJson(file);
      if (record != null && record.path("name").isTextual()) {
        names.add(record.path("name").asText());
      }
    }
    return names;
  }

  /** The entries of a directory, sorted; none when it does not exist. */
  private static List<Path> list(Path directory) {
    if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
      stream.forEach(entries::add);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + directory, e);
    }
    entries.sort(null);
    return entries;
  }

  /** A JSON file's content, or null when it is missing, a temporary or unreadable. */
  private static JsonNode readJson(Path file) {
    String name = file.getFileName().toString();
    if (!name.endsWith(".json") || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    try {
      return Json.MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Deletes a file or a directory tree without following links (a link is removed, never what it points
   * to) and returns how many bytes its files held.
   */
  private static long delete(Path path) {
    List<Path> all;
    try (Stream<Path> walk = Files.walk(path)) {
      all = walk.sorted(Comparator.reverseOrder()).toList();
    } catch (NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + path, e);
    }
    long bytes = 0;
    for (Path p : all) {
      try {
        BasicFileAttributes attributes = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isRegularFile()) {
          bytes += attributes.size();
        }
        Files.deleteIfExists(p);
      } catch (NoSuchFileException e) {
        // gone already
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot delete " + p, e);
      }
    }
    return bytes;
  }
}
