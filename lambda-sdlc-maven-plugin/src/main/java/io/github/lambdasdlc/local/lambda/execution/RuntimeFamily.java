package io.github.lambdasdlc.local.lambda.execution;

import io.github.lambdasdlc.local.lambda.ExecutableFunction;
import io.github.lambdasdlc.runtime.LambdaRuntime;
import io.github.lambdasdlc.runtime.LocalRunner;
import java.nio.file.Path;

/**
 * How the local cloud starts the runtime process of one family of Lambda runtimes (Java, Python, Node.js,
 * OS-only): its command line, its environment, the bootstrap it ships, and the local interpreter or JDK it
 * runs on (found once, with one warning per runtime when its version differs from the runtime's). Which
 * runtimes a family serves is the runtime catalogue's ({@link LocalRunner}); adding a language is one new
 * implementation (and its bootstrap resource) registered in {@link RuntimeLauncher}.
 */
interface RuntimeFamily {
  /** The catalogue's runner this family implements. */
  LocalRunner runner();

  /**
   * The process to start for a new execution environment of {@code function}, whose code is unpacked in
   * {@code taskRoot} (the process's working directory).
   *
   * @throws io.github.lambdasdlc.local.core.AwsError InvalidRuntimeException (502) when the machine cannot run it
   *     (no interpreter), with what to install
   */
  RuntimeLauncher.Launch launch(LambdaRuntime runtime, ExecutableFunction function, Path taskRoot);

  /** {@code AWS_EXECUTION_ENV} as Lambda sets it for the runtime, or null when Lambda sets none. */
  default String executionEnv(LambdaRuntime runtime) {
    return "AWS_Lambda_" + runtime.id();
  }

  /**
   * How this family's runtime waits for a debugger ({@code lambda-sdlc.debugPort}): the arguments after its
   * interpreter in {@code launch}'s command, or why it cannot. Default: it cannot.
   */
  default Debugger.Mode debugMode(Debugger debugger, ExecutableFunction function, RuntimeLauncher.Launch launch) {
    return debugger.without(function, "the local cloud does not attach debuggers to " + runner() + " runtimes.");
  }

  /** Stops background work (a JVM's class-data-sharing dump); the launcher calls it when the engine closes. */
  default void close() {
  }
}
