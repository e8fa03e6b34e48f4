package io.github.lambdasdlc.local.lambda.execution;

import io.github.lambdasdlc.local.lambda.ExecutableFunction;
import io.github.lambdasdlc.runtime.LocalRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Python runtimes: the local Python 3 running the bootstrap this package ships ({@code lambda_bootstrap.py}),
 * with one warning per runtime when its minor version is not the runtime's.
 */
final class PythonRuntimeFamily extends InterpretedRuntimeFamily {
  private final java.util.Map<String, Boolean> debugpy = new java.util.concurrent.ConcurrentHashMap<>();

  PythonRuntimeFamily(Path runtimeRoot, String pythonCommand, Consumer<String> warnings) {
    super(runtimeRoot.resolve("python"), new LocalInterpreter("Python", pythonCommand, List.of("-c",
        "import sys; print(sys.executable); print(sys.version_info[0]); print(sys.version_info[1])"),
        "Install Python 3 or configure the local cloud's Python command.", warnings), "lambda_bootstrap.py", true);
  }

  @Override
  public LocalRunner runner() {
    return LocalRunner.PYTHON;
  }

  /**
   * debugpy when the interpreter can import it (asked once per interpreter), else the function runs without
   * a debugger and a line says how to install it.
   */
  @Override
  public Debugger.Mode debugMode(Debugger debugger, ExecutableFunction function, RuntimeLauncher.Launch launch) {
    String interpreter = launch.command().get(0);
    boolean available = debugpy.computeIfAbsent(interpreter, PythonRuntimeFamily::canImportDebugpy);
    return available ? debugger.debugpy(function) : debugger.noDebugpy(function, interpreter);
  }

  private static boolean canImportDebugpy(String interpreter) {
    try {
      Process p = new ProcessBuilder(interpreter, "-c", "import debugpy").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      p.getOutputStream().close();
      boolean done = p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
      if (!done) {
        p.destroyForcibly();
      }
      return done && p.exitValue() == 0;
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
