package io.github.lambdasdlc.maven;

import io.github.lambdasdlc.workflow.AwsClients;
import io.github.lambdasdlc.workflow.StackTeardown;
import io.github.lambdasdlc.workflow.WorkflowListener;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Deletes the stack (every resource it holds with it) and waits until it is gone, printing its
 * events. On AWS it needs {@code -Dlambda-sdlc.confirm=<stackName>}; on the local cloud or another endpoint
 * URL it does not. A stack with termination protection is left alone (the message says how to lift it); a
 * stack that does not exist is nothing to do. For the command line only: {@code mvn lambda-sdlc:destroy}.
 */
@Mojo(name = "destroy", threadSafe = true)
public class DestroyMojo extends AbstractStackMojo {

  /** On AWS, the stack's name, to confirm that it is to be deleted. Not needed elsewhere. */
  @Parameter(property = "lambda-sdlc.confirm")
  private String confirm;

  /** Skips this goal. */
  @Parameter(property = "lambda-sdlc.destroy.skip", defaultValue = "false")
  private boolean skipDestroy;

  @Override
  protected String goal() {
    return "destroy";
  }

  @Override
  protected String skipReason() {
    return skipDestroy ? "lambda-sdlc.destroy.skip" : null;
  }

  @Override
  protected void run(AwsClients clients, WorkflowListener progress) {
    new StackTeardown(clients, progress).destroy(new StackTeardown.Request(stackName, confirm));
    // Later goals of the same build must not take the deleted function for a live one.
    project.getProperties().remove(FUNCTION_NAME_PROPERTY);
    project.getProperties().remove(FUNCTION_ARN_PROPERTY);
  }
}
