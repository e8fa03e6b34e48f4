package io.github.lambdasdlc.maven;

import io.github.lambdasdlc.workflow.AwsClients;
import io.github.lambdasdlc.workflow.StackHistory;
import io.github.lambdasdlc.workflow.WorkflowListener;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Prints the stack's history, changing nothing: its newest events, oldest first (time, status, resource
 * type, logical id, reason), as the CloudFormation console's Events tab shows them. Once the stack is
 * deleted, it shows the events of the newest deleted stack of that name, which CloudFormation keeps for 90
 * days. For the command line: {@code mvn lambda-sdlc:events -Dlambda-sdlc.events=50}.
 */
@Mojo(name = "events", threadSafe = true)
public class EventsMojo extends AbstractStackMojo {

  /** How many of the stack's newest events to print, 1 or more. */
  @Parameter(property = "lambda-sdlc.events", defaultValue = "20")
  private int events;

  /** Skips this goal. */
  @Parameter(property = "lambda-sdlc.events.skip", defaultValue = "false")
  private boolean skipEvents;

  private StackHistory.Request request;

  @Override
  protected String goal() {
    return "events";
  }

  @Override
  protected String skipReason() {
    return skipEvents ? "lambda-sdlc.events.skip" : null;
  }

  @Override
  protected void checkSettings(WorkflowListener progress) {
    request = new StackHistory.Request(stackName, events); // a bad count is reported before any endpoint is reached
  }

  @Override
  protected void run(AwsClients clients, WorkflowListener progress) {
    new StackHistory(clients, progress).print(request);
  }
}
