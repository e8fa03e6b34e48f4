package io.github.lambdasdlc.runtime;

import java.util.Optional;

/**
 * What the local cloud runs a runtime's functions with: the catalogue's one hand-written column. A runtime runs
 * locally when its family has a runner and it is at least the runner's oldest version (the runtimes of Amazon
 * Linux 2 and later; the older ones are long blocked on AWS too). The local cloud has one implementation of its
 * runtime family interface per runner, keyed by {@link #family()}.
 */
public enum LocalRunner {
  /** Java: a child JVM running AWS's runtime interface client (java8.al2 to java25; not the AL1 {@code java8}). */
  JAVA("java", 8, 0, "a child JVM with AWS's runtime interface client, on a local JDK of the runtime's version (else the"
      + " nearest newer one)"),
  /** Python: the local {@code python3} running the plugin's Python bootstrap. */
  PYTHON("python", 3, 10, "the local python3 with the plugin's Python bootstrap"),
  /** Node.js: the local {@code node} running the plugin's Node.js bootstrap. */
  NODEJS("nodejs", 20, 0, "the local node with the plugin's Node.js bootstrap"),
  /** OS-only runtimes: the function's own {@code bootstrap} executable. */
  PROVIDED("provided", 0, 0, "the function's own bootstrap executable");

  private final String family;
  private final int oldestMajor;
  private final int oldestMinor;
  private final String description;

  LocalRunner(String family, int oldestMajor, int oldestMinor, String description) {
    this.family = family;
    this.oldestMajor = oldestMajor;
    this.oldestMinor = oldestMinor;
    this.description = description;
  }

  /** The catalogue family it runs ({@link LambdaRuntime#family()}). */
  public String family() {
    return family;
  }

  /** What runs the functions, for messages and the README's runtime table. */
  public String description() {
    return description;
  }

  static Optional<LocalRunner> of(LambdaRuntime runtime) {
    for (LocalRunner runner : values()) {
      if (runner.family.equals(runtime.family()) && runner.runs(runtime)) {
        return Optional.of(runner);
      }
    }
    return Optional.empty();
  }

  private boolean runs(LambdaRuntime runtime) {
    if (runtime.id().equals("java8") || runtime.id().equals("provided")) {
      return false; // Amazon Linux 1, blocked on AWS since 2024
    }
    int major = runtime.majorVersion();
    return major > oldestMajor || major == oldestMajor && runtime.minorVersion() >= oldestMinor;
  }
}
