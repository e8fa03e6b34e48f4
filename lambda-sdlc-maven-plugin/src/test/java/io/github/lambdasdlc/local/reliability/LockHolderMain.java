package io.github.lambdasdlc.local.reliability;

import io.github.lambdasdlc.local.LocalCloud;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link CrashSafetyTest}: holds a state directory with a running local cloud for
 * the given number of milliseconds, then closes it and exits. Prints {@code READY <endpoint>} once serving.
 */
public final class LockHolderMain {
  private LockHolderMain() {
  }

  public static void main(String[] args) throws InterruptedException {
    try (LocalCloud cloud = LocalCloud.start(LocalCloudConfig.builder(Path.of(args[0])).build())) {
      System.out.println("READY " + cloud.endpoint());
      System.out.flush();
      Thread.sleep(Long.parseLong(args[1]));
    }
  }
}
