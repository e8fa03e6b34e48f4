package io.github.lambdasdlc.benchmarks;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The suite's settings, from system properties the POM passes: where the repository and the freshly built
 * plugin are, which sections to run ({@code bench.only=warm,cold,flip,deploy,mvn,control,footprint} or
 * {@code all}), and {@code bench.quick=true} for a smoke run with few samples (figures then mean nothing).
 */
record Settings(Path repoRoot, Path pluginJar, String pluginVersion, Path mavenRepo, Path output, Path work,
    Set<String> only, boolean quick) {

  static Settings fromSystemProperties() {
    Path repoRoot = Path.of(required("bench.repoRoot")).toAbsolutePath().normalize();
    Path output = Path.of(System.getProperty("bench.output",
        repoRoot.resolve("benchmarks/target/benchmark-results.md").toString())).toAbsolutePath();
    Set<String> only = Arrays.stream(System.getProperty("bench.only", "all").split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    return new Settings(repoRoot, Path.of(required("bench.pluginJar")), required("bench.pluginVersion"),
        Path.of(System.getProperty("bench.mavenRepo", System.getProperty("user.home") + "/.m2/repository")),
        output, output.getParent().resolve("bench-work"), only,
        Boolean.parseBoolean(System.getProperty("bench.quick", "false")));
  }

  boolean runs(String section) {
    return only.contains("all") || only.contains(section);
  }

  /** {@code full} samples normally, {@code smoke} in a quick run. */
  int samples(int full, int smoke) {
    return quick ? smoke : full;
  }

  private static String required(String name) {
    String v = System.getProperty(name);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("Missing -D" + name + " (run the suite through Maven, see docs/benchmarks.md)");
    }
    return v;
  }
}
