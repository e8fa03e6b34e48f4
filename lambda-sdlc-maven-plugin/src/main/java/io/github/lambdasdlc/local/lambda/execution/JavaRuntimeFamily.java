package io.github.lambdasdlc.local.lambda.execution;

import io.github.lambdasdlc.local.lambda.ExecutableFunction;
import io.github.lambdasdlc.runtime.LambdaRuntime;
import io.github.lambdasdlc.runtime.LocalRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Java runtimes: a child JVM on a JDK of the runtime's version (see {@link JdkLocator}, which warns once per
 * runtime when it takes another) running AWS's runtime interface client with the JVM flags of Lambda's Java
 * runtimes, and a class-data-sharing archive of the client learned on this machine ({@link ClassDataSharing}).
 */
final class JavaRuntimeFamily implements RuntimeFamily {
  /**
   * Lambda's Java runtimes open java.io to the runtime client, which makes the descriptor of
   * _LAMBDA_TELEMETRY_LOG_FD through FileDescriptor's private constructor.
   */
  static final String OPEN_JAVA_IO = "--add-opens=java.base/java.io=ALL-UNNAMED";

  private final Path dir;
  private final JdkLocator jdks;
  private final ClassDataSharing classDataSharing;
  private volatile RicClassPath ric;

  JavaRuntimeFamily(Path runtimeRoot, List<Path> jdkHomes, boolean classDataSharing, Consumer<String> warnings) {
    this.dir = runtimeRoot.resolve("java");
    this.jdks = JdkLocator.forThisMachine(jdkHomes, warnings);
    this.classDataSharing = classDataSharing ? new ClassDataSharing(dir.resolve("cds"), warnings) : null;
  }

  @Override
  public LocalRunner runner() {
    return LocalRunner.JAVA;
  }

  @Override
  public void close() {
    if (classDataSharing != null) {
      classDataSharing.close();
    }
  }

  @Override
  public RuntimeLauncher.Launch launch(LambdaRuntime runtime, ExecutableFunction function, Path taskRoot) {
    RicClassPath classPath = ric;
    if (classPath == null) {
      synchronized (this) {
        if (ric == null) {
          ric = RicClassPath.locate(JavaRuntimeFamily.class.getClassLoader(), dir);
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
    return new RuntimeLauncher.Launch(cmd, jdk.home().resolve("bin") + ":" + RuntimeLauncher.SYSTEM_PATH, dir,
        cds.followUp());
  }

  @Override
  public Debugger.Mode debugMode(Debugger debugger, ExecutableFunction function, RuntimeLauncher.Launch launch) {
    return debugger.jdwp(function);
  }
}
