package io.github.lambdasdlc.local.lambda.execution;

import io.github.lambdasdlc.local.lambda.ExecutableFunction;
import io.github.lambdasdlc.runtime.LambdaRuntime;
import io.github.lambdasdlc.runtime.LocalRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * OS-only runtimes ({@code provided.al2023}, {@code provided.al2}): the function's own {@code bootstrap} executable
 * at the root of its code (a GraalVM native image, a Go or Rust binary, a script starting a JVM), run with the
 * Runtime API environment. A bootstrap that is missing or not executable fails the initialisation with Lambda's
 * {@code Runtime.InvalidEntrypoint}. Layers, Lambda's other place for a bootstrap, are not emulated.
 */
final class ProvidedRuntimeFamily implements RuntimeFamily {
  static final String BOOTSTRAP = "bootstrap";

  private final Path dir;

  ProvidedRuntimeFamily(Path runtimeRoot) {
    this.dir = runtimeRoot.resolve("provided");
  }

  @Override
  public LocalRunner runner() {
    return LocalRunner.PROVIDED;
  }

  /** Lambda defines no {@code AWS_EXECUTION_ENV} for OS-only runtimes. */
  @Override
  public String executionEnv(LambdaRuntime runtime) {
    return null;
  }

  @Override
  public RuntimeLauncher.Launch launch(LambdaRuntime runtime, ExecutableFunction function, Path taskRoot) {
    Path bootstrap = taskRoot.resolve(BOOTSTRAP);
    String invalid = null;
    if (!Files.isRegularFile(bootstrap)) {
      invalid = "Couldn't find valid bootstrap(s): [" + bootstrap + "]";
    } else if (!Files.isExecutable(bootstrap)) {
      invalid = "fork/exec " + bootstrap + ": permission denied";
    }
    // Without a bootstrap to start, the process only exits, and the environment reports Lambda's error.
    List<String> command = invalid == null ? List.of(bootstrap.toString()) : List.of(shell(), "-c", "exit 126");
    return new RuntimeLauncher.Launch(command, RuntimeLauncher.SYSTEM_PATH, dir, RuntimeLauncher.FirstInvocation.NOTHING,
        Map.of(), invalid);
  }

  private static String shell() {
    return Files.isExecutable(Path.of("/bin/sh")) ? "/bin/sh" : "sh";
  }

  @Override
  public Debugger.Mode debugMode(Debugger debugger, ExecutableFunction function, RuntimeLauncher.Launch launch) {
    return debugger.without(function, "its bootstrap is the function's own program, which the local cloud cannot"
        + " start for a debugger (a native image takes no JDWP agent: debug the same code on a java runtime).");
  }
}
