package io.github.lambdasdlc.local.lambda.execution;

import io.github.lambdasdlc.local.core.AwsError;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import io.github.lambdasdlc.local.lambda.ExecutableFunction;
import io.github.lambdasdlc.runtime.LambdaRuntime;
import io.github.lambdasdlc.runtime.LocalRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * How each runtime's process is started: the runtime catalogue ({@link LambdaRuntime}) says which runner a
 * runtime needs, and the {@link RuntimeFamily} of that runner makes the launch. The families are registered here,
 * once each.
 */
final class RuntimeLauncher {
  /** The PATH a runtime process gets after its interpreter's own directory, as on Lambda's images. */
  static final String SYSTEM_PATH = "/usr/local/bin:/usr/bin:/bin";

  /**
   * A runtime process to start: its command line, its PATH, its runtime directory, who wants to hear how its
   * first invocation went, the family's default variables (a function's own variables override them), and, when
   * the function's entrypoint cannot be started at all, Lambda's message for it (the command then only exits),
   * and whether it waits for a debugger (then the function's timeout is lifted).
   */
  record Launch(List<String> command, String path, Path runtimeDir, FirstInvocation firstInvocation,
      Map<String, String> environment, String invalidEntrypoint, boolean debugging) {
    Launch(List<String> command, String path, Path runtimeDir, FirstInvocation firstInvocation,
        Map<String, String> environment, String invalidEntrypoint) {
      this(command, path, runtimeDir, firstInvocation, environment, invalidEntrypoint, false);
    }

    Launch(List<String> command, String path, Path runtimeDir) {
      this(command, path, runtimeDir, FirstInvocation.NOTHING);
    }

    Launch(List<String> command, String path, Path runtimeDir, FirstInvocation firstInvocation) {
      this(command, path, runtimeDir, firstInvocation, Map.of(), null);
    }
  }

  /** What a launch wants to hear about its runtime's first invocation: exactly one of the two is called. */
  interface FirstInvocation {
    FirstInvocation NOTHING = new FirstInvocation() {
      @Override
      public void answered() {
      }

      @Override
      public void never() {
      }
    };

    /** The runtime answered its first invocation (with a result or the function's error). */
    void answered();

    /** The environment stopped before its runtime answered an invocation. */
    void never();
  }

  private final Path runtimeRoot;
  private final Consumer<String> warnings;
  private final Set<String> warned = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean pipesSwept = new AtomicBoolean();
  private final Map<LocalRunner, RuntimeFamily> families = new EnumMap<>(LocalRunner.class);
  private final Debugger debugger;

  RuntimeLauncher(Path runtimeRoot, LocalCloudConfig config, Consumer<String> warnings) {
    this(runtimeRoot, config, warnings, warnings);
  }

  /** @param notices where to say that a runtime waits for a debugger ({@code debugPort}), and how to attach */
  RuntimeLauncher(Path runtimeRoot, LocalCloudConfig config, Consumer<String> warnings, Consumer<String> notices) {
    this.debugger = new Debugger(config.debugPort(), notices);
    this.runtimeRoot = runtimeRoot;
    this.warnings = warnings;
    register(new JavaRuntimeFamily(runtimeRoot, config.jdkHomes(), config.javaClassDataSharing(), warnings));
    register(new PythonRuntimeFamily(runtimeRoot, config.pythonCommand(), warnings));
    register(new NodeRuntimeFamily(runtimeRoot, config.nodeCommand(), warnings));
    register(new ProvidedRuntimeFamily(runtimeRoot));
  }

  private void register(RuntimeFamily family) {
    families.put(family.runner(), family);
  }

  /** Stops background work (a class-data-sharing dump). */
  void close() {
    families.values().forEach(RuntimeFamily::close);
  }

  /**
   * The runtime of a function, when the local cloud runs it.
   *
   * @throws AwsError InvalidRuntimeException (502) for a runtime this local cloud cannot run, naming those it can
   */
  LambdaRuntime runtime(String id) {
    return LambdaRuntime.find(id).filter(r -> r.localRunner().map(families::containsKey).orElse(false))
        .orElseThrow(() -> new AwsError(502, "InvalidRuntimeException", "The local cloud cannot run functions of"
            + " runtime " + id + ": it runs " + LambdaRuntime.runnableLocally().stream()
                .filter(r -> families.containsKey(r.localRunner().orElseThrow()))
                .map(LambdaRuntime::id).collect(Collectors.joining(", ")) + ".", false));
  }

  Launch launch(LambdaRuntime runtime, ExecutableFunction function, Path taskRoot) {
    Launch launch = family(runtime).launch(runtime, function, taskRoot);
    return debugger.enabled() ? debugger.apply(family(runtime), function, launch) : launch;
  }

  /** {@code AWS_EXECUTION_ENV} for a runtime, or null when Lambda sets none. */
  String executionEnv(LambdaRuntime runtime) {
    return family(runtime).executionEnv(runtime);
  }

  private RuntimeFamily family(LambdaRuntime runtime) {
    return families.get(runtime.localRunner().orElseThrow());
  }

  /**
   * New pipes for a runtime's stdout, stderr and framed log events (Java's and Python's runtimes write each
   * log call as one frame when given a pipe for them), or null, with a warning once, where named pipes cannot
   * be made: the runtime then writes its log events to stdout, where a log call without a line break runs
   * into the next line, and the end of an invocation's output is where its output is quiet for a moment.
   */
  RuntimePipe.Set outputPipes() {
    Path dir = runtimeRoot.resolve("pipes");
    if (pipesSwept.compareAndSet(false, true)) {
      RuntimePipe.removeLeftovers(dir);
    }
    try {
      return RuntimePipe.Set.create(dir);
    } catch (IOException e) {
      if (warned.add(RuntimePipe.VARIABLE)) {
        warnings.accept("The local cloud cannot make named pipes for functions' output under " + runtimeRoot
            + " (" + e.getMessage() + "): each log call of a function is not an event of its own, as it is on AWS,"
            + " but goes to stdout, and each invocation waits for its function's output to be quiet for 10 ms.");
      }
      return null;
    }
  }
}
