package io.github.lambdasdlc.local.lambda.execution;

import io.github.lambdasdlc.local.core.AwsError;
import io.github.lambdasdlc.runtime.LambdaRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The local interpreter of a language ({@code python3}, {@code node}): found once by asking the configured
 * command for its executable and version (shims such as pyenv's or nvm's need the caller's environment to
 * resolve; the function's process then runs the real executable in a clean one), and one warning per runtime
 * when its version is not the runtime's.
 */
final class LocalInterpreter {
  /** What the command answered: the executable it really is and its version. */
  record Found(Path executable, int major, int minor) {
  }

  private final String language;
  private final String command;
  private final List<String> probe;
  private final String install;
  private final Consumer<String> warnings;
  private final Set<String> warned = ConcurrentHashMap.newKeySet();
  private volatile Found found;

  /**
   * @param language the language's name in messages ("Python", "Node.js")
   * @param command the configured command, looked up on the PATH or a path
   * @param probe the arguments that make it print its executable, its major and its minor version, a line each
   * @param install what to do when the command is not usable, ending the error message
   */
  LocalInterpreter(String language, String command, List<String> probe, String install, Consumer<String> warnings) {
    this.language = language;
    this.command = command;
    this.probe = List.copyOf(probe);
    this.install = install;
    this.warnings = warnings;
  }

  /**
   * The interpreter for a runtime, warning once per runtime when {@code sameMinor} and the minor version
   * differ too, or when the major version differs.
   *
   * @throws AwsError InvalidRuntimeException (502) when the command is not usable
   */
  Found forRuntime(LambdaRuntime runtime, boolean sameMinor) {
    Found interpreter = find();
    boolean differs = interpreter.major() != runtime.majorVersion()
        || sameMinor && interpreter.minor() != runtime.minorVersion();
    if (differs && warned.add(runtime.id())) {
      warnings.accept("Lambda runtime " + runtime.id() + " runs on the local " + language + " " + interpreter.major()
          + "." + interpreter.minor() + " (" + interpreter.executable() + ").");
    }
    return interpreter;
  }

  private Found find() {
    Found known = found;
    if (known != null) {
      return known;
    }
    String why;
    try {
      List<String> cmd = new ArrayList<>();
      cmd.add(command);
      cmd.addAll(probe);
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
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
        if (lines.length < 3) {
          why = "it answered " + out;
        } else {
          known = new Found(Path.of(lines[lines.length - 3].trim()), Integer.parseInt(lines[lines.length - 2].trim()),
              Integer.parseInt(lines[lines.length - 1].trim()));
          found = known;
          return known;
        }
      }
    } catch (IOException e) {
      why = "it cannot be started (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      why = "interrupted";
    } catch (NumberFormatException e) {
      why = "its version cannot be read";
    }
    throw new AwsError(502, "InvalidRuntimeException", "The local cloud cannot run " + language + " functions: the "
        + language + " interpreter '" + command + "' is not usable: " + why + ". " + install, false);
  }
}
