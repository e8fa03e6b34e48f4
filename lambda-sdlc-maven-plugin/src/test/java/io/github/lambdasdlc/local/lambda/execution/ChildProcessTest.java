package io.github.lambdasdlc.local.lambda.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guard that keeps runtimes from outliving the local cloud. */
class ChildProcessTest {
  @TempDir
  Path dir;

  @Test
  void runtimeDiesWhenTheLocalCloudsEndOfThePipeCloses() throws Exception {
    // What a SIGKILL of this JVM does to the pipe, done by hand.
    ChildProcess child = ChildProcess.start(List.of("sleep", "60"), dir, Map.of("PATH", "/usr/bin:/bin"));
    ProcessHandle runtime = waitForRuntime(child);
    assertThat(runtime.isAlive()).isTrue();
    child.closeLifeline();
    assertThat(child.guard().waitFor(5, TimeUnit.SECONDS)).isTrue();
    runtime.onExit().get(5, TimeUnit.SECONDS);
    assertThat(runtime.isAlive()).isFalse();
    assertThat(ChildProcess.describeExit(child.guard().exitValue())).isEqualTo("signal: killed");
  }

  @Test
  void exitStatusAndEnvironmentAreTheRuntimes() throws Exception {
    ChildProcess child = ChildProcess.start(List.of("sh", "-c", "env; exit 7"), dir,
        Map.of("PATH", "/usr/bin:/bin", "ONLY_THIS", "1"));
    String out = new String(child.guard().getInputStream().readAllBytes());
    assertThat(child.guard().waitFor(5, TimeUnit.SECONDS)).isTrue();
    assertThat(child.guard().exitValue()).isEqualTo(7);
    assertThat(out).contains("ONLY_THIS=1").doesNotContain("HOME=");
    child.kill();
  }

  private static ProcessHandle waitForRuntime(ChildProcess child) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      var runtime = child.runtime();
      if (runtime.isPresent() && runtime.get().info().command().map(c -> c.endsWith("sleep")).orElse(false)) {
        return runtime.get();
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the runtime did not start");
  }
}
