package io.github.lambdasdlc.local.lambda.execution;

import io.github.lambdasdlc.local.core.AwsError;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Lambda runtime identifier the engine can run: its language and version.
 *
 * @param id the runtime as configured, such as {@code java21} or {@code python3.13}
 * @param language the runtime family
 * @param major the Java feature version (8, 11, 17, 21, 25) or Python's major version (3)
 * @param minor Python's minor version; 0 for Java
 */
record RuntimeSpec(String id, Language language, int major, int minor) {

  enum Language { JAVA, PYTHON }

  private static final Pattern JAVA = Pattern.compile("java(8\\.al2|11|17|21|25)");
  private static final Pattern PYTHON = Pattern.compile("python3\\.(1[0-4])");

  /**
   * @throws AwsError InvalidRuntimeException (502) for a runtime this local cloud cannot run
   */
  static RuntimeSpec parse(String runtime) {
    if (runtime != null) {
      Matcher java = JAVA.matcher(runtime);
      if (java.matches()) {
        String v = java.group(1);
        return new RuntimeSpec(runtime, Language.JAVA, v.startsWith("8") ? 8 : Integer.parseInt(v), 0);
      }
      Matcher python = PYTHON.matcher(runtime);
      if (python.matches()) {
        return new RuntimeSpec(runtime, Language.PYTHON, 3, Integer.parseInt(python.group(1)));
      }
    }
    throw new AwsError(502, "InvalidRuntimeException", "The local cloud cannot run functions of runtime " + runtime
        + ": it runs java8.al2, java11, java17, java21, java25 and python3.10 to python3.14.", false);
  }

  /** {@code AWS_EXECUTION_ENV} as Lambda sets it. */
  String executionEnv() {
    return "AWS_Lambda_" + id;
  }
}
