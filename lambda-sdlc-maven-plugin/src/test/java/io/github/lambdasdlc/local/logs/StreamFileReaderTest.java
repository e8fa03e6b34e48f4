package io.github.lambdasdlc.local.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading growing stream files: partial lines, long lines, replaced files, lines that are not events. */
class StreamFileReaderTest {
  @TempDir
  Path dir;

  private void append(Path file, String text) throws Exception {
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Test
  void readsOnlyCompleteLinesAndPicksUpWhatIsAppended() throws Exception {
    StreamFileReader reader = new StreamFileReader();
    Path file = dir.resolve("s");
    assertThat(reader.events(file)).isEmpty();

    String second = LocalLogs.line(2, "two");
    append(file, LocalLogs.line(1, "one") + "\n" + second.substring(0, 20));
    List<LogEvent> first = reader.events(file);
    assertThat(first).extracting(LogEvent::message).containsExactly("one");

    append(file, second.substring(20) + "\n");
    // The line was cut inside its JSON while being written; once finished it reads whole.
    assertThat(reader.events(file)).extracting(LogEvent::message).containsExactly("one", "two");
    assertThat(reader.events(file)).extracting(LogEvent::index).containsExactly(0, 1);
    assertThat(first).as("an earlier answer does not change").hasSize(1);
  }

  @Test
  void readsWhileAnotherThreadWrites() throws Exception {
    StreamFileReader reader = new StreamFileReader();
    Path file = dir.resolve("s");
    int total = 3000;
    Thread writer = new Thread(() -> {
      try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND)) {
        for (int i = 0; i < total; i++) {
          out.write(LocalLogs.line(i, "event " + i));
          out.write('\n');
          out.flush();
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    writer.start();
    int seen = 0;
    while (writer.isAlive() || seen < total) {
      List<LogEvent> events = reader.events(file);
      assertThat(events.size()).isGreaterThanOrEqualTo(seen);
      for (int i = seen; i < events.size(); i++) {
        assertThat(events.get(i).message()).isEqualTo("event " + i);
        assertThat(events.get(i).index()).isEqualTo(i);
      }
      seen = events.size();
      if (!writer.isAlive() && seen < total) {
        seen = reader.events(file).size();
        assertThat(seen).isEqualTo(total);
      }
    }
    writer.join();
  }

  @Test
  void readsLinesLongerThanOneChunk() throws Exception {
    StreamFileReader reader = new StreamFileReader();
    Path file = dir.resolve("s");
    String huge = "y".repeat(3 * 1024 * 1024);
    append(file, LocalLogs.line(1, huge) + "\n" + LocalLogs.line(2, "after") + "\n");

    assertThat(reader.events(file)).extracting(LogEvent::message).containsExactly(huge, "after");
  }

  @Test
  void skipsLinesThatAreNotEventsAndRereadsAReplacedFile() throws Exception {
    StreamFileReader reader = new StreamFileReader();
    Path file = dir.resolve("s");
    append(file, "garbage\n{\"timestamp\":1}\n\n" + LocalLogs.line(3, "ok") + "\n");
    assertThat(reader.events(file)).extracting(LogEvent::message).containsExactly("ok");

    Files.delete(file);
    append(file, LocalLogs.line(9, "new") + "\n");
    assertThat(reader.events(file)).extracting(LogEvent::message).containsExactly("new");
  }
}
