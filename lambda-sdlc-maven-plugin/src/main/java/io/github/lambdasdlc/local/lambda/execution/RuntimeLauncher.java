package io.github.lambdasdlc.local.lambda.execution;

import io.github.lambdasdlc.local.core.AwsError;
import io.github.lambdasdlc.local.lambda.ExecutableFunction;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * How each runtime's process is started. Java: a child JVM on a JDK of the runtime's version (see
 * {@link JdkLocator}) running AWS's runtime interface client with the JVM flags of Lambda's Java
 * runtimes. Python: the local Python 3 running the bootstrap this package ships.
 */
final class RuntimeLauncher {
  /**
   * A runtime process to start: its command line, its PATH, its runtime directory, who wants to hear how its
   * first invocation went, and whether it waits for a debugger (then the function's timeout is lifted).
   */
  record Launch(List<String> command, String path, Path runtimeDir, FirstInvocation firstInvocation,
      boolean debugging) {
    Launch(List<String> command, String path, Path runtimeDir, FirstInvocation firstInvocation) {
      this(command, path, runtimeDir, firstInvocation, false);
    }

    Launch(List<String> command, String path, Path runtimeDir) {
      this(command, path, runtimeDir, FirstInvocation.NOTHING);
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

  /**
   * Lambda's Java runtimes open java.io to the runtime client, which makes the descriptor of
   * _LAMBDA_TELEMETRY_LOG_FD through FileDescriptor's private constructor.
   */
  static final String OPEN_JAVA_IO = "--add-opens=java.base/java.io=ALL-UNNAMED";
  private static final String BOOTSTRAP_RESOURCE = "lambda_bootstrap.py";
  private static final String SYSTEM_PATH = "/usr/local/bin:/usr/bin:/bin";

  private final Path runtimeRoot;
  private final String pythonCommand;
  private final JdkLocator jdks;
  private final Consumer<String> warnings;
  private final Set<String> warned = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean pipesSwept = new AtomicBoolean();
  private final ClassDataSharing classDataSharing;
  private final Debugger debugger;
  private final Consumer<String> notices;
  private volatile Boolean debugpy;
  private volatile RicClassPath ric;
  private volatile PythonInterpreter python;

  /** The interpreter {@code python3} resolves to, found once by asking it. */
  private record PythonInterpreter(Path executable, int major, int minor) {
  }

  RuntimeLauncher(Path runtimeRoot, List<Path> jdkHomes, String pythonCommand, boolean classDataSharing,
      Consumer<String> warnings) {
    this(runtimeRoot, jdkHomes, pythonCommand, classDataSharing, warnings, 0, warnings);
  }

  /**
   * @param debugPort the port on 127.0.0.1 where runtimes wait for a debugger, or 0 for none
   * @param notices where to say that a runtime waits for a debugger, and how to attach
   */
  RuntimeLauncher(Path runtimeRoot, List<Path> jdkHomes, String pythonCommand, boolean classDataSharing,
      Consumer<String> warnings, int debugPort, Consumer<String> notices) {
    this.debugger = new Debugger(debugPort);
    this.notices = notices;
    this.runtimeRoot = runtimeRoot;
    this.pythonCommand = pythonCommand;
    this.jdks = JdkLocator.forThisMachine(jdkHomes, warnings);
    this.warnings = warnings;
    this.classDataSharing = classDataSharing
        ? new ClassDataSharing(runtimeRoot.resolve("java").resolve("cds"), warnings) : null;
  }

  /** Stops background work (a class-data-sharing dump). */
  void close() {
    if (classDataSharing != null) {
      classDataSharing.close();
    }
  }

  Launch launch(RuntimeSpec runtime, ExecutableFunction function) {
    return runtime.language() == RuntimeSpec.Language.JAVA ? java(runtime, function) : python(runtime, function);
  }

  private Launch java(RuntimeSpec runtime, ExecutableFunction function) {
    Path dir = runtimeRoot.resolve("java");
    RicClassPath classPath = ric;
    if (classPath == null) {
      synchronized (this) {
        if (ric == null) {
          ric = RicClassPath.locate(RuntimeLauncher.class.getClassLoader(), dir);
        }
        classPath = ric;
      }
    }
    JdkLocator.Jdk jdk = jdks.forRuntime(runtime);
    List<String> cmd = new ArrayList<>();
    cmd.add(jdk.javaExecutable().toString());
    // Lambda's Java runtimes: 85% of the memory for the heap, serial GC, C1 only, class data sharing
    // (here an archive of the runtime client's classes, learned on this machine: see ClassDataSharing).
    long heapKb = Math.round(function.memorySize() * 1024L * 0.85);
    cmd.add("-XX:MaxHeapSize=" + heapKb + "k");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-XX:+TieredCompilation");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-Xshare:auto");
    ClassDataSharing.Options cds = classDataSharing == null ? ClassDataSharing.Options.NONE
        : classDataSharing.options(jdk, classPath.jars());
    cmd.addAll(cds.jvmOptions());
    if (jdk.major() >= 11) {
      cmd.add("-XX:+ErrorFileToStderr");
    }
    if (jdk.major() >= 9) {
      // As Lambda's Java runtimes do: the runtime client makes the descriptor of _LAMBDA_TELEMETRY_LOG_FD
      // through FileDescriptor's private constructor, and without this writes its log events to stdout.
      cmd.add(OPEN_JAVA_IO);
    }
    cmd.add("-D" + RicClassPath.JNI_PROPERTY + "=" + classPath.jniLibrary());
    cmd.add("-cp");
    cmd.add(classPath.jars().stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)));
    cmd.add(RicClassPath.MAIN_CLASS);
    cmd.add(function.handler());
    if (debugger.enabled()) {
      debugger.awaitPortFree(function);
      cmd.addAll(1, debugger.jvmOptions());
      notices.accept(debugger.javaNotice(function));
    }
    return new Launch(cmd, jdk.home().resolve("bin") + ":" + SYSTEM_PATH, dir, cds.followUp(), debugger.enabled());
  }

  private Launch python(RuntimeSpec runtime, ExecutableFunction function) {
    PythonInterpreter interpreter = python();
    if (interpreter.minor() != runtime.minor() && warned.add(runtime.id())) {
      warnings.accept("Lambda runtime " + runtime.id() + " runs on the local Python " + interpreter.major() + "."
          + interpreter.minor() + " (" + interpreter.executable() + ").");
    }
    Path dir = runtimeRoot.resolve("python");
    Path bootstrap = dir.resolve(BOOTSTRAP_RESOURCE);
    writeBootstrap(bootstrap);
    List<String> cmd = new ArrayList<>(List.of(interpreter.executable().toString(), bootstrap.toString()));
    boolean debugging = debugger.enabled() && hasDebugpy(interpreter, function);
    if (debugging) {
      debugger.awaitPortFree(function);
      cmd.addAll(1, debugger.debugpyArguments());
      notices.accept(debugger.pythonNotice(function));
    }
    return new Launch(cmd, interpreter.executable().getParent() + ":" + SYSTEM_PATH, dir, FirstInvocation.NOTHING,
        debugging);
  }

  /** Whether the interpreter can import debugpy (asked once); says so when it cannot. */
  private boolean hasDebugpy(PythonInterpreter interpreter, ExecutableFunction function) {
    Boolean known = debugpy;
    if (known == null) {
      try {
        Process p = new ProcessBuilder(interpreter.executable().toString(), "-c", "import debugpy")
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().close();
        known = p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        if (p.isAlive()) {
          p.destroyForcibly();
        }
      } catch (IOException e) {
        known = false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        known = false;
      }
      debugpy = known;
    }
    if (!known) {
      notices.accept(debugger.noDebugpy(function, interpreter.executable().toString()));
    }
    return known;
  }

  /**
   * A new pipe for a runtime's framed log events (Java's and Python's runtimes write each log call as one
   * frame when given one), or null, with a warning once, where named pipes cannot be made: the runtime then
   * writes them to stdout, where a log call without a line break runs into the next line.
   */
  TelemetryPipe telemetryPipe() {
    Path dir = runtimeRoot.resolve("pipes");
    if (pipesSwept.compareAndSet(false, true)) {
      TelemetryPipe.removeLeftovers(dir);
    }
    try {
      return TelemetryPipe.create(dir);
    } catch (IOException e) {
      if (warned.add(TelemetryPipe.VARIABLE)) {
        warnings.accept("The local cloud cannot make a named pipe for functions' log events under " + runtimeRoot
            + " (" + e.getMessage() + "): each log call of a function is not an event of its own, as it is on AWS,"
            + " but goes to stdout.");
      }
      return null;
    }
  }

  private synchronized void writeBootstrap(Path target) {
    try (InputStream in = RuntimeLauncher.class.getResourceAsStream(BOOTSTRAP_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("The Python bootstrap " + BOOTSTRAP_RESOURCE + " is missing from the plugin");
      }
      byte[] content = in.readAllBytes();
      if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), content)) {
        return;
      }
      Files.createDirectories(target.getParent());
      Path tmp = target.resolveSibling(BOOTSTRAP_RESOURCE + ".tmp");
      Files.write(tmp, content);
      Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the Python bootstrap to " + target, e);
    }
  }

  /**
   * Asks the configured command which interpreter it is; shims such as pyenv's need the caller's own
   * environment to resolve, the function's process then runs the real executable in a clean one.
   */
  private PythonInterpreter python() {
    PythonInterpreter known = python;
    if (known != null) {
      return known;
    }
    String why;
    try {
      Process p = new ProcessBuilder(pythonCommand, "-c",
          "import sys; print(sys.executable); print(sys.version_info[0]); print(sys.version_info[1])")
          .redirectErrorStream(true).start();
      p.getOutputStream().close();
      boolean done = p.waitFor(20, TimeUnit.SECONDS);
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!done) {
        p.destroyForcibly();
        why = "it did not answer within 20 seconds";
      } else if (p.exitValue() != 0) {
        why = "it failed with exit status " + p.exitValue() + ": " + out;
      } else {
        String[] lines = out.split("\\R");
        if (lines.length >= 3 && Integer.parseInt(lines[lines.length - 2].trim()) == 3) {
          known = new PythonInterpreter(Path.of(lines[lines.length - 3].trim()),
              3, Integer.parseInt(lines[lines.length - 1].trim()));
          python = known;
          return known;
        }
        why = "it is not Python 3: " + out;
      }
    } catch (IOException e) {
      why = "it cannot be started (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      why = "interrupted";
    } catch (NumberFormatException e) {
      why = "its version cannot be read";
    }
    throw new AwsError(502, "InvalidRuntimeException", "The local cloud cannot run Python functions: the Python"
        + " interpreter '" + pythonCommand + "' is not usable: " + why + ". Install Python 3 or configure the"
        + " local cloud's Python command.", false);
  }
}
