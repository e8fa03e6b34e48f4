package io.github.lambdasdlc.workflow;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
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
    Stack stack;
    try {
      stack = clients.cloudFormation().describeStacks(b -> b.stackName(stackName)).stacks().get(0);
    } catch (AwsServiceException e) {
      if (e.awsErrorDetails() != null && "ValidationError".equals(e.awsErrorDetails().errorCode())
          && String.valueOf(e.awsErrorDetails().errorMessage()).contains("does not exist")) {
        throw WorkflowException.userError("Stack " + stackName + " does not exist on " + clients.target().describe()
            + ". Run mvn lambda-sdlc:init (bound to the initialize phase) to create it, or point"
            + " lambda-sdlc.stackName (or lambda-sdlc.functionName) at an existing one.", e);
      }
      throw SdkErrors.explain(e, clients.target(), "describing stack " + stackName);
    } catch (SdkException e) {
      throw SdkErrors.explain(e, clients.target(), "describing stack " + stackName);
    }
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
    StackResourceSummary chosen;
    if (functionLogicalId != null) {
      chosen = functions.stream().filter(f -> f.logicalResourceId().equals(functionLogicalId)).findFirst()
          .orElseThrow(() -> WorkflowException.userError("Stack " + stack.stackName() + " has no AWS::Lambda::Function"
              + " with logical id " + functionLogicalId + " (lambda-sdlc.functionLogicalId). Its functions: "
              + (ids.isEmpty() ? "none" : String.join(", ", ids)) + "."));
    } else if (functions.size() == 1) {
      chosen = functions.get(0);
    } else if (functions.isEmpty()) {
      throw WorkflowException.userError("Stack " + stack.stackName() + " has no AWS::Lambda::Function. Add one to "
          + templateSource + ".");
    } else {
      throw WorkflowException.userError("Stack " + stack.stackName() + " has several functions (" + String.join(", ", ids)
          + "). Choose one with -Dlambda-sdlc.functionLogicalId=ID (or <functionLogicalId>).");
    }
    String arn;
    try {
      arn = clients.lambda().getFunctionConfiguration(b -> b.functionName(chosen.physicalResourceId())).functionArn();
    } catch (SdkException e) {
      throw SdkErrors.explain(e, clients.target(), "reading function " + chosen.physicalResourceId());
    }
    return new StackFunction(stack.stackId(), chosen.logicalResourceId(), chosen.physicalResourceId(), arn);
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
