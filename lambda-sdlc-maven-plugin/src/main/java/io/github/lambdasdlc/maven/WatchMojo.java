package io.github.lambdasdlc.maven;

import io.github.lambdasdlc.workflow.AwsClients;
import io.github.lambdasdlc.workflow.CodeWatch;
import io.github.lambdasdlc.workflow.WorkflowListener;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Watches the project's build output ({@code target/classes}) and pushes a new deployment package to the
 * function each time the IDE (or {@code mvn compile}) changes it, so that the next invocation runs the new code
 * without a Maven run. The package is deploy's (the classes, and the runtime dependencies' jars as resolved
 * when the goal starts); a change is pushed once the directory has been quiet for {@code watchQuietMillis}, in
 * one line, and not at all when its CodeSha256 is the function's already. Runs until Ctrl-C. For the command
 * line, next to {@code mvn lambda-sdlc:local}: {@code mvn lambda-sdlc:watch -Dlambda-sdlc.endpoint=local}.
 */
@Mojo(name = "watch", threadSafe = true, requiresDependencyResolution = ResolutionScope.RUNTIME)
public class WatchMojo extends AbstractPackagingMojo {

  /**
   * How long the build output must stay unchanged after a change before the package is built and pushed, in
   * milliseconds: an IDE writes many files per compile.
   */
  @Parameter(property = "lambda-sdlc.watch.quietMillis", defaultValue = "500")
  private int watchQuietMillis;

  /** Skips this goal. */
  @Parameter(property = "lambda-sdlc.watch.skip", defaultValue = "false")
  private boolean skipWatch;

  @Override
  protected String goal() {
    return "watch";
  }

  @Override
  protected String skipReason() {
    return skipWatch ? "lambda-sdlc.watch.skip" : null;
  }

  @Override
  protected void run(AwsClients clients, WorkflowListener progress) {
    String name = functionName(clients, progress);
    Path classes = Path.of(project.getBuild().getOutputDirectory());
    Path output = Path.of(project.getBuild().getDirectory(), project.getBuild().getFinalName() + "-lambda.zip");
    Duration quiet = Duration.ofMillis(Math.max(50, watchQuietMillis));
    new CodeWatch(clients, progress).watch(new CodeWatch.Request(name, classes,
        () -> lambdaPackageForComparison(output), quiet), () -> true);
  }
}
