package io.github.lambdasdlc.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Small classes with names that explain themselves: no main source file grows past {@value #MAX_LINES} lines.
 * Generated data belongs in a resource file beside a small hand-written reader (see StandInTable).
 */
class ClassSizeTest {
  private static final int MAX_LINES = 450;
  /** Surefire runs in the module's directory. */
  private static final Path MAIN_SOURCES = Path.of("src/main/java");

  @Test
  void noMainSourceFileIsOverTheLimit() throws IOException {
    assertThat(MAIN_SOURCES).isDirectory();
    List<String> tooLong;
    try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
      tooLong = files.filter(f -> f.toString().endsWith(".java"))
          .filter(f -> lines(f) > MAX_LINES)
          .map(f -> MAIN_SOURCES.relativize(f) + " (" + lines(f) + " lines)")
          .sorted()
          .toList();
    }
    assertThat(tooLong).as("main source files over %d lines: split them by job", MAX_LINES).isEmpty();
  }

  private static long lines(Path file) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.count();
    } catch (IOException e) {
      throw new UncheckedIOException(file.toString(), e);
    }
  }
}
