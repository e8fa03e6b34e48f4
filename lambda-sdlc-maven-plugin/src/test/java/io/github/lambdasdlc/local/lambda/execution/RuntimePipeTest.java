package io.github.lambdasdlc.local.lambda.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The named pipes the guard shell gives a runtime as its descriptors 1, 2 and 3. */
class RuntimePipeTest {
  @TempDir
  Path dir;

  @Test
  void theRuntimeWritesToDescriptor3AndItsEndIsTheStreamsEnd() throws Exception {
    RuntimePipe pipe = RuntimePipe.create(dir.resolve("pipes"));
    // The local cloud's ends open first, without waiting for the runtime.
    try (InputStream in = pipe.open()) {
      // The guard itself, and the watcher it forks, let go of the pipe: only the runtime holds it.
      ChildProcess child = ChildProcess.start(List.of("sh", "-c", "printf 'framed' >&3; echo raw; sleep 0.2"), dir,
          Map.of("PATH", "/usr/bin:/bin"), pipe.path());
      assertThat(new String(child.guard().getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("raw\n");
      assertThat(child.guard().waitFor(5, TimeUnit.SECONDS)).isTrue();
      assertThat(child.guard().exitValue()).isZero();
      pipe.unlink();
      assertThat(Files.exists(pipe.path())).isFalse();
      // The local cloud's own writing end (for its markers) is the only other one.
      pipe.closeWriter();
      assertThat(new String(readToEnd(in), StandardCharsets.UTF_8)).isEqualTo("framed");
    }
  }

  @Test
  void stdoutAndStderrArePipesAndWhatAQuickRuntimeWroteIsKept() throws Exception {
    RuntimePipe.Set pipes = RuntimePipe.Set.create(dir.resolve("pipes"));
    pipes.open();
    ChildProcess child = ChildProcess.start(List.of("sh", "-c", "echo out; echo err >&2; printf log >&3"), dir,
        Map.of("PATH", "/usr/bin:/bin"), pipes);
    // The runtime is gone before anything reads its output: what it wrote is still there.
    assertThat(child.guard().waitFor(5, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(100);
    pipes.closeWriters();
    try (InputStream out = pipes.stdout().open(); InputStream err = pipes.stderr().open();
        InputStream log = pipes.log().open()) {
      assertThat(new String(readToEnd(out), StandardCharsets.UTF_8)).isEqualTo("out\n");
      assertThat(new String(readToEnd(err), StandardCharsets.UTF_8)).isEqualTo("err\n");
      assertThat(new String(readToEnd(log), StandardCharsets.UTF_8)).isEqualTo("log");
    }
    assertThat(child.guard().getInputStream().readAllBytes()).as("nothing on the guard's own stdout").isEmpty();
    pipes.release();
  }

  @Test
  void withoutAPipeTheRuntimeHasNoDescriptor3() throws Exception {
    ChildProcess child = ChildProcess.start(List.of("sh", "-c", "printf x >&3 && echo open || echo closed"), dir,
        Map.of("PATH", "/usr/bin:/bin"));
    assertThat(new String(child.guard().getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("closed\n");
    assertThat(child.guard().waitFor(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void releaseEndsTheStreamOfARuntimeThatNeverCame() throws Exception {
    RuntimePipe pipe = RuntimePipe.create(dir.resolve("pipes"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pipe.path()))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("pipes")))).isEqualTo("rwx------");
    InputStream opened = pipe.open();
    CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
      try (InputStream in = opened) {
        return readToEnd(in);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    pipe.release();
    assertThat(read.get(10, TimeUnit.SECONDS)).isEmpty();
    assertThat(Files.exists(pipe.path())).isFalse();
  }

  /** As the pump reads (FileInputStream.readAllBytes seeks, which a pipe cannot). */
  private static byte[] readToEnd(InputStream in) throws java.io.IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    for (int n; (n = in.read(buffer)) >= 0; ) {
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  @Test
  void pipesOfAKilledCloudAreRemoved() throws Exception {
    RuntimePipe left = RuntimePipe.create(dir.resolve("pipes"));
    Files.writeString(dir.resolve("pipes").resolve("other"), "kept");
    RuntimePipe.removeLeftovers(dir.resolve("pipes"));
    assertThat(Files.exists(left.path())).isFalse();
    assertThat(dir.resolve("pipes").resolve("other")).exists();
  }
}
