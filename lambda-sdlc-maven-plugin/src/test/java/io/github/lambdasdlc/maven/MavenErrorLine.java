package io.github.lambdasdlc.maven;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.apache.maven.exception.DefaultExceptionHandler;
import org.apache.maven.lifecycle.LifecycleExecutionException;
import org.apache.maven.plugin.AbstractMojoExecutionException;

/**
 * What Maven prints for a goal's exception, computed by Maven's own {@link DefaultExceptionHandler}: the
 * {@code [ERROR] Failed to execute goal ...} line (which appends the message of every cause it does not
 * already contain), and the stack trace that {@code -e} adds.
 */
final class MavenErrorLine {
  private static final String PREFIX = "Failed to execute goal io.github.lambdasdlc:lambda-sdlc-maven-plugin:1:goal"
      + " (default-cli) on project p: ";

  private MavenErrorLine() {
  }

  /** The error line, without Maven's own prefix. */
  static String of(AbstractMojoExecutionException e) {
    String line = new DefaultExceptionHandler().handleException(new LifecycleExecutionException(PREFIX + e.getMessage(), e))
        .getMessage();
    return line.startsWith(PREFIX) ? line.substring(PREFIX.length()) : line;
  }

  /** What {@code mvn -e} prints below the error line. */
  static String withErrors(Throwable e) {
    StringWriter out = new StringWriter();
    e.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
