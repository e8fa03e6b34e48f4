package io.github.lambdasdlc.local.lambda.execution;

import io.github.lambdasdlc.local.lambda.ExecutableFunction;
import io.github.lambdasdlc.runtime.LambdaRuntime;
import io.github.lambdasdlc.runtime.LocalRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Node.js runtimes: the local {@code node} running the bootstrap this package ships ({@code lambda-bootstrap.mjs}),
 * with one warning per runtime when its major version is not the runtime's.
 */
final class NodeRuntimeFamily implements RuntimeFamily {
  static final String BOOTSTRAP = "lambda-bootstrap.mjs";

  private final Path dir;
  private final LocalInterpreter node;

  NodeRuntimeFamily(Path runtimeRoot, String nodeCommand, Consumer<String> warnings) {
    this.dir = runtimeRoot.resolve("nodejs");
    this.node = new LocalInterpreter("Node.js", nodeCommand, List.of("-e",
        "const v = process.versions.node.split('.'); console.log(process.execPath); console.log(v[0]);"
            + " console.log(v[1])"),
        "Install Node.js or configure the local cloud's Node.js command.", warnings);
  }

  @Override
  public LocalRunner runner() {
    return LocalRunner.NODEJS;
  }

  @Override
  public RuntimeLauncher.Launch launch(LambdaRuntime runtime, ExecutableFunction function, Path taskRoot) {
    LocalInterpreter.Found interpreter = node.forRuntime(runtime, false);
    Path bootstrap = BootstrapResource.write(BOOTSTRAP, dir);
    // As Lambda's Node.js runtimes: modules the runtime provides, then the function's own directory.
    String nodePath = dir.resolve("node_modules") + ":" + dir + ":" + taskRoot;
    return new RuntimeLauncher.Launch(List.of(interpreter.executable().toString(), bootstrap.toString()),
        interpreter.executable().getParent() + ":" + RuntimeLauncher.SYSTEM_PATH, dir,
        RuntimeLauncher.FirstInvocation.NOTHING, Map.of("NODE_PATH", nodePath), null);
  }

  @Override
  public Debugger.Mode debugMode(Debugger debugger, ExecutableFunction function, RuntimeLauncher.Launch launch) {
    return debugger.inspector(function);
  }
}
