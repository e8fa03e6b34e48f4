package io.github.lambdasdlc.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackResource;
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
    Optional<StackFunction> found = fromResources(clients, stackName, functionLogicalId);
    if (found.isPresent()) {
      return found.get();
    }
    // Anything but one usable function (none, several, a failed stack, a deleted function): the stack's status
    // and its full list of resources say what is wrong.
    Stack stack = StackLookup.describe(clients, stackName).orElseThrow(() -> doesNotExist(clients, stackName));
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
   * The function in one call, for a deploy with nothing to do that must cost two calls in all (this and the
   * function's CodeSha256): DescribeStackResources, of the logical id when one is given. Empty when the answer
   * does not settle it: no usable function, several, or a stack too large for one answer (AWS lists the first
   * 100 resources only). Its ARN is the stack's account and region with the function's name, as CloudFormation
   * creates it.
   */
  private static Optional<StackFunction> fromResources(AwsClients clients, String stackName, String functionLogicalId) {
    List<StackResource> resources;
    try {
      resources = clients.cloudFormation().describeStackResources(b -> b.stackName(stackName)
          .logicalResourceId(functionLogicalId)).stackResources();
    } catch (AwsServiceException e) {
      if (StackLookup.doesNotExist(e)) {
        throw doesNotExist(clients, stackName);
      }
      if (e.awsErrorDetails() != null && "ValidationError".equals(e.awsErrorDetails().errorCode())) {
        return Optional.empty(); // no such logical id, say: the full lookup names what the stack has
      }
      throw SdkErrors.explain(e, clients.target(), "describing the resources of stack " + stackName);
    } catch (SdkException e) {
      throw SdkErrors.explain(e, clients.target(), "describing the resources of stack " + stackName);
    }
    if (functionLogicalId == null && resources.size() >= DESCRIBE_STACK_RESOURCES_LIMIT) {
      return Optional.empty();
    }
    List<StackResource> functions = resources.stream().filter(r -> "AWS::Lambda::Function".equals(r.resourceType())
        && r.physicalResourceId() != null && USABLE.contains(r.resourceStatusAsString())).toList();
    if (functions.size() != 1 || functions.size() != resources.stream()
        .filter(r -> "AWS::Lambda::Function".equals(r.resourceType())).count()) {
      return Optional.empty();
    }
    StackResource f = functions.get(0);
    String[] stackArn = f.stackId().split(":");
    if (stackArn.length < 6) {
      return Optional.empty();
    }
    String arn = String.join(":", "arn", stackArn[1], "lambda", stackArn[3], stackArn[4], "function",
        f.physicalResourceId());
    return Optional.of(new StackFunction(f.stackId(), f.logicalResourceId(), f.physicalResourceId(), arn));
  }

  /** How many resources DescribeStackResources lists at most. */
  private static final int DESCRIBE_STACK_RESOURCES_LIMIT = 100;
  /** The statuses of a function that exists and was not left behind by a failed operation. */
  private static final Set<String> USABLE = Set.of("CREATE_COMPLETE", "UPDATE_COMPLETE", "IMPORT_COMPLETE",
      "UPDATE_ROLLBACK_COMPLETE", "IMPORT_ROLLBACK_COMPLETE");

  private static WorkflowException doesNotExist(AwsClients clients, String stackName) {
    return WorkflowException.userError("Stack " + stackName + " does not exist on " + clients.target().describe()
        + ". Run mvn lambda-sdlc:init (bound to the initialize phase) to create it, or point lambda-sdlc.stackName"
        + " (or lambda-sdlc.functionName) at an existing one.");
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
