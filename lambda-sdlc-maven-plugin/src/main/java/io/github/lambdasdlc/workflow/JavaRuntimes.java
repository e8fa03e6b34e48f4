package io.github.lambdasdlc.workflow;

import io.github.lambdasdlc.runtime.LambdaRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * The Java runtime a function is prepared to, decided before any call: AWS's runtime table (see
 * {@link LambdaRuntime}) on the day of the build, and the Java version the build's classes are compiled for. An
 * OS-only runtime ({@code provided.al2023}) is accepted too, for Java built as a native image or bundled as a
 * custom runtime: the package then carries its own {@code bootstrap}.
 */
public final class JavaRuntimes {
  /** A class file's major version minus this is its Java release (61: Java 17). */
  private static final int CLASS_FILE_RELEASE_OFFSET = 44;

  private JavaRuntimes() {
  }

  /**
   * The runtime to prepare the function to: the one set, checked; else the oldest Java runtime Lambda supports
   * on {@code today} that runs classes of {@code release} (release 17 on 2026-11-29: java21), which is the one
   * closest to what the classes were compiled and tested for.
   *
   * @param configured the runtime the user set, or null/blank
   * @param setting the setting's name for messages, such as {@code lambda-sdlc.runtime}
   * @param release the Java release the build's classes are compiled for, when known
   * @throws WorkflowException (a user error) when the runtime set is not a Java runtime, when AWS refuses updates
   *     to it on that day, or when it (or any runtime, if none is set) cannot run the classes
   */
  public static String resolve(String configured, String setting, OptionalInt release, LocalDate today,
      WorkflowListener listener) {
    List<LambdaRuntime> supported = LambdaRuntime.supportedJava(today);
    String classes = release.isPresent() ? "this build's classes (compiled for Java " + release.getAsInt() + ")"
        : "this build's classes";
    if (configured == null || configured.isBlank()) {
      int needed = release.orElse(0);
      LambdaRuntime chosen = supported.stream().filter(r -> r.javaVersion().getAsInt() >= needed).findFirst()
          .orElseThrow(() -> WorkflowException.userError("No Java runtime Lambda offers runs " + classes
              + ": the newest is " + supported.get(supported.size() - 1).id() + ". Compile for an older release"
              + " (maven.compiler.release)."));
      listener.info("Runtime: " + chosen.id() + " (the oldest Java runtime Lambda supports that runs " + classes
          + "; set " + setting + " to choose another)");
      return chosen.id();
    }
    String id = check(configured, setting);
    LambdaRuntime runtime = LambdaRuntime.find(id).orElseThrow();
    String instead = isOsOnly(id) ? "" : suggestion(supported, release);
    if (runtime.isUpdateBlockedOn(today)) {
      throw WorkflowException.userError("AWS Lambda no longer accepts the runtime " + id + " (" + setting + "):"
          + " functions cannot be created on it since " + runtime.createBlock() + " nor updated to it since "
          + runtime.updateBlock() + ". AWS recommends " + runtime.successor() + instead + ".");
    }
    if (runtime.isDeprecatedOn(today)) {
      listener.warn("The runtime " + id + " (" + setting + ") is deprecated since " + runtime.deprecated()
          + ": AWS refuses functions on it from " + runtime.createBlock() + " and updates to it from "
          + runtime.updateBlock() + ". AWS recommends " + runtime.successor() + instead + ".");
    }
    if (isOsOnly(id)) {
      return id; // the package's bootstrap brings its own JVM, or is a native image
    }
    if (release.isPresent() && runtime.javaVersion().getAsInt() < release.getAsInt()) {
      throw WorkflowException.userError("The runtime " + id + " (" + setting + ") runs Java "
          + runtime.javaVersion().getAsInt() + ", which cannot load " + classes + ". Choose a newer runtime"
          + instead + ", or compile for release " + runtime.javaVersion().getAsInt() + ".");
    }
    return id;
  }

  /** Names the runtime prepare would choose, as an alternative in messages. */
  private static String suggestion(List<LambdaRuntime> supported, OptionalInt release) {
    int needed = release.orElse(0);
    return supported.stream().filter(r -> r.javaVersion().getAsInt() >= needed).findFirst()
        .map(r -> "; " + r.id() + " is the oldest supported runtime that runs " + (release.isPresent()
            ? "classes compiled for Java " + needed : "this build's classes")
            + " (leave the setting out and prepare chooses it)")
        .orElse("");
  }

  /**
   * @return the runtime, trimmed
   * @throws WorkflowException when it is neither a Java runtime nor an OS-only runtime Lambda knows
   */
  public static String check(String runtime, String setting) {
    String id = runtime == null ? null : runtime.trim();
    if (id == null || !runsJavaBuilds(id)) {
      LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
      List<String> offered = new java.util.ArrayList<>(LambdaRuntime.supportedJava(today).stream()
          .map(LambdaRuntime::id).toList());
      LambdaRuntime.all().stream().filter(r -> isOsOnly(r.id()) && !r.isDeprecatedOn(today))
          .forEach(r -> offered.add(r.id() + " (a native image or custom runtime with lambda-sdlc.bootstrap)"));
      throw WorkflowException.userError("The runtime '" + runtime + "' (" + setting + ") is not a Java runtime"
          + " Lambda offers. Use one of: " + String.join(", ", offered) + ".");
    }
    return id;
  }

  /** Whether the runtime is one of the catalogue's Java runtimes. */
  public static boolean isJava(String runtime) {
    return runtime != null && LambdaRuntime.find(runtime).filter(r -> r.javaVersion().isPresent()).isPresent();
  }

  /** Whether the runtime is an OS-only one ({@code provided.al2023}, {@code provided.al2}): it runs a bootstrap. */
  public static boolean isOsOnly(String runtime) {
    // Not the Amazon Linux 1 "provided", retired long ago.
    return runtime != null && runtime.startsWith("provided.") && LambdaRuntime.find(runtime).isPresent();
  }

  /** Whether this build's Java can run on the runtime: a Java runtime, or an OS-only one with a bootstrap. */
  public static boolean runsJavaBuilds(String runtime) {
    return isJava(runtime) || isOsOnly(runtime);
  }

  /**
   * The newest Java release the classes under {@code classesDir} are compiled for (from their class-file
   * versions), or empty when there are none (the build has not compiled yet).
   */
  public static OptionalInt classesRelease(Path classesDir) {
    if (!Files.isDirectory(classesDir)) {
      return OptionalInt.empty();
    }
    try (Stream<Path> files = Files.walk(classesDir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".class") && Files.isRegularFile(p))
          .mapToInt(JavaRuntimes::release).filter(r -> r > 0).max();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the classes in " + classesDir + ": " + e.getMessage(), e);
    }
  }

  private static int release(Path classFile) {
    try (InputStream in = Files.newInputStream(classFile)) {
      byte[] head = in.readNBytes(8);
      boolean isClass = head.length == 8 && (head[0] & 0xFF) == 0xCA && (head[1] & 0xFF) == 0xFE
          && (head[2] & 0xFF) == 0xBA && (head[3] & 0xFF) == 0xBE;
      return isClass ? ((head[6] & 0xFF) << 8 | (head[7] & 0xFF)) - CLASS_FILE_RELEASE_OFFSET : 0;
    } catch (IOException e) {
      return 0; // unreadable: the package step will say so
    }
  }
}
