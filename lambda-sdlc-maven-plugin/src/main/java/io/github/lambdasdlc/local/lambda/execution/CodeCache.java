package io.github.lambdasdlc.local.lambda.execution;

import io.github.lambdasdlc.local.lambda.ExecutableFunction;
import io.github.lambdasdlc.local.lambda.code.CodeArchive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Unpacked deployment packages, one directory per CodeSha256, shared by every environment of that code
 * and kept across restarts. A package is unpacked into a temporary directory and moved into place in
 * one step, so a directory that exists is complete.
 */
final class CodeCache {
  private final Path root;
  private final Map<String, Object> locks = new ConcurrentHashMap<>();

  CodeCache(Path root) {
    this.root = root;
  }

  /** The unpacked code of a function version (the task root). */
  Path taskRoot(ExecutableFunction function) {
    String name = directoryName(function.codeSha256());
    Path dir = root.resolve(name);
    if (Files.isDirectory(dir)) {
      return dir;
    }
    synchronized (locks.computeIfAbsent(name, n -> new Object())) {
      if (Files.isDirectory(dir)) {
        return dir;
      }
      Path tmp = root.resolve("." + name + ".tmp-" + UUID.randomUUID());
      try {
        CodeArchive.unpack(function.codeZip(), tmp);
        moveIntoPlace(tmp, dir);
      } catch (IOException e) {
        deleteQuietly(tmp);
        throw new UncheckedIOException("Cannot unpack the code of " + function.functionArn() + " into " + dir, e);
      } catch (RuntimeException e) {
        deleteQuietly(tmp);
        throw e;
      }
      return dir;
    }
  }

  /**
   * Moves a complete unpacked directory into place. Only here does "already exists" mean success: another
   * local cloud on the same state directory placed the same code first. (From the unpacker it means a
   * broken archive, which must fail.)
   */
  private static void moveIntoPlace(Path tmp, Path dir) throws IOException {
    try {
      try {
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, dir);
      }
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
      if (!Files.isDirectory(dir)) {
        throw e;
      }
      deleteQuietly(tmp);
    }
  }

  /** CodeSha256 is base64 (with {@code /}); its hex form is a safe directory name. */
  private static String directoryName(String codeSha256) {
    try {
      return HexFormat.of().formatHex(Base64.getDecoder().decode(codeSha256));
    } catch (IllegalArgumentException e) {
      return codeSha256.replaceAll("[^A-Za-z0-9]", "_");
    }
  }

  private static void deleteQuietly(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temporary directory is harmless
    }
  }
}
