package io.github.lambdasdlc.local.lambda.code;

import io.github.lambdasdlc.code.CodeSha256;
import io.github.lambdasdlc.local.core.AwsError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * A function's deployment package: checked the way Lambda checks an upload, and unpacked safely, with the
 * same checks at upload ({@link #inspect}) and at unpacking ({@link #unpack}), so that a zip accepted at
 * upload also unpacks. Sizes are counted from the bytes actually inflated, never from the sizes an entry
 * claims, so a zip bomb is stopped at the limit. Refused: entries that would land outside the code directory
 * or on it, a name that is both a file and a directory, names no file system holds (a part over 255 bytes, a
 * path over {@link #MAX_NAME_BYTES}), and symbolic links that resolve outside the code directory. Links are
 * recognised as {@code zip -y} stores them (the Unix mode in the central directory's external attributes,
 * see {@link CentralDirectory}) or in an "ASi Unix" extra field, and kept as links, as Lambda keeps them.
 */
public final class CodeArchive {
  /** Lambda's limit for a zip uploaded directly (50 MiB). */
  public static final long MAX_ZIPPED_BYTES = 52_428_800L;
  /** Lambda's limit for the unpacked code (250 MiB), layers included. */
  public static final long MAX_UNZIPPED_BYTES = 262_144_000L;
  /** A file name (one part of a path) on Linux: NAME_MAX. */
  static final int MAX_PART_BYTES = 255;
  /**
   * An entry's whole name. Linux refuses paths of PATH_MAX (4,096) bytes and more; Lambda unpacks under
   * {@code /var/task/}, the local cloud under its state directory, for whose path 512 bytes are kept.
   */
  static final int MAX_NAME_BYTES = 4096 - 512;
  /** A link's target, as readlink can return it. */
  static final int MAX_LINK_TARGET_BYTES = 4095;
  /**
   * Characters of paths looked up while resolving all of an archive's links: real packages need a tiny
   * fraction; thousands of long, deep links looping through each other are refused instead of keeping a
   * request busy.
   */
  private static final long MAX_LINK_RESOLUTION_WORK = 64L * 1024 * 1024;
  /** Links followed in one resolution before the system gives up with ELOOP. */
  private static final int MAX_LINK_HOPS = 40;

  static final String INVALID_ZIP = "Could not unzip uploaded file. Please check your file, then try to upload again.";
  static final String EMPTY_ZIP = "Uploaded file must be a non-empty zip";

  /** What an upload holds. {@code codeSha256} is Lambda's CodeSha256: base64 of the SHA-256 of the zip bytes. */
  public record Summary(long codeSize, String codeSha256, int fileCount, long unzippedBytes) {
  }

  private CodeArchive() {
  }

  /**
   * Checks an uploaded zip as Lambda does and summarises it.
   *
   * @throws AwsError InvalidParameterValueException for an empty, corrupt, hostile or too large archive
   */
  public static Summary inspect(byte[] zip) {
    if (zip.length == 0) {
      throw invalid(EMPTY_ZIP);
    }
    try {
      Walk walk = walk(zip, null);
      return new Summary(zip.length, sha256Base64(zip), walk.files, walk.unzipped);
    } catch (IOException e) {
      throw invalid(INVALID_ZIP); // nothing is written while inspecting: a read failure is a corrupt zip
    }
  }

  /**
   * Unpacks a zip into an empty or missing directory, with the same checks as {@link #inspect}.
   *
   * @throws AwsError InvalidParameterValueException when the archive is refused
   * @throws IOException when the directory cannot be written
   */
  public static void unpack(Path zip, Path target) throws IOException {
    Path root = target.toAbsolutePath().normalize();
    Files.createDirectories(root);
    byte[] bytes = Files.readAllBytes(zip);
    walk(bytes, null); // every check first, so that nothing is written for an archive that is refused
    walk(bytes, root);
  }

  /** What a walk through an archive found. */
  private static final class Walk {
    int files;
    long unzipped;
    /** Symbolic links: name to target, in archive order. */
    final Map<String, String> links = new LinkedHashMap<>();
    /** Every entry's name, to check that no name is both a file (or link) and a directory. */
    final List<Name> names = new ArrayList<>();
  }

  /** An entry's normalised name, with '/' as NUL so that a name sorts right before the names inside it. */
  private record Name(String key, Kind kind, String raw) {
  }

  private enum Kind { DIRECTORY, FILE, LINK }

  /**
   * Reads every entry, checks it, and writes it under {@code root} unless that is null. Links are created
   * last, once every file is written and every link is known to resolve inside.
   */
  private static Walk walk(byte[] zip, Path root) throws IOException {
    List<CentralDirectory.Entry> directory;
    try {
      directory = CentralDirectory.read(zip);
    } catch (IllegalArgumentException e) {
      directory = null; // reported once the entries are read: an empty zip says so first
    }
    Walk walk = new Walk();
    int entries = 0;
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      byte[] buffer = new byte[64 * 1024];
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; entries++) {
        if (directory != null && (entries >= directory.size() || !directory.get(entries).name().equals(entry.getName()))) {
          // A spliced archive: its entries stream out, but its directory (which unzip tools read) disagrees.
          throw invalid(INVALID_ZIP);
        }
        String name = checkName(entry.getName());
        boolean link = directory != null && directory.get(entries).isSymbolicLink() || isLinkByExtraField(entry);
        if (name.isEmpty()) {
          if (entry.isDirectory() && !link) {
            continue; // "./": the code directory itself
          }
          throw refused(entry.getName(), "names the code directory itself");
        }
        walk.names.add(new Name(name.replace('/', '\0'), link ? Kind.LINK : entry.isDirectory() ? Kind.DIRECTORY
            : Kind.FILE, entry.getName()));
        if (link) {
          walk.links.put(name, linkTarget(in, entry.getName()));
          walk.files++;
          continue;
        }
        if (entry.isDirectory()) {
          if (root != null) {
            Files.createDirectories(inside(root, name));
          }
          continue;
        }
        walk.files++;
        OutputStream out = root == null ? OutputStream.nullOutputStream() : open(root, name);
        try (out) {
          for (int n; (n = in.read(buffer)) > 0; ) {
            walk.unzipped += n;
            if (walk.unzipped > MAX_UNZIPPED_BYTES) {
              throw invalid("Unzipped size must be smaller than " + MAX_UNZIPPED_BYTES + " bytes");
            }
            out.write(buffer, 0, n);
          }
        }
        if (root != null && directory != null && directory.get(entries).isExecutable()) {
          // As Lambda keeps a zip's Unix modes: an OS-only runtime's bootstrap must be executable.
          inside(root, name).toFile().setExecutable(true, true);
        }
      }
    } catch (ZipException | IllegalArgumentException e) {
      // IllegalArgumentException: an entry name that is not valid in the zip's charset (UTF-8).
      throw invalid(INVALID_ZIP);
    }
    if (entries == 0) {
      throw invalid(EMPTY_ZIP);
    }
    if (directory == null || directory.size() != entries) {
      // A truncated or spliced archive: its entries stream out, but its directory is missing or disagrees.
      throw invalid(INVALID_ZIP);
    }
    checkNamespace(walk.names);
    long[] budget = {MAX_LINK_RESOLUTION_WORK};
    for (Map.Entry<String, String> link : walk.links.entrySet()) {
      if (!resolvesInside(link.getKey(), walk.links, budget)) {
        throw refused(link.getKey(), "is a symbolic link to " + shorten(link.getValue())
            + ", which is outside the function's code directory (or a loop of links)");
      }
    }
    if (root != null) {
      createLinks(root, walk.links);
    }
    return walk;
  }

  /**
   * Refuses a name that would be a file (or a link) and a directory at once: a file {@code a} and an entry
   * {@code a/b}, or a link and another entry of the same name. Sorted with '/' as NUL (which no name holds), a
   * name comes right before the names inside it, so one pass finds every conflict; memory stays the size of
   * the names (no set of every parent directory, which a few deep names would make quadratic).
   */
  private static void checkNamespace(List<Name> names) {
    List<Name> sorted = new ArrayList<>(names);
    sorted.sort(Comparator.comparing(Name::key).thenComparing(Name::kind));
    for (int i = 0; i + 1 < sorted.size(); i++) {
      Name a = sorted.get(i);
      Name b = sorted.get(i + 1);
      if (a.key().equals(b.key())) {
        if (a.kind() != b.kind()) {
          throw refused(b.raw(), a.kind() == Kind.DIRECTORY ? "is a file and a directory of the same name"
              : "is a file and a symbolic link of the same name");
        }
        if (a.kind() == Kind.LINK) {
          throw refused(b.raw(), "appears twice as a symbolic link");
        }
        continue; // a file twice is written twice, the last one kept, as unzip -o does
      }
      if (a.kind() != Kind.DIRECTORY) {
        // a is the last of its name; whatever is inside it sorts right after, before any other name
        if (b.key().startsWith(a.key() + '\0')) {
          throw refused(b.raw(), "is inside " + shorten(a.raw()) + ", which is a file or a link");
        }
      }
    }
  }

  /** A link's target is its entry's content. */
  private static String linkTarget(ZipInputStream in, String rawName) throws IOException {
    byte[] target = in.readNBytes(MAX_LINK_TARGET_BYTES + 1);
    String text = new String(target, StandardCharsets.UTF_8);
    if (target.length == 0 || target.length > MAX_LINK_TARGET_BYTES || text.indexOf('\0') >= 0) {
      throw refused(rawName, "is a symbolic link with an empty, overlong or invalid target");
    }
    return text;
  }

  /**
   * Whether a link, and every link its target passes through, stays inside the code directory: the
   * resolution the system will do once the links exist, done on the archive's own names. Lexical
   * normalisation would not do: with {@code p -> .}, the target {@code p/..} looks like {@code .} yet is the
   * code directory's parent.
   */
  private static boolean resolvesInside(String link, Map<String, String> links, long[] budget) {
    List<String> at = new ArrayList<>(List.of(link.split("/")));
    at.remove(at.size() - 1);
    Deque<String> todo = new ArrayDeque<>();
    int hops = 0;
    String target = links.get(link);
    while (true) {
      if (target != null) {
        if (target.startsWith("/") || ++hops > MAX_LINK_HOPS) {
          return false;
        }
        List<String> parts = List.of(target.split("/"));
        for (int i = parts.size() - 1; i >= 0; i--) {
          todo.addFirst(parts.get(i));
        }
      }
      String part = todo.pollFirst();
      if (part == null) {
        return true;
      }
      target = null;
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (at.isEmpty()) {
          return false;
        }
        at.remove(at.size() - 1);
        continue;
      }
      at.add(part);
      String path = String.join("/", at);
      budget[0] -= path.length();
      if (budget[0] < 0) {
        return false; // links so many and deep that resolving them is work no real package needs
      }
      target = links.get(path);
      if (target != null) {
        at.remove(at.size() - 1);
      }
    }
  }

  private static void createLinks(Path root, Map<String, String> links) throws IOException {
    Path real = root.toRealPath();
    for (Map.Entry<String, String> link : links.entrySet()) {
      Path at = inside(root, link.getKey());
      Files.createDirectories(at.getParent());
      Files.createSymbolicLink(at, Path.of(link.getValue()));
    }
    for (String name : links.keySet()) {
      Path at = root.resolve(name);
      // Checked above on the archive's names; checked again on the file system, which has the last word.
      if (Files.exists(at) && !at.toRealPath().startsWith(real)) {
        throw refused(name, "is a symbolic link that resolves outside the function's code directory");
      }
    }
  }

  private static Path inside(Path root, String name) {
    Path out = root.resolve(name).normalize();
    if (!out.startsWith(root) || out.equals(root)) {
      throw invalid(INVALID_ZIP);
    }
    return out;
  }

  /** A file to write, straight in place: the whole directory is moved into the cache only once complete. */
  private static OutputStream open(Path root, String name) throws IOException {
    Path out = inside(root, name);
    Files.createDirectories(out.getParent());
    return Files.newOutputStream(out);
  }

  /** Lambda's CodeSha256 of some bytes. */
  public static String sha256Base64(byte[] bytes) {
    return CodeSha256.of(bytes);
  }


  /**
   * Checks an entry's name and returns it normalised: forward slashes, no empty or {@code .} parts, no
   * trailing slash (empty for the code directory itself).
   */
  private static String checkName(String name) {
    String n = name.replace('\\', '/');
    if (n.isEmpty() || n.startsWith("/") || n.matches("^[A-Za-z]:.*") || n.contains("\0")) {
      throw invalid(INVALID_ZIP);
    }
    if (n.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
      throw refused(name, "is longer than " + MAX_NAME_BYTES + " bytes");
    }
    List<String> parts = new ArrayList<>();
    for (String part : n.split("/")) {
      if (part.equals("..")) {
        throw invalid(INVALID_ZIP);
      }
      if (part.getBytes(StandardCharsets.UTF_8).length > MAX_PART_BYTES) {
        throw refused(name, "has a part longer than " + MAX_PART_BYTES + " bytes, the longest file name Linux allows");
      }
      if (!part.isEmpty() && !part.equals(".")) {
        parts.add(part);
      }
    }
    return String.join("/", parts);
  }

  /**
   * A symbolic link marked the older way: the "ASi Unix" extra field (0x756e) of the local header, whose
   * mode (after a CRC) has the link bits 0xA000.
   */
  private static boolean isLinkByExtraField(ZipEntry entry) {
    byte[] extra = entry.getExtra();
    if (extra == null) {
      return false;
    }
    for (int i = 0; i + 4 <= extra.length; ) {
      int id = (extra[i] & 0xff) | ((extra[i + 1] & 0xff) << 8);
      int size = (extra[i + 2] & 0xff) | ((extra[i + 3] & 0xff) << 8);
      if (id == 0x756e && i + 4 + 6 <= extra.length) {
        int mode = (extra[i + 8] & 0xff) | ((extra[i + 9] & 0xff) << 8);
        if ((mode & 0xF000) == 0xA000) {
          return true;
        }
      }
      i += 4 + size;
    }
    return false;
  }

  /** AWS's message for a zip it cannot unpack, with what is wrong and where. */
  private static AwsError refused(String entryName, String why) {
    return invalid(INVALID_ZIP + " The entry " + shorten(entryName) + " " + why + ".");
  }

  private static String shorten(String name) {
    return "'" + (name.length() > 80 ? name.substring(0, 40) + "..." + name.substring(name.length() - 20) : name)
        + "'";
  }

  private static AwsError invalid(String message) {
    return new AwsError(400, "InvalidParameterValueException", message);
  }
}
