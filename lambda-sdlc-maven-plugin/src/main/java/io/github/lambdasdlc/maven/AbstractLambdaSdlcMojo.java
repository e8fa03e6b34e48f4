package io.github.lambdasdlc.maven;

import io.github.lambdasdlc.workflow.WorkflowException;
import io.github.lambdasdlc.workflow.WorkflowListener;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.AbstractMojoExecutionException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every goal of the project's build shares: the skip switches, a check of the goal's settings before
 * any work ({@link #checkSettings}), and the mapping of workflow errors to Maven's: a
 * {@link WorkflowException} the user can fix fails the build with its fix as the message
 * ({@link MojoFailureException}); anything else is an error of the build ({@link MojoExecutionException}).
 * Goals that work on a stack extend {@link AbstractStackMojo}, which adds where the stack lives.
 */
public abstract class AbstractLambdaSdlcMojo extends AbstractMojo {
  /** The project property init sets to the function's name, for the later goals and for tests. */
  public static final String FUNCTION_NAME_PROPERTY = "lambda-sdlc.functionName";
  /** The project property init sets to the function's ARN. */
  public static final String FUNCTION_ARN_PROPERTY = "lambda-sdlc.functionArn";
  /** The project property set to the endpoint URL when the goals work on the local cloud or another URL. */
  public static final String ENDPOINT_URL_PROPERTY = "lambda-sdlc.endpointUrl";

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  protected MavenProject project;

  /** Skips every lambda-sdlc goal. */
  @Parameter(property = "lambda-sdlc.skip", defaultValue = "false")
  protected boolean skip;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping " + goal() + " (lambda-sdlc.skip).");
      return;
    }
    String skipReason = skipReason();
    if (skipReason != null) {
      getLog().info("Skipping " + goal() + " (" + skipReason + ").");
      return;
    }
    MavenProgress progress = new MavenProgress(getLog());
    try {
      checkSettings(progress);
      work(progress);
    } catch (WorkflowException e) {
      AbstractMojoExecutionException mapped = toMojoException(e);
      if (mapped instanceof MojoFailureException f) {
        throw f;
      }
      throw (MojoExecutionException) mapped;
    }
  }

  /** The goal's name, for messages. */
  protected abstract String goal();

  /** Why this goal is skipped (its own skip switch, say), or null to run it. */
  protected abstract String skipReason();

  /**
   * Checks the goal's own settings before it does anything (reaches an endpoint, writes a file), so that a
   * bad value fails at once, naming the setting. Throws {@link WorkflowException#userError} to fail.
   */
  protected void checkSettings(WorkflowListener progress) {
  }

  /** The goal's work, once it is neither skipped nor refused by {@link #checkSettings}. */
  protected abstract void work(WorkflowListener progress) throws MojoFailureException;

  /**
   * A user's mistake fails the build with its fix; anything else is an error of the build. The workflow's
   * exception is attached as suppressed, not as the cause: Maven's error line appends the message of every
   * cause it does not already contain, which would repeat the service's words after ours, or bury the fix
   * under the SDK's 1,300-character provider chain. {@code -e} and {@code -X} still print it, with its cause.
   */
  static AbstractMojoExecutionException toMojoException(WorkflowException e) {
    AbstractMojoExecutionException mapped = e.isUserFault() ? new MojoFailureException(e.getMessage())
        : new MojoExecutionException(e.getMessage());
    mapped.addSuppressed(e);
    return mapped;
  }

  /** A user's mistake outside the workflow (a goal without AWS clients), attached the same way. */
  static MojoFailureException userFailure(Exception e) {
    MojoFailureException failure = new MojoFailureException(e.getMessage());
    failure.addSuppressed(e);
    return failure;
  }

  static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
