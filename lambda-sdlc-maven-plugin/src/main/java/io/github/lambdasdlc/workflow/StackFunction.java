package io.github.lambdasdlc.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;

/**
 * The Lambda function of a stack that the SDLC works on: its only {@code AWS::Lambda::Function}, or the one
 * named by {@code functionLogicalId} when the stack has several. Used by init after converging the stack,
 * and by the other goals when the build did not run init.
 *
 * @param stackId the stack's ARN
 * @param logicalId the function's logical id in the template
 * @param functionName its physical name, which Lambda's API takes
 * @param functionArn its unqualified ARN
 */
public record StackFunction(String stackId, String logicalId, String functionName, String functionArn) {

  /**
   * Finds the function of an existing stack.
   *
   * @param functionLogicalId the function to choose, or null when the stack has exactly one
   * @throws WorkflowException (a user error) when the stack does not exist, is not usable, or has no such function
   */
  public static StackFunction resolve(AwsClients clients, String stackName, String functionLogicalId) {
    Stack stack = StackLookup.describe(clients, stackName).orElseThrow(() -> WorkflowException.userError("Stack "
        + stackName + " does not exist on " + clients.target().describe() + ". Run mvn lambda-sdlc:init (bound to the"
        + " initialize phase) to create it, or point lambda-sdlc.stackName (or lambda-sdlc.functionName) at an"
        + " existing one."));
    String status = stack.stackStatusAsString();
    if (status.equals("ROLLBACK_COMPLETE") || status.equals("ROLLBACK_FAILED") || status.equals("CREATE_FAILED")
        || status.equals("DELETE_COMPLETE") || status.startsWith("DELETE_")) {
      throw WorkflowException.userError("Stack " + stackName + " on " + clients.target().describe() + " is in " + status
          + ", so it has no function to work on. Run mvn lambda-sdlc:init -Dlambda-sdlc.recreateFailed=true to"
          + " create it again.");
    }
    return of(clients, stack, "the template", functionLogicalId);
  }

  /**
   * Finds the function of a stack already described.
   *
   * @param templateSource where the template came from, for the message when it declares no function
   */
  static StackFunction of(AwsClients clients, Stack stack, String templateSource, String functionLogicalId) {
    List<StackResourceSummary> functions = functionResources(clients, stack.stackId());
    List<String> ids = functions.stream().map(StackResourceSummary::logicalResourceId).toList();
    StackResourceSummary chosen = choose(stack.stackName(), functions, functionLogicalId, null).orElseThrow(() ->
        functionLogicalId != null ? WorkflowException.userError("Stack " + stack.stackName() + " has no"
            + " AWS::Lambda::Function with logical id " + functionLogicalId + " (lambda-sdlc.functionLogicalId). Its"
            + " functions: " + (ids.isEmpty() ? "none" : String.join(", ", ids)) + ".")
        : WorkflowException.userError("Stack " + stack.stackName() + " has no AWS::Lambda::Function. Add one to "
            + templateSource + "."));
    String arn;
    try {
      arn = clients.lambda().getFunctionConfiguration(b -> b.functionName(chosen.physicalResourceId())).functionArn();
    } catch (SdkException e) {
      throw SdkErrors.explain(e, clients.target(), "reading function " + chosen.physicalResourceId());
    }
    return new StackFunction(stack.stackId(), chosen.logicalResourceId(), chosen.physicalResourceId(), arn);
  }

  /**
   * The function of the stack a goal means: the one with {@code functionLogicalId}, else the one named
   * {@code functionName} (a name or ARN), else the stack's only function; empty when none matches.
   *
   * @throws WorkflowException (a user error) when the stack has several functions and nothing chooses one
   */
  static Optional<StackResourceSummary> choose(String stackName, List<StackResourceSummary> functions,
      String functionLogicalId, String functionName) {
    if (functionLogicalId != null) {
      return functions.stream().filter(f -> f.logicalResourceId().equals(functionLogicalId)).findFirst();
    }
    if (functionName != null) {
      return functions.stream().filter(f -> f.physicalResourceId().equals(functionName)
          || functionName.endsWith(":function:" + f.physicalResourceId())).findFirst();
    }
    if (functions.size() > 1) {
      throw WorkflowException.userError("Stack " + stackName + " has several functions (" + String.join(", ",
          functions.stream().map(StackResourceSummary::logicalResourceId).toList()) + "). Choose one with"
          + " -Dlambda-sdlc.functionLogicalId=ID (or <functionLogicalId>).");
    }
    return functions.stream().findFirst();
  }

  /** The stack's Lambda functions that exist (have a physical id). */
  static List<StackResourceSummary> functionResources(AwsClients clients, String stackId) {
    try {
      List<StackResourceSummary> out = new ArrayList<>();
      clients.cloudFormation().listStackResourcesPaginator(b -> b.stackName(stackId)).stackResourceSummaries()
          .forEach(r -> {
            if ("AWS::Lambda::Function".equals(r.resourceType()) && r.physicalResourceId() != null) {
              out.add(r);
            }
          });
      return out;
    } catch (SdkException e) {
      throw SdkErrors.explain(e, clients.target(), "listing the resources of stack " + stackId);
    }
  }
}
