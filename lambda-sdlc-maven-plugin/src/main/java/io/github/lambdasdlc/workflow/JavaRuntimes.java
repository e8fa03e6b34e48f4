package io.github.lambdasdlc.workflow;

import java.util.List;

/** The Java runtimes Lambda offers for zip functions (late 2026), newest first. */
public final class JavaRuntimes {
  public static final List<String> SUPPORTED = List.of("java25", "java21", "java17", "java11", "java8.al2");
  public static final String DEFAULT = "java21";

  private JavaRuntimes() {
  }

  /**
   * @throws WorkflowException when the runtime is not a Java runtime Lambda offers
   */
  public static String check(String runtime, String setting) {
    if (runtime == null || !SUPPORTED.contains(runtime.trim())) {
      throw WorkflowException.userError("The runtime '" + runtime + "' (" + setting + ") is not a Java runtime"
          + " Lambda offers. Use one of: " + String.join(", ", SUPPORTED) + ".");
    }
    return runtime.trim();
  }

  public static boolean isJava(String runtime) {
    return runtime != null && runtime.startsWith("java");
  }
}
