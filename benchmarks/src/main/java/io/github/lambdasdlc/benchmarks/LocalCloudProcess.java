package io.github.lambdasdlc.benchmarks;

import io.github.lambdasdlc.local.LocalCloud;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import java.nio.file.Path;

/**
 * A local cloud in a process of its own, for measuring its memory: prints {@code ENDPOINT <url>} once it
 * serves, and stops when its standard input closes.
 */
public final class LocalCloudProcess {
  private LocalCloudProcess() {
  }

  public static void main(String[] args) throws Exception {
    java.util.logging.Logger.getLogger("io.github.lambdasdlc").setLevel(java.util.logging.Level.SEVERE);
    try (LocalCloud cloud = LocalCloud.start(LocalCloudConfig.builder(Path.of(args[0])).maxConcurrency(8).build())) {
      System.out.println("ENDPOINT " + cloud.endpoint());
      System.out.flush();
      System.in.transferTo(java.io.OutputStream.nullOutputStream());
    }
  }
}
