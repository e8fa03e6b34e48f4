package io.github.lambdasdlc.local.core;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Permissions for what the local cloud keeps on disk: directories {@code rwx------}, files {@code rw-------}.
 * Its state holds NoEcho parameter values, environment values and function output in clear, so no other
 * user of the machine may read it. Where the file system has no POSIX permissions, nothing is changed.
 */
public final class OwnerOnly {
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private OwnerOnly() {
  }

  /** The attributes that create a file readable and writable by its owner only. */
  public static FileAttribute<?>[] file() {
    return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
  }

  /** Creates {@code dir} and its missing parents as directories only their owner can enter. */
  public static Path createDirectories(Path dir) throws IOException {
    return POSIX ? Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY))
        : Files.createDirectories(dir);
  }

  /** Makes an existing directory (one an older version created, say) one only its owner can enter. */
  public static void restrict(Path dir) throws IOException {
    if (POSIX && !Files.getPosixFilePermissions(dir).equals(DIRECTORY)) {
      Files.setPosixFilePermissions(dir, DIRECTORY);
    }
  }

  /** Creates {@code file} empty, readable by its owner only, unless it exists. */
  public static void createFile(Path file) throws IOException {
    if (!Files.exists(file)) {
      try {
        Files.createFile(file, file());
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // another writer made it first
      }
    }
  }
}
