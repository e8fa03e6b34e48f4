package io.github.lambdasdlc.local.lambda.execution;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * A runtime's bootstrap that the plugin ships as a resource next to this class ({@code lambda_bootstrap.py},
 * {@code lambda-bootstrap.mjs}), written once into the runtime directory its processes read it from, and
 * rewritten only when the plugin's copy differs (a newer plugin on the same state directory).
 */
final class BootstrapResource {
  private BootstrapResource() {
  }

  /** Writes the resource {@code name} into {@code dir} unless it is there already; returns its path. */
  static synchronized Path write(String name, Path dir) {
    Path target = dir.resolve(name);
    try (InputStream in = BootstrapResource.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("The runtime bootstrap " + name + " is missing from the plugin");
      }
      byte[] content = in.readAllBytes();
      if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), content)) {
        return target;
      }
      Files.createDirectories(dir);
      Path tmp = target.resolveSibling(name + ".tmp");
      Files.write(tmp, content);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the runtime bootstrap " + name + " to " + target, e);
    }
  }
}
