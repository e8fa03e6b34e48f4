package io.github.lambdasdlc.local.lambda.code;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Archives made by the real {@code zip -y} command, which stores a symbolic link as a link (its mode only in
 * the central directory's external attributes). Tests that need it are skipped, saying so, without it.
 */
public final class ZipCommand {
  private ZipCommand() {
  }

  /** Skips the calling test when there is no {@code zip} command (CI installs it: see {@code .ci/run}). */
  public static void assumeAvailable() {
    boolean available;
    try {
      Process p = new ProcessBuilder("zip", "-v").redirectErrorStream(true).start();
      p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
      available = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      available = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      available = false;
    }
    assumeTrue(available, "the zip command is not installed (apt-get install zip): the zip -y symlink tests are"
        + " skipped");
  }

  /**
   * Zips a tree made in {@code work}: {@code files} (name to content) and {@code links} (name to target),
   * with {@code zip -r -y}.
   */
  public static byte[] zipY(Path work, Map<String, String> files, Map<String, String> links) throws Exception {
    Path tree = Files.createTempDirectory(work, "tree");
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path file = tree.resolve(f.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, f.getValue(), StandardCharsets.UTF_8);
    }
    for (Map.Entry<String, String> l : links.entrySet()) {
      Path link = tree.resolve(l.getKey());
      Files.createDirectories(link.getParent());
      Files.createSymbolicLink(link, Path.of(l.getValue()));
    }
    Path out = work.resolve(tree.getFileName() + ".zip");
    Process p = new ProcessBuilder("zip", "-q", "-r", "-y", out.toString(), ".").directory(tree.toFile())
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("zip -y failed: " + output);
    }
    try (java.util.stream.Stream<Path> walk = Files.walk(tree)) {
      // links first and never followed: the tree goes, what its links point to stays
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
    return Files.readAllBytes(out);
  }
}
