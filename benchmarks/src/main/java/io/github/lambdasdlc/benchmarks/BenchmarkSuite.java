package io.github.lambdasdlc.benchmarks;

import io.github.lambdasdlc.local.LocalCloud;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The benchmark suite: runs each measurement, writes the results as Markdown to {@code bench.output} and
 * prints them. Run it with {@code ./mvnw -Pbench -pl benchmarks -am verify -DskipPluginTests}
 * (docs/benchmarks.md explains each figure).
 */
public final class BenchmarkSuite {
  private BenchmarkSuite() {
  }

  public static void main(String[] args) throws Exception {
    // The local cloud warns once that a Java runtime runs on another JDK; the report says which JDK it was.
    java.util.logging.Logger.getLogger("io.github.lambdasdlc").setLevel(java.util.logging.Level.SEVERE);
    Settings settings = Settings.fromSystemProperties();
    deleteTree(settings.work());
    Files.createDirectories(settings.work());
    Instant started = Instant.now();
    String loadBefore = Machine.loadAverage();

    Report report = new Report();
    report.title("lambda-sdlc benchmark results");
    report.paragraph("Machine: " + Machine.describe() + ".\n\nStarted " + started + "; load average at start "
        + loadBefore + (settings.quick() ? ".\n\n**Quick run (bench.quick=true): too few samples, the figures mean"
        + " nothing.**" : "."));

    List<Section> sections = new ArrayList<>();
    sections.add(new Section("warm", "cold", "flip", () -> InvokeSections.run(settings, report)));
    sections.add(new Section("deploy", null, null, () -> DeploySections.inProcess(settings, report)));
    sections.add(new Section("mvn", null, null, () -> DeploySections.mavenProcesses(settings, report)));
    sections.add(new Section("control", null, null, () -> ControlPlaneSection.run(settings, report)));
    sections.add(new Section("footprint", null, null, () -> FootprintSection.run(settings, report)));
    for (Section s : sections) {
      if (settings.runs(s.name) || (s.alias1 != null && settings.runs(s.alias1))
          || (s.alias2 != null && settings.runs(s.alias2))) {
        long t0 = System.nanoTime();
        System.out.println("[bench] " + s.name + " ...");
        s.body.run();
        System.out.printf("[bench] %s done in %.0f s%n", s.name, (System.nanoTime() - t0) / 1e9);
      }
    }
    Duration took = Duration.between(started, Instant.now());
    report.paragraph("The whole run took " + took.toSeconds() + " s; load average at the end " + Machine.loadAverage()
        + ".");
    String markdown = report.markdown();
    Files.createDirectories(settings.output().getParent());
    Files.writeString(settings.output(), markdown);
    System.out.println();
    System.out.println(markdown);
    System.out.println("[bench] written to " + settings.output());
  }

  /** A named part of the suite (with up to two other names that select it). */
  private record Section(String name, String alias1, String alias2, Body body) {
  }

  @FunctionalInterface
  interface Body {
    void run() throws Exception;
  }

  /** A local cloud on its own state directory under the work directory. */
  static LocalCloud cloud(Settings settings, String name, java.util.function.UnaryOperator<LocalCloudConfig.Builder> config)
      throws IOException {
    Path dir = settings.work().resolve(name);
    deleteTree(dir);
    Files.createDirectories(dir);
    return LocalCloud.start(config.apply(LocalCloudConfig.builder(dir)).build());
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
