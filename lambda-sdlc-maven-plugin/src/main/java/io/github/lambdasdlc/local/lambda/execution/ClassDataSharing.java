package io.github.lambdasdlc.local.lambda.execution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An application class-data-sharing (AppCDS) archive of the runtime interface client's classes, one per
 * JDK and set of RIC jars, as Lambda's Java runtimes start the JVM with a CDS archive of their own. The
 * RIC and its serialization library (a shaded Jackson) are about 2,000 classes; loading them from the
 * archive instead of the jars halves the runtime's init (about 0.55 s to 0.27 s on JDK 17 measured by the
 * benchmark suite) and lowers its resident memory by some 20 MB.
 *
 * <p>The archive is learned, not shipped: the first Java environment on a JDK without one records the
 * classes it loads ({@code -XX:DumpLoadedClassList}, written as they load); after its first invocation
 * (when the serialization classes are loaded too) a background {@code java -Xshare:dump} turns the list
 * into an archive, moved into place in one step. Later environments start with
 * {@code -XX:SharedArchiveFile}. Only the JDK's and the RIC's classes are in it (the function's own
 * classes load through the RIC's class loader and are not listed), so every function shares it. The key
 * names the JDK and the RIC jars (path, size, time), so an updated JDK or plugin gets a new archive; a JVM
 * that still cannot use an archive ignores it ({@code -Xshare:auto}).
 */
final class ClassDataSharing {
  /** The JVM options for one launch, and what to do once its runtime has answered an invocation, or never will. */
  record Options(List<String> jvmOptions, RuntimeLauncher.FirstInvocation followUp) {
    static final Options NONE = new Options(List.of(), RuntimeLauncher.FirstInvocation.NOTHING);
  }

  private final Path dir;
  private final Consumer<String> warnings;
  private final Set<String> learning = ConcurrentHashMap.newKeySet();
  private final Set<Process> dumping = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  ClassDataSharing(Path dir, Consumer<String> warnings) {
    this.dir = dir;
    this.warnings = warnings;
  }

  Options options(JdkLocator.Jdk jdk, List<Path> classPath) {
    if (jdk.major() < 11) {
      return Options.NONE; // AppCDS is a commercial feature of JDK 8
    }
    String key = key(jdk, classPath);
    Path archive = dir.resolve("ric-" + key + ".jsa");
    if (Files.isRegularFile(archive)) {
      return new Options(List.of("-XX:SharedArchiveFile=" + archive), RuntimeLauncher.FirstInvocation.NOTHING);
    }
    if (!learning.add(key)) {
      return Options.NONE; // another environment is recording the classes, or making the archive
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      return Options.NONE;
    }
    Path list = dir.resolve("ric-" + key + ".classlist-" + UUID.randomUUID());
    RuntimeLauncher.FirstInvocation followUp = new RuntimeLauncher.FirstInvocation() {
      @Override
      public void answered() {
        Thread t = new Thread(() -> dump(jdk, classPath, list, archive), "lambda-cds-dump");
        t.setDaemon(true);
        t.start();
      }

      @Override
      public void never() {
        // The runtime died or was stopped before answering: the next environment records the classes.
        deleteQuietly(list);
        learning.remove(key);
      }
    };
    return new Options(List.of("-XX:DumpLoadedClassList=" + list), followUp);
  }

  private void dump(JdkLocator.Jdk jdk, List<Path> classPath, Path list, Path archive) {
    Path tmp = archive.resolveSibling(archive.getFileName() + ".tmp-" + UUID.randomUUID());
    Path output = archive.resolveSibling(archive.getFileName() + ".log-" + UUID.randomUUID());
    Process p = null;
    try {
      // The runtime's module options too: on newer JDKs (25) an archive made with them keeps its archived
      // module graph for JVMs started with them (JDK 17 gives it up for any --add-opens).
      p = new ProcessBuilder(jdk.javaExecutable().toString(), "-Xshare:dump", JavaRuntimeFamily.OPEN_JAVA_IO,
          "-XX:SharedClassListFile=" + list, "-XX:SharedArchiveFile=" + tmp, "-cp",
          String.join(java.io.File.pathSeparator, classPath.stream().map(Path::toString).toList()))
          .redirectErrorStream(true).redirectOutput(output.toFile()).start();
      dumping.add(p);
      if (closed) {
        return;
      }
      if (!p.waitFor(2, TimeUnit.MINUTES)) {
        warn(jdk, "java -Xshare:dump did not finish within 2 minutes");
      } else if (p.exitValue() != 0 || !Files.isRegularFile(tmp)) {
        warn(jdk, "java -Xshare:dump exited with " + p.exitValue() + lastLine(output));
      } else {
        try {
          Files.move(tmp, archive, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, archive, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      warn(jdk, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (p != null) {
        p.destroyForcibly();
        dumping.remove(p);
      }
      deleteQuietly(tmp);
      deleteQuietly(list);
      deleteQuietly(output);
    }
  }

  /** Stops a dump under way (the local cloud is closing; its state directory may be about to go). */
  void close() {
    closed = true;
    dumping.forEach(Process::destroyForcibly);
  }

  private void warn(JdkLocator.Jdk jdk, String why) {
    if (!closed) {
      warnings.accept("The local cloud could not make a class-data-sharing archive for Java functions on "
          + jdk.home() + " (" + why + "); they start without one, which is slower but works.");
    }
  }

  private static String lastLine(Path output) {
    try {
      List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
      return lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1);
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  /** The JDK (home, version, modules image) and the class path jars (path, size, modification time). */
  static String key(JdkLocator.Jdk jdk, List<Path> classPath) {
    StringBuilder s = new StringBuilder(jdk.home().toAbsolutePath().toString()).append('|').append(jdk.major());
    describe(s, jdk.home().resolve("release"));
    describe(s, jdk.home().resolve("lib/modules"));
    describe(s, jdk.javaExecutable());
    classPath.forEach(p -> describe(s, p));
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8));
      return jdk.major() + "-" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void describe(StringBuilder s, Path file) {
    s.append('|').append(file.toAbsolutePath());
    try {
      s.append(':').append(Files.size(file)).append(':').append(Files.getLastModifiedTime(file).toMillis());
    } catch (IOException e) {
      s.append(":-");
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a leftover file in the runtime directory is harmless
    }
  }
}
