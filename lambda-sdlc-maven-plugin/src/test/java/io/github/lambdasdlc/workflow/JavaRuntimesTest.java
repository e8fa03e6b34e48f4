package io.github.lambdasdlc.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime prepare chooses or accepts, by the day of the build and the Java release of its classes. */
class JavaRuntimesTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 29);
  private static final String SETTING = "lambda-sdlc.runtime";
  private final List<WorkflowEvent> events = new ArrayList<>();
  private final WorkflowListener listener = events::add;

  private String resolve(String configured, OptionalInt release, LocalDate day) {
    return JavaRuntimes.resolve(configured, SETTING, release, day, listener);
  }

  private List<String> messages() {
    return events.stream().map(WorkflowEvent::message).toList();
  }

  @Test
  void unsetItIsTheOldestSupportedRuntimeThatRunsTheClasses() {
    assertThat(resolve(null, OptionalInt.of(17), TODAY)).isEqualTo("java21");
    assertThat(messages()).containsExactly("Runtime: java21 (the oldest Java runtime Lambda supports that runs this"
        + " build's classes (compiled for Java 17); set lambda-sdlc.runtime to choose another)");
    assertThat(resolve(" ", OptionalInt.of(11), TODAY)).isEqualTo("java21");
    assertThat(resolve(null, OptionalInt.of(22), TODAY)).isEqualTo("java25");
    assertThat(resolve(null, OptionalInt.empty(), TODAY)).isEqualTo("java21");
    // Before the Amazon Linux 2 runtimes were deprecated, release 17 classes got java17.
    assertThat(resolve(null, OptionalInt.of(17), LocalDate.of(2026, 6, 29))).isEqualTo("java17");
    assertThatThrownBy(() -> resolve(null, OptionalInt.of(26), TODAY)).isInstanceOf(WorkflowException.class)
        .hasMessage("No Java runtime Lambda offers runs this build's classes (compiled for Java 26): the newest is"
            + " java25. Compile for an older release (maven.compiler.release).");
  }

  @Test
  void aRuntimeAwsNoLongerAcceptsFailsNamingTheSuccessor() {
    assertThatThrownBy(() -> resolve("java17", OptionalInt.of(17), TODAY))
        .isInstanceOfSatisfying(WorkflowException.class, e -> assertThat(e.isUserFault()).isTrue())
        .hasMessage("AWS Lambda no longer accepts the runtime java17 (lambda-sdlc.runtime): functions cannot be"
            + " created on it since 2026-07-31 nor updated to it since 2026-08-31. AWS recommends java25; java21 is"
            + " the oldest supported runtime that runs classes compiled for Java 17 (leave the setting out and"
            + " prepare chooses it).");
    assertThatThrownBy(() -> resolve("java8.al2", OptionalInt.empty(), TODAY)).hasMessageContaining("java8.al2")
        .hasMessageContaining("AWS recommends java25");
    assertThatThrownBy(() -> resolve("java8", OptionalInt.empty(), TODAY)).hasMessageContaining("no longer accepts");
    // Between its deprecation and its update block it is accepted, with a warning.
    assertThat(resolve("java17", OptionalInt.of(17), LocalDate.of(2026, 8, 1))).isEqualTo("java17");
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.level()).isEqualTo(WorkflowEvent.Level.WARN);
      assertThat(e.message()).startsWith("The runtime java17 (lambda-sdlc.runtime) is deprecated since 2026-06-30:"
          + " AWS refuses functions on it from 2026-07-31 and updates to it from 2026-08-31.");
    });
  }

  @Test
  void aRuntimeSetIsCheckedAgainstTheClasses() {
    assertThat(resolve("java25", OptionalInt.of(17), TODAY)).isEqualTo("java25");
    assertThat(resolve(" java21 ", OptionalInt.of(21), TODAY)).isEqualTo("java21");
    assertThat(events).isEmpty();
    assertThatThrownBy(() -> resolve("java21", OptionalInt.of(25), TODAY))
        .hasMessage("The runtime java21 (lambda-sdlc.runtime) runs Java 21, which cannot load this build's classes"
            + " (compiled for Java 25). Choose a newer runtime; java25 is the oldest supported runtime that runs"
            + " classes compiled for Java 25 (leave the setting out and prepare chooses it), or compile for"
            + " release 21.");
    assertThatThrownBy(() -> resolve("python3.13", OptionalInt.of(17), TODAY))
        .hasMessage("The runtime 'python3.13' (lambda-sdlc.runtime) is not a Java runtime Lambda offers. Use one of:"
            + " java21, java25, provided.al2023 (a native image or custom runtime with lambda-sdlc.bootstrap).");
  }

  @Test
  void theReleaseIsTheNewestClassFileVersionOfTheBuild(@TempDir Path dir) throws IOException {
    assertThat(JavaRuntimes.classesRelease(dir.resolve("missing"))).isEmpty();
    Files.createDirectories(dir.resolve("a/b"));
    assertThat(JavaRuntimes.classesRelease(dir)).isEmpty();
    Files.write(dir.resolve("a/Old.class"), classHeader(52));
    Files.write(dir.resolve("a/b/New.class"), classHeader(61));
    Files.write(dir.resolve("a/b/notes.txt"), classHeader(99));
    Files.write(dir.resolve("a/b/Broken.class"), new byte[] {1, 2, 3});
    assertThat(JavaRuntimes.classesRelease(dir)).hasValue(17);
  }

  private static byte[] classHeader(int major) {
    return new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, (byte) major};
  }

  @Test
  void anOsOnlyRuntimeIsAcceptedForNativeImagesAndCustomRuntimesOnItsDates() {
    // Any class release: the bootstrap brings its own JVM or is a native image.
    assertThat(resolve("provided.al2023", OptionalInt.of(25), TODAY)).isEqualTo("provided.al2023");
    assertThat(JavaRuntimes.check("provided.al2023", SETTING)).isEqualTo("provided.al2023");
    assertThat(JavaRuntimes.isOsOnly("provided.al2023")).isTrue();
    assertThat(JavaRuntimes.isOsOnly("java21")).isFalse();
    assertThat(JavaRuntimes.runsJavaBuilds("provided.al2")).isTrue();
    assertThatThrownBy(() -> resolve("provided.al2", OptionalInt.of(17), TODAY)).isInstanceOf(WorkflowException.class)
        .hasMessageContaining("AWS Lambda no longer accepts the runtime provided.al2").hasMessageContaining("provided.al2023");
    assertThatThrownBy(() -> JavaRuntimes.check("provided", SETTING)).isInstanceOf(WorkflowException.class)
        .hasMessageContaining("provided.al2023 (a native image or custom runtime with lambda-sdlc.bootstrap)");
    assertThatThrownBy(() -> JavaRuntimes.check("nodejs22.x", SETTING)).isInstanceOf(WorkflowException.class)
        .hasMessageContaining("is not a Java runtime");
  }
}
