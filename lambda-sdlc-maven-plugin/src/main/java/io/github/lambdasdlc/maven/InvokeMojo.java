package io.github.lambdasdlc.maven;

import io.github.lambdasdlc.workflow.AdHocInvocation;
import io.github.lambdasdlc.workflow.AwsClients;
import io.github.lambdasdlc.workflow.WorkflowListener;
import java.io.File;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Invokes the live function once with a payload of your choice and prints its response (indented when it
 * is JSON), its error if any, the log tail Lambda returns and the REPORT figures. A function error fails
 * the goal with the function's errorType and errorMessage. For the command line:
 * <code>mvn lambda-sdlc:invoke -Dlambda-sdlc.payload='{"name":"Ada"}'</code>.
 */
// <code>, not {@code}: the help generator ends {@code} at the example's first closing brace.
@Mojo(name = "invoke", threadSafe = true)
public class InvokeMojo extends AbstractFunctionMojo {

  /** The event to send, as JSON text. Unset (and no payloadFile): {@code {}}. */
  @Parameter(property = "lambda-sdlc.payload")
  private String payload;

  /** A file holding the event to send, as JSON. Exclusive with {@code payload}. */
  @Parameter(property = "lambda-sdlc.payloadFile")
  private File payloadFile;

  /** A version or alias to invoke. Unset: $LATEST. */
  @Parameter(property = "lambda-sdlc.qualifier")
  private String qualifier;

  /** Skips this goal. */
  @Parameter(property = "lambda-sdlc.invoke.skip", defaultValue = "false")
  private boolean skipInvoke;

  private AdHocInvocation.Payload event;

  @Override
  protected String goal() {
    return "invoke";
  }

  @Override
  protected String skipReason() {
    return skipInvoke ? "lambda-sdlc.invoke.skip" : null;
  }

  @Override
  protected void checkSettings(WorkflowListener progress) {
    // A bad payload is reported before any endpoint is reached.
    event = AdHocInvocation.payload(payload, payloadFile == null ? null : payloadFile.toPath());
  }

  @Override
  protected void run(AwsClients clients, WorkflowListener progress) {
    String name = functionName(clients, progress);
    new AdHocInvocation(clients, progress).invoke(new AdHocInvocation.Request(name, event, blankToNull(qualifier)));
  }
}
