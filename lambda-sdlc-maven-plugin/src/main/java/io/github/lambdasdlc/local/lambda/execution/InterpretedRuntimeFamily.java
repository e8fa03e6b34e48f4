package io.github.lambdasdlc.local.lambda.execution;

import io.github.lambdasdlc.local.lambda.ExecutableFunction;
import io.github.lambdasdlc.runtime.LambdaRuntime;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A family whose runtime is a local interpreter running a bootstrap this package ships: the interpreter is found
 * once (see {@link LocalInterpreter}), the bootstrap written once into the family's runtime directory, and the
 * process is {@code <interpreter> <bootstrap>}.
 */
abstract class InterpretedRuntimeFamily implements RuntimeFamily {
  private final Path dir;
  private final LocalInterpreter interpreter;
  private final String bootstrap;
  private final boolean sameMinor;

  /**
   * @param dir the family's runtime directory ({@code LAMBDA_RUNTIME_DIR})
   * @param bootstrap the bootstrap resource's name, next to this class
   * @param sameMinor whether a different minor version of the interpreter is worth a warning (Python), or only a
   *     different major (Node.js)
   */
  InterpretedRuntimeFamily(Path dir, LocalInterpreter interpreter, String bootstrap, boolean sameMinor) {
    this.dir = dir;
    this.interpreter = interpreter;
    this.bootstrap = bootstrap;
    this.sameMinor = sameMinor;
  }

  /** The family's own variables for a process, which a function may override. */
  Map<String, String> environment(Path runtimeDir, Path taskRoot) {
    return Map.of();
  }

  @Override
  public RuntimeLauncher.Launch launch(LambdaRuntime runtime, ExecutableFunction function, Path taskRoot) {
    LocalInterpreter.Found found = interpreter.forRuntime(runtime, sameMinor);
    Path script = BootstrapResource.write(bootstrap, dir);
    return new RuntimeLauncher.Launch(List.of(found.executable().toString(), script.toString()),
        found.executable().getParent() + ":" + RuntimeLauncher.SYSTEM_PATH, dir,
        RuntimeLauncher.FirstInvocation.NOTHING, environment(dir, taskRoot), null);
  }
}
