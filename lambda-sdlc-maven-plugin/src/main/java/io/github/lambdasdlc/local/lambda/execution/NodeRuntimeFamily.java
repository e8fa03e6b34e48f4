package io.github.lambdasdlc.local.lambda.execution;

import io.github.lambdasdlc.local.lambda.ExecutableFunction;
import io.github.lambdasdlc.runtime.LocalRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Node.js runtimes: the local {@code node} running the bootstrap this package ships ({@code lambda-bootstrap.mjs}),
 * with one warning per runtime when its major version is not the runtime's.
 */
final class NodeRuntimeFamily extends InterpretedRuntimeFamily {
  NodeRuntimeFamily(Path runtimeRoot, String nodeCommand, Consumer<String> warnings) {
    super(runtimeRoot.resolve("nodejs"), new LocalInterpreter("Node.js", nodeCommand, List.of("-e",
        "const v = process.versions.node.split('.'); console.log(process.execPath); console.log(v[0]);"
            + " console.log(v[1])"),
        "Install Node.js or configure the local cloud's Node.js command.", warnings), "lambda-bootstrap.mjs", false);
  }

  @Override
  public LocalRunner runner() {
    return LocalRunner.NODEJS;
  }

  /** As Lambda's Node.js runtimes: modules the runtime provides, then the function's own directory. */
  @Override
  Map<String, String> environment(Path runtimeDir, Path taskRoot) {
    return Map.of("NODE_PATH", runtimeDir.resolve("node_modules") + ":" + runtimeDir + ":" + taskRoot);
  }

  @Override
  public Debugger.Mode debugMode(Debugger debugger, ExecutableFunction function, RuntimeLauncher.Launch launch) {
    return debugger.inspector(function);
  }
}
