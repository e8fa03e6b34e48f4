package io.github.lambdasdlc.workflow;

import io.github.lambdasdlc.code.CodeSha256;
import io.github.lambdasdlc.code.ZipUnixModes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds a function's deployment package the way Lambda's Java runtimes read it: the build's classes and
 * resources at the root, each runtime dependency as a jar under {@code lib/}, and, for an OS-only runtime
 * ({@code provided.al2023}), an executable {@value #BOOTSTRAP} at the root. The zip is deterministic
 * (entries sorted, one fixed timestamp, no extra fields), so the same inputs always give the same bytes
 * and therefore the same CodeSha256: that is what lets deploy skip an upload when nothing changed.
 */
public final class DeploymentZip {
  /** The executable an OS-only runtime starts, at the package's root; always packaged as executable. */
  public static final String BOOTSTRAP = "bootstrap";

  /** The DOS epoch, the earliest time a zip entry can hold; used when the build sets no timestamp. */
  private static final LocalDateTime DEFAULT_TIME = LocalDateTime.of(1980, 1, 1, 0, 0, 2);

  /** A dependency jar and the file name it gets under {@code lib/}. */
  public record Library(String fileName, Path jar) {
  }

  /** The package made: its file, size, Lambda's CodeSha256 of it, and how many files it holds. */
  public record Result(Path file, long size, String codeSha256, int files) {
  }

  private DeploymentZip() {
  }

  /**
   * Writes the package atomically to {@code output}.
   *
   * @param classes the build's output directory (may be missing only if there are libraries)
   * @param timestamp the time every entry carries (the build's {@code project.build.outputTimestamp}), or null
   * @throws WorkflowException when there is nothing to package or two libraries share a file name
   */
  public static Result build(Path classes, List<Library> libraries, Instant timestamp, Path output) {
    return build(classes, libraries, null, timestamp, output);
  }

  /**
   * Writes the package atomically to {@code output}, with {@code bootstrap} (when not null) as the executable
   * {@value #BOOTSTRAP} at its root, in place of any the classes hold.
   *
   * @param bootstrap the executable an OS-only runtime starts (a native image, a script), or null
   * @throws WorkflowException when there is nothing to package, two libraries share a file name, or the bootstrap
   *     is not a file
   */
  public static Result build(Path classes, List<Library> libraries, Path bootstrap, Instant timestamp, Path output) {
    Map<String, Path> entries = new TreeMap<>();
    if (classes != null && Files.isDirectory(classes)) {
      try (Stream<Path> walk = Files.walk(classes)) {
        walk.filter(Files::isRegularFile).forEach(f -> entries.put(
            classes.relativize(f).toString().replace('\\', '/'), f));
      } catch (IOException e) {
        throw WorkflowException.failure("Cannot read the build's classes in " + classes + ": " + e.getMessage(), e);
      }
    }
    Set<String> names = new HashSet<>();
    for (Library library : libraries) {
      if (!names.add(library.fileName())) {
        throw WorkflowException.userError("Two runtime dependencies would both be packaged as lib/"
            + library.fileName() + ". Exclude one of them from the runtime scope.");
      }
      entries.put("lib/" + library.fileName(), library.jar());
    }
    if (bootstrap != null) {
      if (!Files.isRegularFile(bootstrap)) {
        throw WorkflowException.userError("The bootstrap " + bootstrap + " (lambda-sdlc.bootstrap) is not a file."
            + " Build it first (a native image: mvn -Pnative package) or point the setting at the executable.");
      }
      entries.put(BOOTSTRAP, bootstrap);
    }
    if (entries.isEmpty()) {
      throw WorkflowException.userError("There is nothing to deploy: " + classes + " holds no classes and the"
          + " project has no runtime dependencies. Run the build's compile phase first (mvn package).");
    }
    LocalDateTime time = timestamp == null ? DEFAULT_TIME
        : LocalDateTime.ofInstant(timestamp, ZoneOffset.UTC).isBefore(DEFAULT_TIME) ? DEFAULT_TIME
        : LocalDateTime.ofInstant(timestamp, ZoneOffset.UTC);
    try {
      Files.createDirectories(output.toAbsolutePath().getParent());
      Path tmp = output.resolveSibling(output.getFileName() + ".tmp");
      try (OutputStream file = Files.newOutputStream(tmp);
          ZipOutputStream zip = new ZipOutputStream(file)) {
        for (String dir : directories(entries.keySet())) {
          ZipEntry entry = new ZipEntry(dir);
          entry.setTimeLocal(time);
          zip.putNextEntry(entry);
          zip.closeEntry();
        }
        for (Map.Entry<String, Path> e : entries.entrySet()) {
          ZipEntry entry = new ZipEntry(e.getKey());
          entry.setTimeLocal(time);
          zip.putNextEntry(entry);
          Files.copy(e.getValue(), zip);
          zip.closeEntry();
        }
      }
      byte[] bytes = Files.readAllBytes(tmp);
      if (entries.containsKey(BOOTSTRAP)) {
        Files.write(tmp, ZipUnixModes.markExecutable(bytes, Set.of(BOOTSTRAP)));
      }
      Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return new Result(output, bytes.length, CodeSha256.of(bytes), entries.size());
    } catch (IOException e) {
      throw WorkflowException.failure("Cannot write the deployment package " + output + ": " + e.getMessage(), e);
    }
  }

  /** Every parent directory of the files, sorted, each once: unzip tools and some runtimes expect them. */
  private static List<String> directories(Set<String> files) {
    Set<String> dirs = new java.util.TreeSet<>();
    for (String f : files) {
      for (int i = f.indexOf('/'); i > 0; i = f.indexOf('/', i + 1)) {
        dirs.add(f.substring(0, i + 1));
      }
    }
    return new ArrayList<>(dirs);
  }
}
