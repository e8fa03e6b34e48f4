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

/** The named pipe the guard shell gives a runtime as its descriptor 3. */
class TelemetryPipeTest {
  @TempDir
  Path dir;

  @Test
  void theRuntimeWritesToDescriptor3AndItsEndIsTheStreamsEnd() throws Exception {
    TelemetryPipe pipe = TelemetryPipe.create(dir.resolve("pipes"));
    // The guard itself, and the watcher it forks, let go of the pipe: only the runtime holds it.
    ChildProcess child = ChildProcess.start(List.of("sh", "-c", "printf 'framed' >&3; echo raw; sleep 0.2"), dir,
        Map.of("PATH", "/usr/bin:/bin"), pipe.path());
    try (InputStream in = pipe.open()) {
      assertThat(Files.exists(pipe.path())).as("the pipe's name is gone once both ends are open").isFalse();
      assertThat(new String(readToEnd(in), StandardCharsets.UTF_8)).isEqualTo("framed");
    }
    assertThat(new String(child.guard().getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("raw\n");
    assertThat(child.guard().waitFor(5, TimeUnit.SECONDS)).isTrue();
    assertThat(child.guard().exitValue()).isZero();
  }

  @Test
  void withoutAPipeTheRuntimeHasNoDescriptor3() throws Exception {
    ChildProcess child = ChildProcess.start(List.of("sh", "-c", "printf x >&3 && echo open || echo closed"), dir,
        Map.of("PATH", "/usr/bin:/bin"));
    assertThat(new String(child.guard().getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("closed\n");
    assertThat(child.guard().waitFor(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void releaseLetsAReaderGoWhoseWriterNeverCame() throws Exception {
    TelemetryPipe pipe = TelemetryPipe.create(dir.resolve("pipes"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pipe.path()))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("pipes")))).isEqualTo("rwx------");
    CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
      try (InputStream in = pipe.open()) {
        return readToEnd(in);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(50);
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
    TelemetryPipe left = TelemetryPipe.create(dir.resolve("pipes"));
    Files.writeString(dir.resolve("pipes").resolve("other"), "kept");
    TelemetryPipe.removeLeftovers(dir.resolve("pipes"));
    assertThat(Files.exists(left.path())).isFalse();
    assertThat(dir.resolve("pipes").resolve("other")).exists();
  }
}
