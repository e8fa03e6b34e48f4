package io.github.lambdasdlc.local.lambda.execution;

import io.github.lambdasdlc.runtime.LocalRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Python runtimes: the local Python 3 running the bootstrap this package ships ({@code lambda_bootstrap.py}),
 * with one warning per runtime when its minor version is not the runtime's.
 */
final class PythonRuntimeFamily extends InterpretedRuntimeFamily {
  PythonRuntimeFamily(Path runtimeRoot, String pythonCommand, Consumer<String> warnings) {
    super(runtimeRoot.resolve("python"), new LocalInterpreter("Python", pythonCommand, List.of("-c",
        "import sys; print(sys.executable); print(sys.version_info[0]); print(sys.version_info[1])"),
        "Install Python 3 or configure the local cloud's Python command.", warnings), "lambda_bootstrap.py", true);
  }

  @Override
  public LocalRunner runner() {
    return LocalRunner.PYTHON;
  }
}
