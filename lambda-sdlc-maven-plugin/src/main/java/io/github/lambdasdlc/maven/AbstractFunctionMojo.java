package io.github.lambdasdlc.maven;

import io.github.lambdasdlc.workflow.AwsClients;
import io.github.lambdasdlc.workflow.StackFunction;
import io.github.lambdasdlc.workflow.WorkflowListener;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * A goal that works on the stack's function after init: prepare, deploy, integration-test. The function is
 * the one init resolved earlier in the same build, else {@code functionName}, else the stack's function.
 */
public abstract class AbstractFunctionMojo extends AbstractStackMojo {

  /**
   * The Lambda function's name or ARN. Normally left unset: init sets it for the goals after it, and
   * without init it is read from the stack.
   */
  @Parameter(property = FUNCTION_NAME_PROPERTY)
  protected String functionName;

  /**
   * The logical id of the stack's function to work on. Needed only when the stack has several
   * {@code AWS::Lambda::Function} resources.
   */
  @Parameter(property = "lambda-sdlc.functionLogicalId")
  protected String functionLogicalId;

  /** The function to work on; resolving it from the stack says which one it is. */
  protected String functionName(AwsClients clients, WorkflowListener progress) {
    String named = namedFunction(progress);
    if (named != null) {
      return named;
    }
    StackFunction function = StackFunction.resolve(clients, stackName, blankToNull(functionLogicalId));
    progress.info("Function " + function.logicalId() + " of stack " + stackName + ": " + function.functionName());
    project.getProperties().setProperty(FUNCTION_NAME_PROPERTY, function.functionName());
    project.getProperties().setProperty(FUNCTION_ARN_PROPERTY, function.functionArn());
    return function.functionName();
  }

  /** The function init resolved earlier in this build, else {@code functionName}; null: the stack's function. */
  protected String namedFunction(WorkflowListener progress) {
    String fromInit = project.getProperties().getProperty(FUNCTION_NAME_PROPERTY);
    if (!isBlank(fromInit)) {
      progress.debug("Function " + fromInit + " (from init in this build)");
      return fromInit.trim();
    }
    if (!isBlank(functionName)) {
      progress.debug("Function " + functionName + " (lambda-sdlc.functionName)");
      return functionName.trim();
    }
    return null;
  }

  static String blankToNull(String s) {
    return isBlank(s) ? null : s.trim();
  }
}
