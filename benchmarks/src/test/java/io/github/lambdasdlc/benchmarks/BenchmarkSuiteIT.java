package io.github.lambdasdlc.benchmarks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Runs the benchmark suite (failsafe's forked JVM is the measured process); only in the bench profile. */
class BenchmarkSuiteIT {
  @Test
  void runTheSuite() throws Exception {
    BenchmarkSuite.main(new String[0]);
    Path output = Path.of(System.getProperty("bench.output"));
    assertTrue(Files.size(output) > 0, "the suite wrote no results to " + output);
  }
}
