package io.github.lambdasdlc.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry of running {@code local} goals: entries appear, disappear and go stale as processes do. */
class LocalServersTest {
  @TempDir
  Path temp;
  private Path previous;
  private Process sleeper;

  @BeforeEach
  void useTempRegistry() {
    previous = LocalServers.root();
    LocalServers.useRoot(temp.resolve("home/.lambda-sdlc/servers"));
  }

  @AfterEach
  void restore() {
    LocalServers.useRoot(previous);
    if (sleeper != null) {
      sleeper.destroyForcibly();
    }
  }

  @Test
  void anEntryLastsAsLongAsItsRegistrationAndIsPrivate() throws Exception {
    URI endpoint = URI.create("http://127.0.0.1:4566");
    try (LocalServers.Registration registration = LocalServers.register(endpoint, temp.resolve("state/../state"))) {
      assertThat(LocalServers.running()).singleElement().satisfies(s -> {
        assertThat(s.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(s.endpoint()).isEqualTo(endpoint);
        assertThat(s.stateDir()).isEqualTo(temp.resolve("state"));
      });
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(LocalServers.root())))
          .isEqualTo("rwx------");
      try (var files = Files.list(LocalServers.root())) {
        assertThat(files.toList()).singleElement().satisfies(f ->
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------"));
      }
    }
    assertThat(LocalServers.running()).isEmpty();
  }

  @Test
  void anEntryOfAProcessThatIsGoneIsStaleAndDeleted() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    assertThat(gone.waitFor(60, TimeUnit.SECONDS)).isTrue();
    Path file = entry(gone.pid(), null);
    assertThat(LocalServers.running()).isEmpty();
    assertThat(file).doesNotExist();
  }

  @Test
  void aProcessIdReusedByAnotherProcessIsStale() throws Exception {
    sleeper = new ProcessBuilder("sleep", "120").start();
    Instant start = sleeper.info().startInstant().orElseThrow();
    entry(sleeper.pid(), start);
    assertThat(LocalServers.running()).singleElement().satisfies(s -> assertThat(s.pid()).isEqualTo(sleeper.pid()));

    Path reused = entry(sleeper.pid(), start.minusSeconds(3600));
    assertThat(LocalServers.running()).hasSize(1); // the one with the right start instant
    assertThat(reused).doesNotExist();
  }

  @Test
  void unreadableEntriesAreIgnored() throws Exception {
    Files.createDirectories(LocalServers.root());
    Files.writeString(LocalServers.root().resolve("local-1-2.json"), "{ half-writ");
    assertThat(LocalServers.running()).isEmpty();
  }

  private Path entry(long pid, Instant start) throws Exception {
    Files.createDirectories(LocalServers.root());
    Path file = LocalServers.root().resolve("local-" + pid + "-" + (start == null ? 1 : start.toEpochMilli()) + ".json");
    Files.writeString(file, "{\"pid\":" + pid + (start == null ? "" : ",\"processStart\":\"" + start + "\"")
        + ",\"endpoint\":\"http://127.0.0.1:4566\",\"stateDir\":\"" + temp.resolve("elsewhere") + "\"}");
    return file;
  }
}
